import ExcelJS from 'exceljs';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  ActionDto,
  AgendaDto,
  DecisionDto,
  KpiBoardDto,
  MeetingDto,
  MeetingSeriesDto,
  MeetingSummaryDto,
  MyActionDto,
  ParticipantDto,
  WeatherEntryDto,
} from '@jalon/domain';
import { memberOf, newProject, type ApiAgent } from '../support/actors';
import { auditRows, workedExample } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';
import { Clock } from '../../api/src/clock/clock';
import { MeetingsService } from '../../api/src/meetings/meetings.service';
import { SteeringRecordsService } from '../../api/src/meetings/steering-records.service';

/** The meeting routes of one project, for one signed-in caller. */
function meetingsOf(agent: ApiAgent, projectId: string) {
  const base = `/api/projects/${projectId}`;
  return {
    get: (path: string) => agent.get(`${base}/${path}`),
    post: (path: string, body: object) => agent.post(`${base}/${path}`).send(body),
    patch: (path: string, body: object) => agent.patch(`${base}/${path}`).send(body),
    put: (path: string, body: object) => agent.put(`${base}/${path}`).send(body),
    delete: (path: string) => agent.delete(`${base}/${path}`),
  };
}

const fieldsOf = (body: { fields?: Array<{ field: string }> }) => (body.fields ?? []).map((entry) => entry.field);

const COPIL_SERIES = {
  type: 'copil',
  title: 'COPIL mensuel',
  rrule: 'FREQ=MONTHLY;BYDAY=1TU',
  dtstart: '2027-01-05T10:00',
  durationMinutes: 120,
  place: 'Salle du conseil',
};

describe('Steering meetings (HTTP, PostgreSQL)', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    testApp.app.get(Clock).set('2027-01-04T09:00:00Z');
  });
  afterAll(() => testApp.close());

  async function projectWithManager() {
    const project = await newProject(testApp.app, { targetGoLive: '2027-09-01' });
    const pm = await memberOf(testApp.app, project.id, 'project_manager');
    return { projectId: project.id, pm, api: meetingsOf(pm, project.id) };
  }

  async function copilSeries(api: ReturnType<typeof meetingsOf>, body: object = COPIL_SERIES) {
    const series = (await api.post('meeting-series', body).expect(201)).body as MeetingSeriesDto;
    const meetings = (await api.get(`meetings?seriesId=${series.id}`).expect(200)).body as MeetingSummaryDto[];
    return { series, meetings };
  }

  async function advance(api: ReturnType<typeof meetingsOf>, meetingId: string, ...statuses: string[]): Promise<MeetingDto> {
    let meeting = (await api.get(`meetings/${meetingId}`).expect(200)).body as MeetingDto;
    for (const status of statuses) {
      meeting = (await api.post(`meetings/${meetingId}/status`, { status, version: meeting.version }).expect(200)).body as MeetingDto;
    }
    return meeting;
  }

  describe('series', () => {
    it('should materialise the first Tuesday of each month at 10:00 Paris time across the DST change, skipping holidays', async () => {
      const { projectId, api } = await projectWithManager();
      const { series, meetings } = await copilSeries(api);
      expect(series).toMatchObject({ rrule: 'FREQ=MONTHLY;BYDAY=1TU', timeZone: 'Europe/Paris', nonWorkingPolicy: 'skip', horizon: '2027-07-05', version: 1 });
      expect(meetings.map((meeting) => meeting.localStart)).toEqual([
        '2027-01-05T10:00',
        '2027-02-02T10:00',
        '2027-03-02T10:00',
        '2027-04-06T10:00',
        '2027-05-04T10:00',
        '2027-06-01T10:00',
      ]);
      // Winter UTC+1, summer UTC+2: the wall-clock time stays, the instant moves.
      expect(meetings[0]!.startsAt).toBe('2027-01-05T09:00:00.000Z');
      expect(meetings[3]!.startsAt).toBe('2027-04-06T08:00:00.000Z');
      expect(meetings.every((meeting) => meeting.status === 'brouillon' && meeting.seriesId === series.id)).toBe(true);

      // Weekly on Thursdays: Ascension (2027-05-06) is a French holiday of the plan's calendar.
      const coproj = (await api
        .post('meeting-series', { type: 'coproj', title: 'COPROJ', rrule: 'FREQ=WEEKLY;BYDAY=TH', dtstart: '2027-04-29T14:00', durationMinutes: 60 })
        .expect(201)).body as MeetingSeriesDto;
      const thursdays = ((await api.get(`meetings?seriesId=${coproj.id}&to=2027-05-20`).expect(200)).body as MeetingSummaryDto[]).map((meeting) => meeting.occurrenceKey);
      expect(thursdays).toEqual(['2027-04-29', '2027-05-13', '2027-05-20']);
      const moved = (await api
        .post('meeting-series', { type: 'coproj', title: 'COPROJ bis', rrule: 'FREQ=WEEKLY;BYDAY=TH', dtstart: '2027-04-29T14:00', durationMinutes: 60, nonWorkingPolicy: 'next_working_day' })
        .expect(201)).body as MeetingSeriesDto;
      const friday = ((await api.get(`meetings?seriesId=${moved.id}&from=2027-05-06&to=2027-05-07`).expect(200)).body as MeetingSummaryDto[])[0]!;
      expect(friday).toMatchObject({ occurrenceKey: '2027-05-06', localStart: '2027-05-07T14:00' });

      const audit = await auditRows(testApp.app, projectId);
      expect(audit.filter((row) => row.entity === 'meeting_series')).toHaveLength(3);
      expect(audit.filter((row) => row.entity === 'meeting' && row.action === 'create').length).toBeGreaterThan(20);
    });

    it('should refuse a rule that is not RFC 5545 with 400 naming rrule, and write nothing', async () => {
      const { projectId, api } = await projectWithManager();
      for (const rrule of ['every first tuesday', 'FREQ=FORTNIGHTLY', 'FREQ=WEEKLY;BYDAY=XX', 'BYDAY=TU', 'FREQ=MONTHLY;BYMONTHDAY=32', 'FREQ=WEEKLY;UNTIL=20200101']) {
        const response = await api.post('meeting-series', { ...COPIL_SERIES, rrule }).expect(400);
        expect(response.body.code).toBe('validation_failed');
        expect(fieldsOf(response.body)).toEqual(['rrule']);
      }
      expect(fieldsOf((await api.post('meeting-series', { ...COPIL_SERIES, timeZone: 'Mars/Olympus' }).expect(400)).body)).toEqual(['timeZone']);
      expect(fieldsOf((await api.post('meeting-series', { ...COPIL_SERIES, dtstart: '2027-02-30T10:00' }).expect(400)).body)).toEqual(['dtstart']);
      expect((await api.get('meeting-series').expect(200)).body).toEqual([]);
      expect((await api.get('meetings').expect(200)).body).toEqual([]);
      expect((await auditRows(testApp.app, projectId)).filter((row) => row.entity.startsWith('meeting'))).toEqual([]);
    });

    it('should move or cancel one occurrence on its own, refuse moving it into another series, and keep it when the series changes', async () => {
      const { api } = await projectWithManager();
      const { series, meetings } = await copilSeries(api);
      const other = (await api.post('meeting-series', { ...COPIL_SERIES, title: 'Autre', rrule: 'FREQ=MONTHLY;BYDAY=2TU' }).expect(201)).body as MeetingSeriesDto;
      const february = meetings[1]!;
      const refused = await api.patch(`meetings/${february.id}`, { version: february.version, seriesId: other.id }).expect(422);
      expect(fieldsOf(refused.body)).toEqual(['seriesId']);
      const moved = (await api.patch(`meetings/${february.id}`, { version: february.version, localStart: '2027-02-03T15:30' }).expect(200)).body as MeetingDto;
      expect(moved).toMatchObject({ occurrenceKey: '2027-02-02', localStart: '2027-02-03T15:30', detached: true, seriesId: series.id, version: 2 });
      const march = meetings[2]!;
      await api.post(`meetings/${march.id}/status`, { status: 'annulee', version: march.version }).expect(200);
      // A stale version of the moved occurrence is refused.
      const stale = await api.patch(`meetings/${february.id}`, { version: 1, title: 'X' }).expect(409);
      expect(stale.body).toMatchObject({ code: 'stale_version', entity: 'meeting', currentVersion: 2 });

      // The series moves to 9:00: the untouched occurrences follow, the moved one and the cancelled one stay.
      await api.patch(`meeting-series/${series.id}`, { version: 1, dtstart: '2027-01-05T09:00', title: 'COPIL' }).expect(200);
      const after = (await api.get(`meetings?seriesId=${series.id}`).expect(200)).body as MeetingSummaryDto[];
      const byKey = new Map(after.map((meeting) => [meeting.occurrenceKey, meeting]));
      expect(byKey.get('2027-02-02')).toMatchObject({ localStart: '2027-02-03T15:30', title: 'COPIL mensuel' });
      expect(byKey.get('2027-03-02')).toMatchObject({ status: 'annulee', localStart: '2027-03-02T10:00' });
      expect(byKey.get('2027-04-06')).toMatchObject({ localStart: '2027-04-06T09:00', title: 'COPIL', status: 'brouillon' });
    });
  });

  describe('lifecycle and minutes', () => {
    it('should hold a meeting brouillon → convoquee → en_cours → cloturee, then refuse every change to its minutes (API and database)', async () => {
      const { projectId, pm, api } = await projectWithManager();
      const sponsor = await memberOf(testApp.app, projectId, 'sponsor');
      const { meetings } = await copilSeries(api);
      const copil = meetings[0]!;
      const skip = await api.post(`meetings/${copil.id}/status`, { status: 'cloturee', version: copil.version }).expect(409);
      expect(skip.body).toMatchObject({ code: 'invalid_transition' });
      expect(fieldsOf(skip.body)).toEqual(['status']);

      const participant = (await api.post(`meetings/${copil.id}/participants`, { userId: sponsor.user.id }).expect(201)).body as ParticipantDto;
      const external = (await api.post(`meetings/${copil.id}/participants`, { email: 'Editeur@Vendor.example', name: 'Éditeur' }).expect(201)).body as ParticipantDto;
      expect(external).toMatchObject({ email: 'editeur@vendor.example', name: 'Éditeur', userId: null });
      expect(fieldsOf((await api.post(`meetings/${copil.id}/participants`, { email: 'x@y.example' }).expect(400)).body)).toEqual(['name']);
      let agenda = (await api.post(`meetings/${copil.id}/agenda/items`, { kind: 'weather', title: 'Météo du projet', durationMinutes: 15 }).expect(201)).body as AgendaDto;
      agenda = (await api.post(`meetings/${copil.id}/agenda/items`, { title: 'Jalons', durationMinutes: 120 }).expect(201)).body as AgendaDto;
      expect(agenda).toMatchObject({ totalMinutes: 135, meetingMinutes: 120, overrunMinutes: 15 });
      const [weather, milestones] = agenda.items;
      agenda = (await api.put(`meetings/${copil.id}/agenda/order`, { itemIds: [milestones!.id, weather!.id] }).expect(200)).body as AgendaDto;
      expect(agenda.items.map((item) => item.title)).toEqual(['Jalons', 'Météo du projet']);
      expect(fieldsOf((await api.put(`meetings/${copil.id}/agenda/order`, { itemIds: [weather!.id] }).expect(422)).body)).toEqual(['itemIds']);

      await advance(api, copil.id, 'convoquee', 'en_cours');
      // The sponsor records (meeting.record): attendance, notes, a decision, an action.
      const sponsorApi = meetingsOf(sponsor, projectId);
      await sponsorApi.put(`meetings/${copil.id}/participants/${participant.id}/attendance`, { attendance: 'present', version: participant.version }).expect(200);
      const item = agenda.items[0]!;
      await sponsorApi.put(`meetings/${copil.id}/agenda/items/${item.id}/notes`, { notes: 'Jalons tenus.', version: item.version }).expect(200);
      const decision = (await sponsorApi.post(`meetings/${copil.id}/decisions`, { text: 'Go pour le pilote', decidedBy: 'COPIL', impactTime: true, agendaItemId: item.id }).expect(201)).body as DecisionDto;
      const action = (await sponsorApi.post(`meetings/${copil.id}/actions`, { title: 'Planifier la formation', ownerUserId: pm.user.id, dueDate: '2027-01-20' }).expect(201)).body as ActionDto;
      // The sponsor does not manage the meeting.
      await sponsorApi.post(`meetings/${copil.id}/status`, { status: 'cloturee', version: 3 }).expect(403);

      const closed = await advance(api, copil.id, 'cloturee');
      expect(closed.status).toBe('cloturee');
      expect(closed.minutesFrozenAt).not.toBeNull();
      expect(closed.decisions.map((entry) => entry.text)).toEqual(['Go pour le pilote']);
      expect(closed.participants.find((entry) => entry.id === participant.id)!.attendance).toBe('present');

      const frozen = async (response: { status: number; body: { code?: string } }) => {
        expect(response.status).toBe(409);
        expect(response.body.code).toBe('meeting_closed');
      };
      await frozen(await api.post(`meetings/${copil.id}/decisions`, { text: 'Trop tard' }));
      await frozen(await api.post(`meetings/${copil.id}/actions`, { title: 'Trop tard', ownerUserId: pm.user.id }));
      await frozen(await api.put(`meetings/${copil.id}/agenda/items/${item.id}/notes`, { notes: 'Réécrit', version: item.version + 1 }));
      await frozen(await api.patch(`decisions/${decision.id}`, { text: 'Réécrit', version: decision.version }));
      await frozen(await api.patch(`meetings/${copil.id}`, { title: 'Réécrit', version: closed.version }));
      await frozen(await api.patch(`actions/${action.id}`, { title: 'Réécrit', version: action.version }));
      await frozen(await api.post(`meetings/${copil.id}/participants`, { email: 'late@x.example', name: 'Retard' }));
      await frozen(await api.post(`meetings/${copil.id}/status`, { status: 'en_cours', version: closed.version }));

      // The database refuses too, whatever the API does.
      await expect(dataSource.query(`UPDATE meeting SET title = 'SQL' WHERE id = $1`, [copil.id])).rejects.toThrow(/frozen/);
      await expect(dataSource.query(`DELETE FROM meeting WHERE id = $1`, [copil.id])).rejects.toThrow(/frozen/);
      await expect(dataSource.query(`UPDATE meeting_decision SET text = 'SQL' WHERE id = $1`, [decision.id])).rejects.toThrow(/frozen/);
      await expect(dataSource.query(`UPDATE meeting_agenda_item SET notes = 'SQL' WHERE id = $1`, [item.id])).rejects.toThrow(/frozen/);
      await expect(dataSource.query(`UPDATE meeting_participant SET attendance = 'absent' WHERE id = $1`, [participant.id])).rejects.toThrow(/frozen/);
      await expect(dataSource.query(`UPDATE meeting_action SET title = 'SQL' WHERE id = $1`, [action.id])).rejects.toThrow(/frozen/);
      await expect(
        dataSource.query(`INSERT INTO meeting_decision (project_id, meeting_id, text) VALUES ($1, $2, 'SQL')`, [projectId, copil.id]),
      ).rejects.toThrow(/frozen/);

      // Actions live on: their status still moves. Corrections are addenda, themselves immutable.
      const carriedAction = (await api.get(`actions/${action.id}`).expect(200)).body as ActionDto;
      expect(carriedAction.carriedOverToMeetingId).toBe(meetings[1]!.id);
      await api.put(`actions/${action.id}/status`, { status: 'en_cours', version: carriedAction.version }).expect(200);
      const addendum = (await api.post(`meetings/${copil.id}/addenda`, { text: 'Erratum : la décision vaut pour le site de Lyon.' }).expect(201)).body as { id: string };
      await expect(dataSource.query(`UPDATE meeting_addendum SET text = 'SQL' WHERE id = $1`, [addendum.id])).rejects.toThrow(/immutable/);
      const final = (await api.get(`meetings/${copil.id}`).expect(200)).body as MeetingDto;
      expect(final.addenda.map((entry) => entry.text)).toEqual(['Erratum : la décision vaut pour le site de Lyon.']);
      expect(final.decisions[0]!.text).toBe('Go pour le pilote');
      const statuses = (await auditRows(testApp.app, projectId)).filter((row) => row.entity === 'meeting' && row.action === 'update' && row.changes['status']);
      expect(statuses.map((row) => (row.changes['status'] as { after: string }).after)).toEqual(['convoquee', 'en_cours', 'cloturee']);
    });

    it('should carry undone actions over to the next meeting of the series when a meeting closes, and move an agenda item to the next occurrence', async () => {
      const { projectId, pm, api } = await projectWithManager();
      const { meetings } = await copilSeries(api);
      const [january, february, march] = meetings;
      await advance(api, january!.id, 'convoquee', 'en_cours');
      const undone = (await api.post(`meetings/${january!.id}/actions`, { title: 'Relancer l’éditeur', ownerUserId: pm.user.id }).expect(201)).body as ActionDto;
      const started = (await api.post(`meetings/${january!.id}/actions`, { title: 'Chiffrer le lot 2', ownerUserId: pm.user.id, status: 'en_cours' }).expect(201)).body as ActionDto;
      const done = (await api.post(`meetings/${january!.id}/actions`, { title: 'Valider le planning', ownerUserId: pm.user.id, status: 'faite' }).expect(201)).body as ActionDto;
      // February is cancelled: the actions go to March.
      await api.post(`meetings/${february!.id}/status`, { status: 'annulee', version: february!.version }).expect(200);
      let agenda = (await api.post(`meetings/${january!.id}/agenda/items`, { title: 'Point RGPD', durationMinutes: 10 }).expect(201)).body as AgendaDto;
      const moved = await api.post(`meetings/${january!.id}/agenda/items/${agenda.items[0]!.id}/move-to-next`, { version: 1 }).expect(200);
      expect(moved.body.meetingId).toBe(march!.id);
      agenda = moved.body.agenda as AgendaDto;
      expect(agenda.items.map((item) => [item.title, item.carriedFromMeetingId])).toEqual([['Point RGPD', january!.id]]);
      expect(((await api.get(`meetings/${january!.id}/agenda`).expect(200)).body as AgendaDto).items).toEqual([]);

      await advance(api, january!.id, 'cloturee');
      const next = (await api.get(`meetings/${march!.id}`).expect(200)).body as MeetingDto;
      expect(next.actions.map((action) => action.title).sort()).toEqual(['Chiffrer le lot 2', 'Relancer l’éditeur']);
      const list = (await api.get('actions').expect(200)).body as ActionDto[];
      const byId = new Map(list.map((action) => [action.id, action]));
      expect(byId.get(undone.id)!.carriedOverToMeetingId).toBe(march!.id);
      expect(byId.get(started.id)!.carriedOverToMeetingId).toBe(march!.id);
      expect(byId.get(done.id)!.carriedOverToMeetingId).toBeNull();
      // The origin stays the January COPIL.
      expect(byId.get(undone.id)!.meetingId).toBe(january!.id);
      const carried = (await auditRows(testApp.app, projectId)).filter((row) => row.entity === 'action' && row.action === 'update' && row.changes['carriedOverToMeetingId']);
      expect(carried).toHaveLength(2);
    });
  });

  describe('decisions', () => {
    it('should freeze a baseline and accept a risk in the same act, or do neither when one part is refused', async () => {
      const { projectId, pm } = await workedExample(testApp.app);
      const api = meetingsOf(pm, projectId);
      const risk = (await pm.post(`/api/projects/${projectId}/risks`).send({
        title: 'Recette écourtée',
        category: 'planning',
        inherent: { probability: 2, impact: 2 },
        residual: { probability: 2, impact: 2 },
        target: { probability: 1, impact: 1 },
      }).expect(201)).body as { id: string; version: number };
      const meeting = (await api.post('meetings', { type: 'copil', title: 'COPIL exceptionnel', localStart: '2027-01-12T10:00', durationMinutes: 60 }).expect(201)).body as MeetingDto;
      const baselines = async () => ((await pm.get(`/api/projects/${projectId}/plan/baselines`).expect(200)).body as unknown[]).length;
      const before = await baselines();

      // A stale risk version: 409, and no baseline frozen, no decision written.
      const refused = await api.post(`meetings/${meeting.id}/decisions`, {
        text: 'On fige et on accepte',
        freezeBaseline: { name: 'COPIL 12/01' },
        acceptRisk: { riskId: risk.id, version: risk.version + 5, justification: 'Risque faible' },
      }).expect(409);
      expect(refused.body.code).toBe('stale_version');
      expect(await baselines()).toBe(before);
      expect((await api.get('decisions').expect(200)).body).toEqual([]);

      const decision = (await api.post(`meetings/${meeting.id}/decisions`, {
        text: 'On fige et on accepte',
        impactScope: true,
        freezeBaseline: { name: 'COPIL 12/01' },
        acceptRisk: { riskId: risk.id, version: risk.version, justification: 'Risque faible, surveillé en COPROJ' },
      }).expect(201)).body as DecisionDto;
      expect(decision.baselineId).not.toBeNull();
      expect(decision).toMatchObject({ acceptedRiskId: risk.id, linkedRiskIds: [risk.id], impactScope: true });
      expect(await baselines()).toBe(before + 1);
      const accepted = (await pm.get(`/api/projects/${projectId}/risks/${risk.id}`).expect(200)).body as { strategy: string };
      expect(accepted.strategy).toBe('accept');
      expect(((await api.get(`meetings/${meeting.id}`).expect(200)).body as MeetingDto).baselineId).toBe(decision.baselineId);

      const foreignRisk = '00000000-0000-4000-8000-000000000000';
      expect(fieldsOf((await api.post(`meetings/${meeting.id}/decisions`, { text: 'X', linkedRiskIds: [foreignRisk] }).expect(422)).body)).toEqual(['linkedRiskIds']);
    });

    it('should filter the decision log and the action list, and export both to .xlsx', async () => {
      const { projectId, pm, api } = await projectWithManager();
      const contributor = await memberOf(testApp.app, projectId, 'contributor');
      const { meetings } = await copilSeries(api);
      const [january, february] = meetings;
      await api.post(`meetings/${january!.id}/decisions`, { text: 'Décision budget', impactBudget: true }).expect(201);
      await api.post(`meetings/${february!.id}/decisions`, { text: 'Décision délai', impactTime: true }).expect(201);
      await api.post(`meetings/${january!.id}/actions`, { title: 'En retard', ownerUserId: contributor.user.id, dueDate: '2027-01-02' }).expect(201);
      await api.post(`meetings/${january!.id}/actions`, { title: 'À venir', ownerUserId: pm.user.id, dueDate: '2027-02-01' }).expect(201);
      await api.post(`meetings/${february!.id}/actions`, { title: 'Faite', ownerUserId: pm.user.id, dueDate: '2027-01-01', status: 'faite' }).expect(201);

      const texts = async (query: string) => ((await api.get(`decisions${query}`).expect(200)).body as DecisionDto[]).map((decision) => decision.text);
      expect((await texts('')).sort()).toEqual(['Décision budget', 'Décision délai']);
      expect(await texts('?impact=budget')).toEqual(['Décision budget']);
      expect(await texts(`?meetingId=${february!.id}`)).toEqual(['Décision délai']);
      expect(fieldsOf((await api.get('decisions?impact=weather').expect(400)).body)).toEqual(['impact']);
      // Served with an ETag; a change of a decision or of its meeting gives a new one.
      const etag = (await api.get('decisions').expect(200)).headers['etag'] as string;
      await api.get('decisions').set('If-None-Match', etag).expect(304);
      const renamed = (await api.get(`meetings/${february!.id}`).expect(200)).body as MeetingDto;
      await api.patch(`meetings/${february!.id}`, { title: 'COPIL de février', version: renamed.version }).expect(200);
      const fresh = await api.get('decisions').set('If-None-Match', etag).expect(200);
      expect((fresh.body as DecisionDto[]).find((decision) => decision.text === 'Décision délai')!.meetingTitle).toBe('COPIL de février');

      const titles = async (query: string) => ((await api.get(`actions${query}`).expect(200)).body as ActionDto[]).map((action) => action.title);
      expect(await titles('?overdue=true')).toEqual(['En retard']);
      expect(await titles(`?ownerUserId=${pm.user.id}`)).toEqual(['Faite', 'À venir']);
      expect(await titles('?status=faite')).toEqual(['Faite']);
      expect(await titles(`?meetingId=${january!.id}&overdue=false`)).toEqual(['À venir']);

      const workbook = async (path: string) => {
        const response = await api.get(path).buffer(true).parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => callback(null, Buffer.concat(chunks)));
        }).expect(200);
        expect(response.headers['content-type']).toContain('spreadsheetml');
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(response.body as Parameters<typeof book.xlsx.load>[0]);
        const cells: string[] = [];
        book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
        return cells;
      };
      const decisionCells = await workbook('decisions/export.xlsx?impact=time');
      expect(decisionCells).toContain('Décision délai');
      expect(decisionCells).not.toContain('Décision budget');
      const actionCells = await workbook('actions/export.xlsx?overdue=true');
      expect(actionCells).toContain('En retard');
      expect(actionCells).not.toContain('À venir');

      // The contributor's own actions on their home page, across projects.
      const mine = (await contributor.get('/api/me/actions').expect(200)).body as MyActionDto[];
      expect(mine.map((action) => [action.title, action.overdue, action.projectName.length > 0])).toEqual([['En retard', true, true]]);
    });
  });

  describe('rights and bad input', () => {
    it('should let viewers read only, hide the project from other members (404), and let an action’s owner update its status only', async () => {
      const { projectId, pm, api } = await projectWithManager();
      const viewer = meetingsOf(await memberOf(testApp.app, projectId, 'viewer'), projectId);
      const contributorAgent = await memberOf(testApp.app, projectId, 'contributor');
      const contributor = meetingsOf(contributorAgent, projectId);
      const otherContributor = meetingsOf(await memberOf(testApp.app, projectId, 'contributor'), projectId);
      const outsiderProject = await newProject(testApp.app);
      const outsider = meetingsOf(await memberOf(testApp.app, outsiderProject.id, 'project_manager'), projectId);
      const { meetings } = await copilSeries(api);
      const meeting = meetings[0]!;
      const action = (await api.post(`meetings/${meeting.id}/actions`, { title: 'Former les superviseurs', ownerUserId: contributorAgent.user.id }).expect(201)).body as ActionDto;

      for (const path of ['meetings', `meetings/${meeting.id}`, 'meeting-series', 'decisions', 'actions', 'weather', 'kpis']) {
        await viewer.get(path).expect(200);
        await outsider.get(path).expect(404);
      }
      await viewer.post(`meetings/${meeting.id}/decisions`, { text: 'Non' }).expect(403);
      await viewer.post('meeting-series', COPIL_SERIES).expect(403);
      await viewer.post('weather', { weather: 'orageux' }).expect(403);
      await viewer.post('kpis', { name: 'DMT', target: 180, direction: 'lower' }).expect(403);
      await viewer.put(`actions/${action.id}/status`, { status: 'faite', version: 1 }).expect(403);
      await outsider.post(`meetings/${meeting.id}/decisions`, { text: 'Non' }).expect(404);
      await contributor.post(`meetings/${meeting.id}/decisions`, { text: 'Non' }).expect(403);

      // The owner moves the status of their action, not its title, and not others' actions.
      await contributor.patch(`actions/${action.id}`, { title: 'Autre', version: 1 }).expect(403);
      await otherContributor.put(`actions/${action.id}/status`, { status: 'faite', version: 1 }).expect(403);
      const updated = (await contributor.put(`actions/${action.id}/status`, { status: 'faite', version: 1 }).expect(200)).body as ActionDto;
      expect(updated).toMatchObject({ status: 'faite', title: 'Former les superviseurs', version: 2 });
      const stale = await contributor.put(`actions/${action.id}/status`, { status: 'en_cours', version: 1 }).expect(409);
      expect(stale.body).toMatchObject({ code: 'stale_version', entity: 'action', currentVersion: 2 });
      expect(pm.user.id).not.toBe(contributorAgent.user.id);
    });

    it('should refuse an action owner who is not a member (422 ownerUserId) and other bad input, writing nothing', async () => {
      const { projectId, api } = await projectWithManager();
      const stranger = await memberOf(testApp.app, (await newProject(testApp.app)).id, 'project_manager');
      const { meetings } = await copilSeries(api);
      const meeting = meetings[0]!;
      const refused = await api.post(`meetings/${meeting.id}/actions`, { title: 'Action', ownerUserId: stranger.user.id }).expect(422);
      expect(refused.body.code).toBe('invalid_reference');
      expect(fieldsOf(refused.body)).toEqual(['ownerUserId']);
      expect(fieldsOf((await api.post(`meetings/${meeting.id}/actions`, { title: 'Action', ownerUserId: 'nobody' }).expect(400)).body)).toEqual(['ownerUserId']);
      expect(fieldsOf((await api.post(`meetings/${meeting.id}/actions`, { title: '', ownerUserId: stranger.user.id }).expect(400)).body)).toContain('title');
      expect(fieldsOf((await api.post(`meetings/${meeting.id}/actions`, { title: 'A', ownerUserId: stranger.user.id, dueDate: '2027-13-01' }).expect(400)).body)).toEqual(['dueDate']);
      expect(fieldsOf((await api.post(`meetings/${meeting.id}/participants`, { userId: stranger.user.id }).expect(422)).body)).toEqual(['userId']);
      expect(fieldsOf((await api.post('meetings', { type: 'copil', title: 'X', localStart: '2027-01-12 10:00', durationMinutes: 60 }).expect(400)).body)).toEqual(['localStart']);
      expect(fieldsOf((await api.post('meetings', { type: 'copil', title: 'X', localStart: '2027-01-12T10:00', durationMinutes: 2 }).expect(400)).body)).toEqual(['durationMinutes']);
      expect((await api.get('actions').expect(200)).body).toEqual([]);
      expect((await auditRows(testApp.app, projectId)).filter((row) => row.entity === 'action')).toEqual([]);
    });
  });

  describe('weather and KPIs', () => {
    it('should keep the weather history, and rate KPIs weekly until every one is green long enough', async () => {
      const { projectId, pm, api } = await projectWithManager();
      await api.post('weather', { weather: 'nuageux', comment: 'Recette en retard' }).expect(201);
      testApp.app.get(Clock).set('2027-01-04T10:00:00Z');
      const latest = (await api.post('weather', { weather: 'ensoleille', comment: 'Rattrapé' }).expect(201)).body as WeatherEntryDto;
      testApp.app.get(Clock).set('2027-01-04T09:00:00Z');
      const history = (await api.get('weather').expect(200)).body as WeatherEntryDto[];
      expect(history.map((entry) => entry.weather)).toEqual(['ensoleille', 'nuageux']);
      expect(latest.setByName).not.toBeNull();
      // The project's current weather follows its latest entry.
      expect((await pm.get(`/api/projects/${projectId}`).expect(200)).body).toMatchObject({ weather: 'sunny', weatherComment: 'Rattrapé' });
      expect(fieldsOf((await api.post('weather', { weather: 'pluvieux' }).expect(400)).body)).toEqual(['weather']);

      let board = (await api.post('kpis', { name: 'Taux de décroché', unit: '%', target: 90, direction: 'higher', tolerance: 5 }).expect(201)).body as KpiBoardDto;
      board = (await api.post('kpis', { name: 'DMT', unit: 's', target: 180, direction: 'lower', tolerance: 20 }).expect(201)).body as KpiBoardDto;
      const [pickup, dmt] = board.kpis;
      board = (await api.put('kpis/settings', { greenWeeksRequired: 2, version: board.incubation.version }).expect(200)).body as KpiBoardDto;
      expect(board.incubation).toMatchObject({ greenWeeksRequired: 2, ended: false });
      await api.put(`kpis/${pickup!.id}/values/2027-01-04`, { value: 87 }).expect(200);
      await api.put(`kpis/${dmt!.id}/values/2027-01-04`, { value: 170 }).expect(200);
      board = (await api.get('kpis').expect(200)).body as KpiBoardDto;
      expect(board.kpis.map((kpi) => kpi.status)).toEqual(['amber', 'green']);
      await api.put(`kpis/${pickup!.id}/values/2027-01-11`, { value: 92 }).expect(200);
      await api.put(`kpis/${dmt!.id}/values/2027-01-11`, { value: 175 }).expect(200);
      await api.put(`kpis/${pickup!.id}/values/2027-01-18`, { value: 91 }).expect(200);
      board = (await api.put(`kpis/${dmt!.id}/values/2027-01-18`, { value: 230 }).expect(200)).body as KpiBoardDto;
      expect(board.kpis.map((kpi) => kpi.status)).toEqual(['green', 'red']);
      expect(board.incubation.ended).toBe(false);
      board = (await api.put(`kpis/${dmt!.id}/values/2027-01-18`, { value: 160 }).expect(200)).body as KpiBoardDto;
      expect(board.incubation).toMatchObject({ ended: true, endedWeek: '2027-01-18', currentStreak: 2 });
      expect(fieldsOf((await api.put(`kpis/${dmt!.id}/values/2027-01-19`, { value: 1 }).expect(400)).body)).toEqual(['weekStart']);
      expect((await api.patch(`kpis/${dmt!.id}`, { target: 150, version: 99 }).expect(409)).body.code).toBe('stale_version');
      const audit = (await auditRows(testApp.app, projectId)).map((row) => row.entity);
      expect(audit.filter((entity) => entity === 'kpi_value')).toHaveLength(7);
      expect(audit.filter((entity) => entity === 'weather')).toHaveLength(2);
    });
  });
});

describe('Demo steering', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ JALON_DEMO: 'true' });
  });
  afterAll(() => testApp.close());

  it('should seed the COPIL and COPROJ series, a closed COPIL with minutes, two held COPROJs, the next COPIL in preparation, KPIs and a weather history', async () => {
    const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    const [project] = (await dataSource.query(`SELECT id, weather FROM project`)) as Array<{ id: string; weather: string }>;
    const meetings = testApp.app.get(MeetingsService);
    const records = testApp.app.get(SteeringRecordsService);
    const series = await meetings.listSeries(project!.id);
    expect(series.map((entry) => [entry.type, entry.rrule, entry.dtstart.slice(11), entry.durationMinutes]).sort()).toEqual([
      ['copil', 'FREQ=MONTHLY;BYDAY=1TU', '10:00', 120],
      ['coproj', 'FREQ=WEEKLY;BYDAY=TH', '14:00', 60],
    ]);
    const all = await meetings.listMeetings(project!.id);
    const closedCopils = all.filter((meeting) => meeting.type === 'copil' && meeting.status === 'cloturee');
    expect(closedCopils).toHaveLength(1);
    expect(all.filter((meeting) => meeting.type === 'coproj' && meeting.status === 'cloturee')).toHaveLength(2);
    const today = testApp.app.get(Clock).today();
    const nextCopil = all.find((meeting) => meeting.type === 'copil' && meeting.localStart.slice(0, 10) >= today)!;
    expect(nextCopil.status).toBe('brouillon');
    expect(nextCopil.localStart.slice(11)).toBe('10:00');

    const copil = await meetings.meeting(project!.id, closedCopils[0]!.id);
    expect(copil.minutesFrozenAt).not.toBeNull();
    expect(copil.participants.map((participant) => participant.attendance)).toEqual(expect.arrayContaining(['present', 'excuse']));
    expect(copil.agenda.items.length).toBeGreaterThanOrEqual(5);
    expect(copil.agenda.items.every((item) => item.notes.length > 0)).toBe(true);
    expect(copil.decisions.length).toBeGreaterThanOrEqual(3);
    const actions = await records.actionList(project!.id, { meetingId: copil.id });
    expect(actions.filter((action) => action.status === 'faite').length).toBeGreaterThanOrEqual(2);
    expect(actions.filter((action) => action.overdue).length).toBeGreaterThanOrEqual(2);
    // The undone ones follow the next COPIL.
    expect(actions.filter((action) => action.status !== 'faite').every((action) => action.carriedOverToMeetingId === nextCopil.id)).toBe(true);

    const board = await records.kpiBoard(project!.id);
    expect(board.kpis.map((kpi) => kpi.name)).toEqual(expect.arrayContaining(['Taux de décroché', 'Satisfaction client']));
    expect(board.kpis).toHaveLength(6);
    expect(board.kpis.every((kpi) => kpi.values.length === 0 && kpi.status === 'none')).toBe(true);
    const weather = await records.weatherHistory(project!.id);
    expect(weather.map((entry) => entry.weather)).toEqual(['nuageux', 'nuageux', 'ensoleille']);
    expect(project!.weather).toBe('cloudy');
  });
});
