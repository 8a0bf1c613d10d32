/** Pages of the web app, named once so the shell, the router and the tests agree. */
export const PROJECT_PAGES = ['overview', 'planning', 'risks', 'meetings', 'acceptance'] as const;
export type ProjectPage = (typeof PROJECT_PAGES)[number];
