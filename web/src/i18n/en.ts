import { APP_EN } from './app.en';
import { PROJECTS_EN } from './projects.en';
import { UPCOMING_EN } from './upcoming.en';
import { AUTH_EN } from './auth.en';
import { MEMBERS_EN } from './members.en';
import { ADMIN_EN } from './admin.en';
import { AUDIT_EN } from './audit.en';
import { PLANNING_EN } from './planning.en';
import { GANTT_EN } from './gantt.en';
import { SHARED_EN } from './shared.en';
import { MYTASKS_EN } from './mytasks.en';
import { RISKS_EN } from './risks.en';
import { MEETINGS_EN } from './meetings.en';
import { ACCEPTANCE_EN } from './acceptance.en';
import { GONOGO_EN } from './gonogo.en';
import { MAIL_EN } from './mail.en';
import { MYWORK_EN } from './mywork.en';
import type { Translations } from './fr';

export const EN: Translations = {
  ...APP_EN,
  ...PROJECTS_EN,
  ...UPCOMING_EN,
  ...AUTH_EN,
  ...MEMBERS_EN,
  ...ADMIN_EN,
  ...AUDIT_EN,
  ...PLANNING_EN,
  ...GANTT_EN,
  ...SHARED_EN,
  ...MYTASKS_EN,
  ...RISKS_EN,
  ...MEETINGS_EN,
  ...ACCEPTANCE_EN,
  ...GONOGO_EN,
  ...MAIL_EN,
  ...MYWORK_EN,
};
