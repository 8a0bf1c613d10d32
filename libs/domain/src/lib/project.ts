import type { ProjectRole } from './access';

/** The project "météo" shown to the steering committee. */
export const PROJECT_WEATHERS = ['sunny', 'cloudy', 'stormy'] as const;
export type ProjectWeather = (typeof PROJECT_WEATHERS)[number];

export const PROJECT_STATUSES = ['cadrage', 'in_progress', 'incubation', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** A project as the API returns it in lists and on its own. Dates are 'YYYY-MM-DD'. */
export interface ProjectSummary {
  id: string;
  name: string;
  company: string;
  description: string;
  status: ProjectStatus;
  weather: ProjectWeather;
  weatherComment: string;
  targetGoLive: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** The caller's role on the project; null for an instance administrator who is not a member. */
  myRole: ProjectRole | null;
}
