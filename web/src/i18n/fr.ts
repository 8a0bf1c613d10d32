import { APP_FR } from './app.fr';
import { PROJECTS_FR } from './projects.fr';
import { UPCOMING_FR } from './upcoming.fr';
import { AUTH_FR } from './auth.fr';
import { MEMBERS_FR } from './members.fr';
import { ADMIN_FR } from './admin.fr';
import { AUDIT_FR } from './audit.fr';
import { PLANNING_FR } from './planning.fr';
import { GANTT_FR } from './gantt.fr';
import { SHARED_FR } from './shared.fr';
import { MYTASKS_FR } from './mytasks.fr';
import { RISKS_FR } from './risks.fr';
import { MEETINGS_FR } from './meetings.fr';
import { ACCEPTANCE_FR } from './acceptance.fr';
import { GONOGO_FR } from './gonogo.fr';
import { MAIL_FR } from './mail.fr';
import { MYWORK_FR } from './mywork.fr';
import type { Shape } from './shape';

/**
 * French is the reference language: every key exists here first. Each feature keeps its texts in
 * its own pair of files (`<feature>.fr.ts`, `<feature>.en.ts`); the English file is typed by the
 * French one, so a missing or extra key fails the build.
 */
export const FR = {
  ...APP_FR,
  ...PROJECTS_FR,
  ...UPCOMING_FR,
  ...AUTH_FR,
  ...MEMBERS_FR,
  ...ADMIN_FR,
  ...AUDIT_FR,
  ...PLANNING_FR,
  ...GANTT_FR,
  ...SHARED_FR,
  ...MYTASKS_FR,
  ...RISKS_FR,
  ...MEETINGS_FR,
  ...ACCEPTANCE_FR,
  ...GONOGO_FR,
  ...MAIL_FR,
  ...MYWORK_FR,
};

/** Every other language must have exactly the French keys. */
export type Translations = Shape<typeof FR>;
