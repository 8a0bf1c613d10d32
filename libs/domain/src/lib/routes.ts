/** Pages of the web app, named once so the shell, the router and the tests agree. */
export const PROJECT_PAGES = ['planning', 'risks', 'committees', 'acceptance'] as const;
export type ProjectPage = (typeof PROJECT_PAGES)[number];
