import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MeetingDto, ParticipantDto, SentMailDto, SentMailListDto } from '@jalon/domain';
import { createUser, memberOf, newProject, signIn, type ApiAgent } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';
import { Clock } from '../../api/src/clock/clock';
import { loadEnvironment, InvalidEnvironmentError } from '../../api/src/config/environment';
import { MailWorker } from '../../api/src/mail/mail-worker';
import { MailJobs } from '../../api/src/mail/mail-jobs';
import { createApp } from '../../api/src/bootstrap';
import type { INestApplication } from '@nestjs/common';

/** What the test's SMTP server received: the envelope and the parsed message. */
interface Received {
  envelopeTo: string[];
  raw: string;
  mail: ParsedMail;
}

/** A real SMTP server (the `smtp-server` package) on a fixed port, stopped and restarted by the tests. */
class TestSmtp {
  readonly received: Received[] = [];
  /** Every line the client sent (commands and data), to prove what reached the SMTP dialogue. */
  readonly dialogue: string[] = [];
  private server: SMTPServer | null = null;
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        this.dialogue.push(`RCPT TO:<${address.address}>`);
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.dialogue.push(raw);
          void simpleParser(raw).then((mail) => {
            this.received.push({ envelopeTo: session.envelope.rcptTo.map((to) => to.address), raw, mail });
            callback();
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): Received[] {
    return this.received.filter((mail) => mail.envelopeTo.includes(address));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The calendar part of a received mail: its MIME content type and the unfolded iCalendar text. */
function calendarPart(received: Received): { contentType: string; ics: string } {
  const part = /Content-Type: (text\/calendar[^\r\n]*(?:\r\n[ \t][^\r\n]*)*)\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/i.exec(received.raw);
  if (!part) throw new Error(`no text/calendar part in:\n${received.raw.slice(0, 2000)}`);
  const encoding = /Content-Transfer-Encoding: ([^\r\n]+)/i.exec(received.raw.slice(received.raw.indexOf(part[0])))?.[1]?.trim().toLowerCase();
  const body = part[2]!;
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
        : body;
  return { contentType: part[1]!.replace(/\r\n[ \t]/g, ' '), ics: text.replace(/\r\n[ \t]/g, '') };
}

const line = (ics: string, name: string): string | undefined => ics.split(/\r?\n/).find((l) => l.startsWith(name));

describe('Mail (HTTP, PostgreSQL, a real SMTP server)', () => {
  let smtp: TestSmtp;
  let testApp: TestApp;
  let dataSource: DataSource;
  let worker: MailWorker;
  let clock: Clock;

  beforeAll(async () => {
    smtp = new TestSmtp(await freePort());
    await smtp.start();
    testApp = await startTestApp({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      JALON_PUBLIC_URL: 'https://jalon.test',
      JALON_MAIL_FROM: 'Jalon <jalon@jalon.test>',
      JALON_MAIL_MAX_ATTEMPTS: '5',
    });
    dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    worker = testApp.app.get(MailWorker);
    clock = testApp.app.get(Clock);
    clock.set('2027-02-15T08:00:00Z');
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  async function copilWithParticipants(title = 'COPIL de mars') {
    const project = await newProject(testApp.app, { name: 'Centre de contacts' });
    const pm = await memberOf(testApp.app, project.id, 'project_manager');
    const sponsor = await memberOf(testApp.app, project.id, 'sponsor');
    const member = await memberOf(testApp.app, project.id, 'steering_member');
    const base = `/api/projects/${project.id}/meetings`;
    const meeting = (await pm.post(base).send({ type: 'copil', title, localStart: '2027-03-02T10:00', durationMinutes: 120, place: 'Salle Jaurès' }).expect(201)).body as MeetingDto;
    const participants: ParticipantDto[] = [];
    for (const body of [{ userId: pm.user.id }, { userId: sponsor.user.id }, { userId: member.user.id }, { email: 'Vendor@Editeur.example', name: 'Véra Éditeur' }]) {
      participants.push((await pm.post(`${base}/${meeting.id}/participants`).send(body).expect(201)).body as ParticipantDto);
    }
    const addresses = [pm.user.email, sponsor.user.email, member.user.email, 'vendor@editeur.example'];
    return { project, pm, sponsor, member, base, meeting, participants, addresses };
  }

  const current = async (agent: ApiAgent, base: string, id: string) => (await agent.get(`${base}/${id}`).expect(200)).body as MeetingDto;

  it('should invite every participant of a convened COPIL with a text/calendar; method=REQUEST part, then update it with SEQUENCE + 1 and cancel it with the same UID', async () => {
    const { pm, base, meeting, participants, addresses } = await copilWithParticipants();
    // A draft sends nothing.
    expect(await worker.drain()).toBe(0);
    await pm.post(`${base}/${meeting.id}/status`).send({ status: 'convoquee', version: (await current(pm, base, meeting.id)).version }).expect(200);
    expect(await worker.drain()).toBe(4);
    const uid = `meeting-${meeting.id}@jalon.test`;
    for (const address of addresses) {
      const mails = smtp.to(address);
      expect(mails).toHaveLength(1);
      const { contentType, ics } = calendarPart(mails[0]!);
      expect(contentType).toMatch(/^text\/calendar;.*method=REQUEST/i);
      expect(line(ics, 'METHOD:')).toBe('METHOD:REQUEST');
      expect(line(ics, 'UID:')).toBe(`UID:${uid}`);
      expect(line(ics, 'SEQUENCE:')).toBe('SEQUENCE:0');
      expect(line(ics, 'ORGANIZER')).toMatch(new RegExp(`mailto:${pm.user.email.replace(/[.]/g, '\\.')}$`, 'i'));
      const attendees = ics.split(/\r?\n/).filter((l) => l.startsWith('ATTENDEE'));
      expect(attendees).toHaveLength(4);
      for (const other of addresses) expect(attendees.some((a) => a.toLowerCase().endsWith(`mailto:${other.toLowerCase()}`))).toBe(true);
      expect(ics).toContain('BEGIN:VTIMEZONE');
      expect(ics).toContain('TZID:Europe/Paris');
      expect(line(ics, 'DTSTART;')).toBe('DTSTART;TZID=Europe/Paris:20270302T100000');
      expect(mails[0]!.mail.subject).toBe('Convocation : COPIL de mars');
      expect(mails[0]!.mail.text).toContain('Centre de contacts');
      expect(mails[0]!.mail.html).toContain(`https://jalon.test/projects/`);
      expect(mails[0]!.mail.messageId).toMatch(/@jalon\.test>?$/);
    }

    // Moved: SEQUENCE 1, same UID, to everyone.
    await pm.patch(`${base}/${meeting.id}`).send({ localStart: '2027-03-03T14:00', version: (await current(pm, base, meeting.id)).version }).expect(200);
    expect(await worker.drain()).toBe(4);
    for (const address of addresses) {
      const update = smtp.to(address)[1]!;
      const { ics } = calendarPart(update);
      expect(line(ics, 'UID:')).toBe(`UID:${uid}`);
      expect(line(ics, 'SEQUENCE:')).toBe('SEQUENCE:1');
      expect(line(ics, 'DTSTART;')).toBe('DTSTART;TZID=Europe/Paris:20270303T140000');
      expect(update.mail.subject).toBe('Mise à jour : COPIL de mars');
    }

    // A participant removed gets a CANCEL (only them).
    const vendor = participants[3]!;
    await pm.delete(`${base}/${meeting.id}/participants/${vendor.id}?version=${vendor.version}`).expect(204);
    expect(await worker.drain()).toBe(1);
    const removal = calendarPart(smtp.to('vendor@editeur.example')[2]!);
    expect(removal.contentType).toMatch(/method=CANCEL/i);
    expect(line(removal.ics, 'METHOD:')).toBe('METHOD:CANCEL');
    expect(line(removal.ics, 'UID:')).toBe(`UID:${uid}`);
    expect(line(removal.ics, 'SEQUENCE:')).toBe('SEQUENCE:2');

    // Cancelled: METHOD:CANCEL, same UID, SEQUENCE 3, to the three still invited.
    await pm.post(`${base}/${meeting.id}/status`).send({ status: 'annulee', version: (await current(pm, base, meeting.id)).version }).expect(200);
    expect(await worker.drain()).toBe(3);
    for (const address of addresses.slice(0, 3)) {
      const cancel = smtp.to(address)[2]!;
      const { contentType, ics } = calendarPart(cancel);
      expect(contentType).toMatch(/method=CANCEL/i);
      expect(line(ics, 'METHOD:')).toBe('METHOD:CANCEL');
      expect(line(ics, 'UID:')).toBe(`UID:${uid}`);
      expect(line(ics, 'SEQUENCE:')).toBe('SEQUENCE:3');
      expect(line(ics, 'STATUS:')).toBe('STATUS:CANCELLED');
      expect(cancel.mail.subject).toBe('Annulée : COPIL de mars');
    }
    expect(smtp.to('vendor@editeur.example')).toHaveLength(3);
  });

  it('should keep mails in the outbox while the SMTP server is down and deliver each exactly once when it is back', async () => {
    const { pm, base, meeting, addresses } = await copilWithParticipants('COPIL pendant la panne');
    const before = smtp.received.length;
    await smtp.stop();
    await pm.post(`${base}/${meeting.id}/status`).send({ status: 'convoquee', version: (await current(pm, base, meeting.id)).version }).expect(200);
    expect(await worker.drain()).toBe(0);
    const waiting = (await dataSource.query(`SELECT status, attempts, last_error, next_attempt_at FROM mail_outbox WHERE project_id = $1`, [meeting.projectId])) as Array<{
      status: string;
      attempts: number;
      last_error: string;
      next_attempt_at: Date;
    }>;
    expect(waiting).toHaveLength(4);
    for (const row of waiting) {
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.last_error).toBeTruthy();
      expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(clock.now().getTime());
    }
    // Not due yet: nothing is attempted again.
    expect(await worker.drain()).toBe(0);
    // Still down a few minutes later: a second attempt, still waiting.
    clock.set(new Date(clock.now().getTime() + 90_000));
    expect(await worker.drain()).toBe(0);
    expect(((await dataSource.query(`SELECT max(attempts)::int AS n FROM mail_outbox WHERE project_id = $1`, [meeting.projectId])) as Array<{ n: number }>)[0]!.n).toBe(2);

    await smtp.start();
    clock.set(new Date(clock.now().getTime() + 10 * 60_000));
    // Two passes at once (as two instances would): each mail is taken by one of them only.
    const [first, second] = await Promise.all([worker.drain(), testApp.app.get(MailWorker).drain()]);
    expect(first + second).toBeGreaterThanOrEqual(4);
    expect(await worker.drain()).toBe(0);
    const arrived = smtp.received.slice(before);
    expect(arrived).toHaveLength(4);
    for (const address of addresses) expect(arrived.filter((mail) => mail.envelopeTo.includes(address))).toHaveLength(1);
    expect(new Set(arrived.map((mail) => mail.mail.messageId)).size).toBe(4);
    const rows = (await dataSource.query(`SELECT status, attempts FROM mail_outbox WHERE project_id = $1`, [meeting.projectId])) as Array<{ status: string; attempts: number }>;
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 3)).toBe(true);
  });

  it('should give up after JALON_MAIL_MAX_ATTEMPTS, list the failure for administrators only, and send it once retried', async () => {
    const { pm, base, meeting } = await copilWithParticipants('COPIL en échec');
    await smtp.stop();
    await pm.post(`${base}/${meeting.id}/status`).send({ status: 'convoquee', version: (await current(pm, base, meeting.id)).version }).expect(200);
    for (let attempt = 0; attempt < 5; attempt++) {
      await worker.drain();
      clock.set(new Date(clock.now().getTime() + 24 * 3600_000));
    }
    const failed = (await dataSource.query(`SELECT id, status, attempts FROM mail_outbox WHERE project_id = $1 ORDER BY recipient_email`, [meeting.projectId])) as Array<{ id: string; status: string; attempts: number }>;
    expect(failed.every((row) => row.status === 'failed' && row.attempts === 5)).toBe(true);
    await smtp.start();
    expect(await worker.drain()).toBe(0);

    const admin = await signIn(testApp.app, await createUser(testApp.app, { isAdmin: true }));
    const list = (await admin.get('/api/mail?status=failed').expect(200)).body as SentMailListDto;
    expect(list.all).toBe(true);
    expect(list.mails.map((mail) => mail.id)).toEqual(expect.arrayContaining(failed.map((row) => row.id)));
    // The PM sees only their own mail, and cannot retry.
    const own = (await pm.get('/api/mail').expect(200)).body as SentMailListDto;
    expect(own.all).toBe(false);
    expect(own.mails.every((mail) => mail.recipientUserId === pm.user.id)).toBe(true);
    await pm.post(`/api/mail/${failed[0]!.id}/retry`).expect(403);
    const notMine = failed.find((row) => !own.mails.some((mail) => mail.id === row.id))!;
    await pm.get(`/api/mail/${notMine.id}`).expect(404);

    const retried = (await admin.post(`/api/mail/${failed[0]!.id}/retry`).expect(200)).body as SentMailDto;
    expect(retried.status).toBe('pending');
    await admin.post(`/api/mail/${failed[0]!.id}/retry`).expect(409);
    expect(await worker.drain()).toBe(1);
    const shown = (await admin.get(`/api/mail/${failed[0]!.id}`).expect(200)).body as SentMailDto;
    expect(shown).toMatchObject({ status: 'sent', icsMethod: 'REQUEST' });
    expect(shown.html).toContain('COPIL en échec');
    expect(shown.ics).toContain('METHOD:REQUEST');
    const eml = await admin.get(`/api/mail/${failed[0]!.id}/eml`).expect(200);
    expect(eml.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(String(eml.body instanceof Buffer ? eml.body.toString('utf8') : eml.text)).toContain(`Message-ID: ${shown.messageId}`);
  });

  it('should never let CR/LF of a name or title reach the SMTP dialogue as a header or a recipient', async () => {
    const { pm, base, meeting, participants } = await copilWithParticipants('COPIL');
    // The API refuses control characters in names; a name already stored with them (an import, an old row) is the threat.
    await dataSource.query(`UPDATE app_user SET display_name = $2 WHERE id = $1`, [participants[1]!.userId, 'Sam\r\nBcc: intruder@evil.example\r\nX-Injected: yes']);
    await dataSource.query(`UPDATE meeting SET title = $2 WHERE id = $1`, [meeting.id, 'COPIL\r\nBcc: intruder2@evil.example']);
    const before = smtp.dialogue.length;
    await pm.post(`${base}/${meeting.id}/status`).send({ status: 'convoquee', version: (await current(pm, base, meeting.id)).version }).expect(200);
    expect(await worker.drain()).toBe(4);
    const dialogue = smtp.dialogue.slice(before);
    expect(dialogue.filter((l) => l.startsWith('RCPT TO')).join('\n')).not.toMatch(/evil/);
    for (const data of dialogue.filter((l) => !l.startsWith('RCPT TO'))) {
      const headers = data.slice(0, data.indexOf('\r\n\r\n'));
      expect(headers).not.toMatch(/^(Bcc|X-Injected):/im);
      expect(data).not.toMatch(/\r\n(Bcc|X-Injected):/i);
    }
    expect(smtp.received.some((mail) => mail.envelopeTo.some((to) => /evil/.test(to)))).toBe(false);
  });

  it('should refuse an external participant with an invalid address, naming email', async () => {
    const { pm, base, meeting } = await copilWithParticipants();
    const response = await pm.post(`${base}/${meeting.id}/participants`).send({ email: 'vendor@\r\nevil', name: 'X' }).expect(400);
    expect(JSON.stringify(response.body.fields)).toContain('email');
  });

  /** Another API instance on the same database (its own process state, clock, cron and worker). */
  async function secondInstance(): Promise<INestApplication> {
    const app = await createApp(
      loadEnvironment({
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        JALON_DEMO: 'false',
        JALON_WEB_DIR: '/nonexistent',
        DATABASE_URL: (testApp as TestApp & { database: { url: string } }).database.url,
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        JALON_PUBLIC_URL: 'https://jalon.test',
        JALON_MAIL_FROM: 'Jalon <jalon@jalon.test>',
      }),
    );
    await app.init();
    return app;
  }

  it('should send the minutes with decisions and actions once when a meeting is closed', async () => {
    const { pm, sponsor, base, meeting, addresses } = await copilWithParticipants('COPIL clôturé');
    clock.set('2027-02-20T08:00:00Z');
    for (const status of ['convoquee', 'en_cours']) {
      await pm.post(`${base}/${meeting.id}/status`).send({ status, version: (await current(pm, base, meeting.id)).version }).expect(200);
    }
    await pm.post(`${base}/${meeting.id}/decisions`).send({ text: 'Go pour la recette <b>VABF</b>' }).expect(201);
    await pm.post(`${base}/${meeting.id}/actions`).send({ title: 'Planifier la formation', ownerUserId: sponsor.user.id, dueDate: '2027-03-15' }).expect(201);
    await worker.drain();
    const before = smtp.received.length;
    await pm.post(`${base}/${meeting.id}/status`).send({ status: 'cloturee', version: (await current(pm, base, meeting.id)).version }).expect(200);
    await worker.drain();
    const minutes = smtp.received.slice(before).filter((mail) => mail.mail.subject === 'Compte rendu : COPIL clôturé');
    expect(minutes.map((mail) => mail.envelopeTo[0]).sort()).toEqual([...addresses].sort());
    expect(minutes[0]!.mail.text).toContain('Go pour la recette <b>VABF</b>');
    expect(minutes[0]!.mail.text).toContain('Planifier la formation');
    // User text is escaped in the HTML, never markup.
    expect(minutes[0]!.mail.html).toContain('Go pour la recette &lt;b&gt;VABF&lt;/b&gt;');
    // Closing is not a cancellation: no METHOD:CANCEL was sent.
    expect(smtp.received.slice(before).some((mail) => /method=CANCEL/i.test(mail.raw))).toBe(false);
  });

  it('should send a series as one recurring event: RRULE, an EXDATE for a cancelled occurrence and a RECURRENCE-ID override for a moved one', async () => {
    clock.set('2027-03-01T08:00:00Z');
    const project = await newProject(testApp.app, { name: 'Projet série' });
    const pm = await memberOf(testApp.app, project.id, 'project_manager');
    const member = await memberOf(testApp.app, project.id, 'steering_member');
    const series = (await pm.post(`/api/projects/${project.id}/meeting-series`).send({ type: 'coproj', title: 'COPROJ hebdo', rrule: 'FREQ=WEEKLY;BYDAY=TH', dtstart: '2027-03-04T14:00', durationMinutes: 60 }).expect(201)).body as { id: string };
    const base = `/api/projects/${project.id}/meetings`;
    const occurrences = ((await pm.get(`${base}`).expect(200)).body as MeetingDto[]).filter((meeting) => meeting.seriesId === series.id).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const [first, second, third] = occurrences;
    await pm.post(`${base}/${first!.id}/participants`).send({ userId: member.user.id }).expect(201);
    // The second Thursday (11 March) moves to Friday 12 March at 09:00; the third (18 March) is cancelled.
    await pm.patch(`${base}/${second!.id}`).send({ localStart: '2027-03-12T09:00', version: second!.version }).expect(200);
    await pm.post(`${base}/${third!.id}/status`).send({ status: 'annulee', version: third!.version }).expect(200);
    // Another project's manager cannot send it.
    const stranger = await memberOf(testApp.app, (await newProject(testApp.app)).id, 'project_manager');
    await stranger.post(`/api/projects/${project.id}/meeting-series/${series.id}/invitation`).expect(404);
    expect((await pm.post(`/api/projects/${project.id}/meeting-series/${series.id}/invitation`).expect(200)).body).toEqual({ recipients: 1, sequence: 0 });
    const before = smtp.received.length;
    await worker.drain();
    const mail = smtp.received.slice(before).find((received) => received.envelopeTo.includes(member.user.email))!;
    const { contentType, ics } = calendarPart(mail);
    expect(contentType).toMatch(/method=REQUEST/i);
    const events = ics.split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(2);
    expect(ics.match(new RegExp(`^UID:series-${series.id}@jalon\\.test$`, 'gm'))).toHaveLength(2);
    expect(line(events[0]!, 'DTSTART;')).toBe('DTSTART;TZID=Europe/Paris:20270304T140000');
    expect(line(events[0]!, 'RRULE:')).toBe('RRULE:FREQ=WEEKLY;BYDAY=TH');
    // 18 March was cancelled; 6 May (Ascension Day) is skipped by the series as a holiday of the plan.
    expect(line(events[0]!, 'EXDATE')).toBe('EXDATE;TZID=Europe/Paris:20270318T140000,20270506T140000');
    expect(line(events[1]!, 'RECURRENCE-ID')).toBe('RECURRENCE-ID;TZID=Europe/Paris:20270311T140000');
    expect(line(events[1]!, 'DTSTART;')).toBe('DTSTART;TZID=Europe/Paris:20270312T090000');
    // Sent again: same UID, SEQUENCE 1.
    expect((await pm.post(`/api/projects/${project.id}/meeting-series/${series.id}/invitation`).expect(200)).body).toEqual({ recipients: 1, sequence: 1 });
  });

  describe('scheduled mails', () => {
    it('should send the agenda two working days before a convened meeting and remind the PM of a COPIL three working days away without an agenda', async () => {
      const { pm, sponsor, base, meeting, addresses, project } = await copilWithParticipants('COPIL à préparer');
      // Tuesday 2 March 2027 at 10:00: three working days before is Thursday 25 February, two is Friday 26.
      clock.set('2027-02-24T08:00:00Z');
      await testApp.app.get(MailJobs).daily();
      const kinds = async () => (await dataSource.query(`SELECT kind, recipient_email FROM mail_outbox WHERE project_id = $1 AND kind IN ('agenda', 'agenda_reminder') ORDER BY kind, recipient_email`, [project.id])) as Array<{ kind: string; recipient_email: string }>;
      expect(await kinds()).toEqual([]);
      clock.set('2027-02-25T08:00:00Z');
      await testApp.app.get(MailJobs).daily();
      expect(await kinds()).toEqual([{ kind: 'agenda_reminder', recipient_email: pm.user.email }]);
      await pm.post(`${base}/${meeting.id}/agenda/items`).send({ kind: 'free', title: 'Point d’avancement', durationMinutes: 30 }).expect(201);
      await pm.post(`${base}/${meeting.id}/status`).send({ status: 'convoquee', version: (await current(pm, base, meeting.id)).version }).expect(200);
      // The sponsor turned the agendas off.
      const prefs = (await sponsor.get('/api/me/mail-preferences').expect(200)).body as { version: number };
      await sponsor.put('/api/me/mail-preferences').send({ agenda: false, version: prefs.version }).expect(200);
      clock.set('2027-02-26T08:00:00Z');
      await testApp.app.get(MailJobs).daily();
      // The same day's run again (another instance, a restart) writes nothing more.
      expect((await testApp.app.get(MailJobs).daily()).ran).toBe(false);
      const agendas = (await kinds()).filter((row) => row.kind === 'agenda').map((row) => row.recipient_email);
      expect(agendas.sort()).toEqual(addresses.filter((address) => address !== sponsor.user.email).sort());
      const before = smtp.received.length;
      await worker.drain();
      const agendaMail = smtp.received.slice(before).find((mail) => mail.mail.subject === 'Ordre du jour : COPIL à préparer');
      expect(agendaMail?.mail.text).toContain('Point d’avancement (30 min)');
    });

    it('should send one digest per member when two instances run the weekly job, and once after an instance was down over its time', async () => {
      const { pm, sponsor, member, base, meeting, project } = await copilWithParticipants('COPIL des actions');
      await pm.post(`${base}/${meeting.id}/actions`).send({ title: 'Valider la maquette SVI', ownerUserId: sponsor.user.id, dueDate: '2027-02-20' }).expect(201);
      await pm.post(`${base}/${meeting.id}/actions`).send({ title: 'Relancer l’opérateur', ownerUserId: member.user.id, dueDate: '2027-03-03' }).expect(201);
      const other = await secondInstance();
      try {
        // Monday 1 March 2027, 08:00 in Paris: both instances' cron fire.
        clock.set('2027-03-01T07:00:00Z');
        other.get(Clock).set('2027-03-01T07:00:00Z');
        const outcomes = await Promise.all([testApp.app.get(MailJobs).weeklyDigest(), other.get(MailJobs).weeklyDigest()]);
        expect(outcomes.filter((outcome) => outcome.ran)).toHaveLength(1);
        const digests = async () =>
          (await dataSource.query(`SELECT recipient_email, count(*)::int AS n FROM mail_outbox WHERE project_id = $1 AND kind = 'digest' GROUP BY recipient_email ORDER BY recipient_email`, [project.id])) as Array<{ recipient_email: string; n: number }>;
        expect(await digests()).toEqual([sponsor.user.email, member.user.email].sort().map((email) => ({ recipient_email: email, n: 1 })));
        await Promise.all([worker.drain(), other.get(MailWorker).drain()]);
        const sponsorDigest = smtp.to(sponsor.user.email).filter((mail) => mail.mail.subject?.startsWith('Votre semaine'));
        expect(sponsorDigest).toHaveLength(1);
        expect(sponsorDigest[0]!.mail.text).toContain('Valider la maquette SVI');
        expect(sponsorDigest[0]!.mail.text).toContain('En retard');
        expect(smtp.to(member.user.email).filter((mail) => mail.mail.subject?.startsWith('Votre semaine'))).toHaveLength(1);

        // Both instances down over Monday 8 March 07:00; one starts on Wednesday 10 March, then the other.
        clock.set('2027-03-10T08:00:00Z');
        other.get(Clock).set('2027-03-10T08:00:00Z');
        expect((await other.get(MailJobs).catchUp()).digest).toBe(true);
        expect((await testApp.app.get(MailJobs).catchUp()).digest).toBe(false);
        const week10 = (await dataSource.query(`SELECT recipient_email FROM mail_outbox WHERE project_id = $1 AND kind = 'digest' AND dedupe_key LIKE 'digest:2027-W10:%'`, [project.id])) as unknown[];
        expect(week10).toHaveLength(2);
      } finally {
        await other.close();
      }
    });
  });

  it('should stop the start on a malformed SMTP_URL, naming it', () => {
    for (const value of ['smtp://relay:99999', 'relay:25', 'smtp://']) {
      let thrown: unknown;
      try {
        loadEnvironment({ SMTP_URL: value });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidEnvironmentError);
      expect((thrown as Error).message).toContain('SMTP_URL=');
    }
  });
});
