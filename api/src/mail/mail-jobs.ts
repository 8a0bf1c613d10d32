import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MailLanguage } from '@jalon/domain';
import { WorkingCalendar, type PublicHolidays } from '@jalon/planning';
import { Clock, calendarDateInParis } from '../clock/clock';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { JobRunner, dailyOccurrence } from '../jobs/job-runner';
import { formatDay, formatWhen, mailWords } from './mail-i18n';
import { MailOutbox } from './mail-outbox';
import { MailPreferences } from './mail-preferences';
import { renderHtml, renderText, type MailBlock, type MailContent } from './mail-text';
import { MeetingMail } from './meeting-mail';

/** The hour (Europe/Paris) of the daily mails and of Monday's digest. */
export const MAIL_HOUR = 7;

const addDays = (date: string, days: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

/** ISO week of a calendar date, 'YYYY-Www' (the digest's occurrence key). */
export function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const hourInParis = (instant: Date): number => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(instant));

interface UpcomingMeeting {
  id: string;
  project_id: string;
  project_name: string;
  type: string;
  title: string;
  starts_at: Date;
  time_zone: string;
  status: string;
  items: number;
}

/**
 * Scheduled mails, each run once per occurrence across every instance (JobRunner's job_run row):
 * - daily at 07:00 (Paris): the agenda of each convened meeting two working days (of its
 *   project's calendar) before it, and the reminder to the project managers of a COPIL three
 *   working days away without an agenda. Both pick up any meeting whose moment has come and not
 *   yet been mailed (dedupe keys), so a missed day is caught up by the next run;
 * - Mondays at 07:00: each member's weekly digest (overdue and soon-due actions, risk
 *   treatments, tasks in progress), keyed by ISO week.
 * On start, `catchUp()` runs today's daily occurrence and this week's digest if their time has
 * passed: an instance that was down over 07:00 sends them once (the occurrence row makes a
 * second start, or a second instance, skip it).
 */
@Injectable()
export class MailJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailJobs.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
    private readonly jobs: JobRunner,
    private readonly clock: Clock,
    private readonly outbox: MailOutbox,
    private readonly preferences: MailPreferences,
    private readonly meetingMail: MeetingMail,
  ) {}

  onApplicationBootstrap(): void {
    // Tests call catchUp() themselves once they have set the clock.
    if (this.environment.NODE_ENV === 'test') return;
    void this.catchUp().catch((error: unknown) => this.logger.error({ message: 'Mail catch-up failed', error: String(error) }));
  }

  /** What the start does: today's daily mails and this week's digest, when their hour has passed. */
  async catchUp(): Promise<{ daily: boolean; digest: boolean }> {
    const now = this.clock.now();
    const today = calendarDateInParis(now);
    const pastHour = hourInParis(now) >= MAIL_HOUR;
    const daily = pastHour ? (await this.daily()).ran : false;
    const monday = addDays(today, -((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7));
    const digest = today > monday || pastHour ? (await this.weeklyDigest()).ran : false;
    return { daily, digest };
  }

  @Cron(`0 ${MAIL_HOUR} * * *`, { name: 'mail-daily', timeZone: 'Europe/Paris' })
  async daily(): Promise<{ ran: boolean }> {
    const outcome = await this.jobs.runOnce('mail-daily', dailyOccurrence(this.clock.now()), () => this.sendDaily());
    return { ran: outcome.ran };
  }

  @Cron(`0 ${MAIL_HOUR} * * 1`, { name: 'mail-digest', timeZone: 'Europe/Paris' })
  async weeklyDigest(): Promise<{ ran: boolean }> {
    const outcome = await this.jobs.runOnce('mail-digest', isoWeek(this.clock.today()), () => this.sendDigests());
    return { ran: outcome.ran };
  }

  private async calendars(manager: EntityManager, projectIds: string[]): Promise<Map<string, WorkingCalendar>> {
    const rows = (await manager.query(
      `SELECT project_id, working_weekdays AS "workingWeekdays", public_holidays AS "publicHolidays", extra_holidays AS "extraHolidays" FROM plan_settings WHERE project_id = ANY($1)`,
      [projectIds],
    )) as Array<{ project_id: string; workingWeekdays: number[]; publicHolidays: PublicHolidays; extraHolidays: string[] }>;
    const byProject = new Map(rows.map((row) => [row.project_id, new WorkingCalendar(row)]));
    for (const id of projectIds) if (!byProject.has(id)) byProject.set(id, new WorkingCalendar(null));
    return byProject;
  }

  /** Agendas (two working days before) and COPIL reminders (three working days before, no agenda); returns mails written. */
  async sendDaily(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const today = calendarDateInParis(now);
      const meetings = (await manager.query(
        `SELECT m.id, m.project_id, p.name AS project_name, m.type, m.title, m.starts_at, m.time_zone, m.status,
                (SELECT count(*)::int FROM meeting_agenda_item i WHERE i.meeting_id = m.id) AS items
           FROM meeting m JOIN project p ON p.id = m.project_id
          WHERE m.status IN ('brouillon', 'convoquee') AND m.starts_at > $1 AND m.starts_at < $2
          ORDER BY m.starts_at`,
        [now, new Date(now.getTime() + 21 * 86_400_000)],
      )) as UpcomingMeeting[];
      if (meetings.length === 0) return 0;
      const calendars = await this.calendars(manager, [...new Set(meetings.map((meeting) => meeting.project_id))]);
      let written = 0;
      for (const meeting of meetings) {
        const day = calendarDateInParis(new Date(meeting.starts_at));
        const calendar = calendars.get(meeting.project_id)!;
        if (meeting.status === 'convoquee' && today >= calendar.addWorkingDays(day, -2)) written += await this.sendAgenda(manager, meeting);
        if (meeting.type === 'copil' && meeting.items === 0 && today >= calendar.addWorkingDays(day, -3)) written += await this.sendReminder(manager, meeting, day);
      }
      return written;
    });
  }

  private async sendAgenda(manager: EntityManager, meeting: UpcomingMeeting): Promise<number> {
    const items = (await manager.query(`SELECT title, duration_minutes FROM meeting_agenda_item WHERE meeting_id = $1 ORDER BY position, id`, [meeting.id])) as Array<{ title: string; duration_minutes: number }>;
    const participants = (await manager.query(
      `SELECT mp.user_id AS "userId", coalesce(u.email, mp.email) AS email, coalesce(u.display_name, mp.name) AS name
         FROM meeting_participant mp LEFT JOIN app_user u ON u.id = mp.user_id WHERE mp.meeting_id = $1 AND (mp.user_id IS NULL OR u.is_active)`,
      [meeting.id],
    )) as Array<{ userId: string | null; email: string; name: string }>;
    const wanted = await this.preferences.wanting(manager, 'agenda', participants.map((participant) => participant.userId));
    let written = 0;
    for (const participant of participants) {
      if (participant.userId && !wanted.has(participant.userId)) continue;
      const language: MailLanguage = (participant.userId && wanted.get(participant.userId)) || 'fr';
      const words = mailWords(language);
      const subject = words.agenda(meeting.title);
      const content: MailContent = {
        subject,
        projectName: meeting.project_name,
        blocks: [
          { kind: 'heading', text: meeting.title },
          { kind: 'paragraph', text: formatWhen(new Date(meeting.starts_at), meeting.time_zone, language) },
          { kind: 'paragraph', text: items.length > 0 ? words.agendaBody : words.agendaEmpty },
          ...(items.length > 0 ? [{ kind: 'list', items: items.map((item) => (item.duration_minutes > 0 ? `${item.title} (${words.minutes(item.duration_minutes)})` : item.title)) } as MailBlock] : []),
          { kind: 'link', label: words.open, url: this.meetingMail.meetingLink(meeting.project_id, meeting.id) },
        ],
        footer: words.footer,
      };
      const id = await this.outbox.enqueue(manager, {
        projectId: meeting.project_id,
        kind: 'agenda',
        recipient: participant,
        subject,
        text: renderText(content),
        html: renderHtml(content, language),
        dedupeKey: `agenda:${meeting.id}:${participant.email.toLowerCase()}`,
      });
      if (id) written++;
    }
    return written;
  }

  private async sendReminder(manager: EntityManager, meeting: UpcomingMeeting, day: string): Promise<number> {
    const managers = (await manager.query(
      `SELECT u.id AS "userId", u.email, u.display_name AS name FROM project_member pm JOIN app_user u ON u.id = pm.user_id
        WHERE pm.project_id = $1 AND pm.role = 'project_manager' AND u.is_active`,
      [meeting.project_id],
    )) as Array<{ userId: string; email: string; name: string }>;
    const wanted = await this.preferences.wanting(manager, 'agenda_reminder', managers.map((pm) => pm.userId));
    let written = 0;
    for (const pm of managers) {
      const language = wanted.get(pm.userId);
      if (!language) continue;
      const words = mailWords(language);
      const subject = words.reminder(meeting.title);
      const content: MailContent = {
        subject,
        projectName: meeting.project_name,
        blocks: [
          { kind: 'heading', text: meeting.title },
          { kind: 'paragraph', text: words.reminderBody(formatDay(day, language)) },
          { kind: 'link', label: words.open, url: this.meetingMail.meetingLink(meeting.project_id, meeting.id) },
        ],
        footer: words.footer,
      };
      const id = await this.outbox.enqueue(manager, {
        projectId: meeting.project_id,
        kind: 'agenda_reminder',
        recipient: pm,
        subject,
        text: renderText(content),
        html: renderHtml(content, language),
        dedupeKey: `copil-reminder:${meeting.id}:${pm.userId}`,
      });
      if (id) written++;
    }
    return written;
  }

  /** One digest per member and project with something in it (and the digest wanted); returns mails written. */
  async sendDigests(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const today = this.clock.today();
      const week = isoWeek(today);
      const soon = addDays(today, 7);
      const members = (await manager.query(
        `SELECT pm.project_id, p.name AS project_name, u.id AS "userId", u.email, u.display_name AS name
           FROM project_member pm JOIN project p ON p.id = pm.project_id JOIN app_user u ON u.id = pm.user_id
          WHERE u.is_active ORDER BY p.name, u.display_name`,
      )) as Array<{ project_id: string; project_name: string; userId: string; email: string; name: string }>;
      const wanted = await this.preferences.wanting(manager, 'digest', members.map((member) => member.userId));
      type Item = { project_id: string; owner: string; title: string; due: string | null };
      const actions = (await manager.query(
        `SELECT project_id, owner_user_id AS owner, title, to_char(due_date, 'YYYY-MM-DD') AS due FROM meeting_action
          WHERE status IN ('a_faire', 'en_cours') AND due_date IS NOT NULL AND due_date <= $1 ORDER BY due_date, title`,
        [soon],
      )) as Item[];
      const treatments = (await manager.query(
        `SELECT project_id, owner_user_id AS owner, title, to_char(due_date, 'YYYY-MM-DD') AS due FROM risk_treatment
          WHERE owner_user_id IS NOT NULL AND status NOT IN ('done', 'cancelled') AND due_date IS NOT NULL AND due_date <= $1 ORDER BY due_date, title`,
        [soon],
      )) as Item[];
      const tasks = (await manager.query(
        `SELECT project_id, owner_user_id AS owner, name AS title, to_char(finish_date, 'YYYY-MM-DD') AS due FROM plan_task
          WHERE owner_user_id IS NOT NULL AND progress < 100 AND start_date <= $1 AND (finish_date IS NULL OR finish_date <= $2) ORDER BY finish_date, name`,
        [today, soon],
      )) as Item[];
      const mine = (items: Item[], projectId: string, userId: string) => items.filter((item) => item.project_id === projectId && item.owner === userId);
      let written = 0;
      for (const member of members) {
        const language = wanted.get(member.userId);
        if (!language) continue;
        const words = mailWords(language);
        const myActions = mine(actions, member.project_id, member.userId);
        const myTreatments = mine(treatments, member.project_id, member.userId);
        const myTasks = mine(tasks, member.project_id, member.userId);
        if (myActions.length + myTreatments.length + myTasks.length === 0) continue;
        const describe = (item: Item) => (item.due ? `${item.title} — ${words.due(formatDay(item.due, language))}` : item.title);
        const section = (title: string, items: Item[]): MailBlock[] => (items.length > 0 ? [{ kind: 'heading', text: title }, { kind: 'list', items: items.map(describe) }] : []);
        const overdue = myActions.filter((item) => item.due! < today);
        const subject = words.digest(member.project_name);
        const content: MailContent = {
          subject,
          projectName: member.project_name,
          blocks: [
            { kind: 'paragraph', text: words.digestBody },
            ...section(`${words.actions} — ${words.overdue}`, overdue),
            ...section(`${words.actions} — ${words.soonDue}`, myActions.filter((item) => item.due! >= today)),
            ...section(words.treatments, myTreatments),
            ...section(words.tasks, myTasks),
            { kind: 'link', label: words.open, url: `${this.environment.publicUrl}/projects/${member.project_id}/overview` },
          ],
          footer: words.footer,
        };
        const id = await this.outbox.enqueue(manager, {
          projectId: member.project_id,
          kind: 'digest',
          recipient: member,
          subject,
          text: renderText(content),
          html: renderHtml(content, language),
          dedupeKey: `digest:${week}:${member.project_id}:${member.userId}`,
        });
        if (id) written++;
      }
      return written;
    });
  }
}
