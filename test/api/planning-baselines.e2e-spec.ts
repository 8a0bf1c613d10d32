import ExcelJS from 'exceljs';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { BaselineComparisonDto, BaselineSummaryDto, MilestoneTrendDto, RetroPlanningDto } from '@jalon/domain';
import { memberOf, signedInUser } from '../support/actors';
import { auditRows, planOf, taskNamed, workedExample } from '../support/planning-api-actors';
import { BaselinesService } from '../../api/src/planning/baselines.service';
import { PlanExportsService } from '../../api/src/planning/plan-exports.service';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Retroplanning baselines and exports (HTTP)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  describe(BaselinesService.name, () => {
    it('should freeze the current dates under a name, list it and audit it', async () => {
      const { projectId, pm, plan } = await workedExample(testApp.app);
      const api = planOf(pm, projectId);
      const created = (await api.post('baselines', { name: 'COPIL mars' }).expect(201)).body as BaselineSummaryDto;
      expect(created).toMatchObject({ name: 'COPIL mars', taskCount: plan.tasks.length });
      expect((await api.get().expect(200)).body.tasks).toEqual(plan.tasks);
      const list = (await pm.get(`${api.base}/baselines`).expect(200)).body as BaselineSummaryDto[];
      expect(list).toEqual([created]);
      const audit = (await auditRows(testApp.app, projectId)).at(-1);
      expect(audit).toMatchObject({ entity: 'baseline', entityId: created.id, action: 'create' });
    });

    it('should keep a baseline immutable: no route changes it, and later edits leave it as frozen', async () => {
      const { projectId, pm, plan } = await workedExample(testApp.app);
      const api = planOf(pm, projectId);
      const baseline = (await api.post('baselines', { name: 'Référence' }).expect(201)).body as BaselineSummaryDto;
      await api.patch(`baselines/${baseline.id}`, { name: 'Autre' }).expect(404);
      await api.delete(`baselines/${baseline.id}`).expect(404);
      const b = taskNamed(plan, 'B');
      await api.delete(`tasks/${b.id}?version=${b.version}`).expect(200);
      const comparison = (await pm.get(`${api.base}/baselines/${baseline.id}/comparison?with=plan`).expect(200)).body as BaselineComparisonDto;
      // The deleted task is still in the baseline, with its name and dates of the moment.
      expect(comparison.rows.find((row) => row.taskId === b.id)).toMatchObject({
        name: 'B',
        referenceStart: '2027-05-14',
        referenceFinish: '2027-05-19',
        currentFinish: null,
        finishSlippage: null,
      });
      expect((await pm.get(`${api.base}/baselines`).expect(200)).body).toEqual([baseline]);
    });

    it('should have the database itself refuse to change a frozen baseline', async () => {
      const { projectId, pm } = await workedExample(testApp.app);
      const baseline = (await planOf(pm, projectId).post('baselines', { name: 'Référence' }).expect(201)).body as BaselineSummaryDto;
      const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
      await expect(dataSource.query(`UPDATE plan_baseline SET name = 'Autre' WHERE id = $1`, [baseline.id])).rejects.toThrow(/immutable/);
      await expect(
        dataSource.query(`UPDATE plan_baseline_task SET finish_date = '2030-01-01' WHERE baseline_id = $1`, [baseline.id]),
      ).rejects.toThrow(/immutable/);
    });

    it('should measure slippage in working days of the project calendar, positive when late', async () => {
      const { projectId, pm, plan } = await workedExample(testApp.app);
      const api = planOf(pm, projectId);
      const baseline = (await api.post('baselines', { name: 'COPIL avril' }).expect(201)).body as BaselineSummaryDto;
      const a = taskNamed(plan, 'A');
      // A finishes on Tuesday 18 May instead of Thursday 13: two working days late (Friday 14, Tuesday 18;
      // Whit Monday does not count).
      await api.patch(`tasks/${a.id}`, { version: a.version, actualStart: '2027-05-07', actualFinish: '2027-05-18' }).expect(200);
      const comparison = (await pm.get(`${api.base}/baselines/${baseline.id}/comparison`).expect(200)).body as BaselineComparisonDto;
      expect(comparison.reference).toEqual({ kind: 'baseline', id: baseline.id, name: 'COPIL avril' });
      expect(comparison.current).toEqual({ kind: 'plan' });
      expect(comparison.rows.map((row) => row.name)).toEqual(['A', 'B', 'M']);
      expect(comparison.rows[0]).toMatchObject({
        referenceFinish: '2027-05-13',
        currentFinish: '2027-05-18',
        finishSlippage: 2,
        referenceStart: '2027-05-05',
        currentStart: '2027-05-07',
        startSlippage: 1,
      });
      expect(comparison.rows[2]).toMatchObject({ isMilestone: true, keyMilestone: true, finishSlippage: 0 });
    });

    it('should compare two baselines, and give a milestone trend across baselines', async () => {
      const { projectId, pm, plan } = await workedExample(testApp.app);
      const api = planOf(pm, projectId);
      const first = (await api.post('baselines', { name: 'COPIL mars' }).expect(201)).body as BaselineSummaryDto;
      let current = (await api.patch('settings', { version: plan.settings.version, targetGoLive: '2027-05-26' }).expect(200))
        .body as RetroPlanningDto;
      const second = (await api.post('baselines', { name: 'COPIL avril' }).expect(201)).body as BaselineSummaryDto;
      current = (await api.patch('settings', { version: current.settings.version, targetGoLive: '2027-06-02' }).expect(200)).body;
      const m = taskNamed(current, 'M');

      const between = (await pm.get(`${api.base}/baselines/${first.id}/comparison?with=${second.id}`).expect(200))
        .body as BaselineComparisonDto;
      expect(between.current).toEqual({ kind: 'baseline', id: second.id, name: 'COPIL avril' });
      expect(between.rows.find((row) => row.taskId === m.id)).toMatchObject({
        referenceFinish: '2027-05-19',
        currentFinish: '2027-05-26',
        finishSlippage: 5,
      });

      const trend = (await pm.get(`${api.base}/milestone-trend`).expect(200)).body as MilestoneTrendDto;
      expect(trend.baselines.map((baseline) => baseline.name)).toEqual(['COPIL mars', 'COPIL avril']);
      expect(trend.milestones).toEqual([{ taskId: m.id, name: 'M', forecasts: ['2027-05-19', '2027-05-26'], current: '2027-06-02' }]);
    });

    it('should answer 404 to a baseline of another project and 400 to a malformed comparison target', async () => {
      const mine = await workedExample(testApp.app);
      const theirs = await workedExample(testApp.app);
      const theirBaseline = (await planOf(theirs.pm, theirs.projectId).post('baselines', { name: 'Leur référence' }).expect(201))
        .body as BaselineSummaryDto;
      const myBase = planOf(mine.pm, mine.projectId).base;
      await mine.pm.get(`${myBase}/baselines/${theirBaseline.id}/comparison`).expect(404);
      const myBaseline = (await planOf(mine.pm, mine.projectId).post('baselines', { name: 'Ma référence' }).expect(201))
        .body as BaselineSummaryDto;
      await mine.pm.get(`${myBase}/baselines/${myBaseline.id}/comparison?with=${theirBaseline.id}`).expect(404);
      const malformed = await mine.pm.get(`${myBase}/baselines/${myBaseline.id}/comparison?with=yesterday`).expect(400);
      expect(malformed.body.fields[0].field).toBe('with');
      await planOf(mine.pm, mine.projectId).post('baselines', { name: '' }).expect(400);
    });
  });

  describe(PlanExportsService.name, () => {
    it('should export one spreadsheet row per task with dates, float and slippage against the latest baseline', async () => {
      const { projectId, pm, plan } = await workedExample(testApp.app);
      const api = planOf(pm, projectId);
      await api.post('baselines', { name: 'COPIL mars' }).expect(201);
      const a = taskNamed(plan, 'A');
      await api.patch(`tasks/${a.id}`, { version: a.version, actualStart: '2027-05-07', actualFinish: '2027-05-18', ownerName: 'DSI' }).expect(200);
      const response = await pm
        .get(`${api.base}/export.xlsx`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      expect(response.headers['content-disposition']).toMatch(/attachment; filename=".*\.xlsx"/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.worksheets[0]!;
      // Below the header block (title, project, go-live, export date, baseline, a blank row).
      expect(sheet.rowCount).toBe(7 + plan.tasks.length);
      const header = (sheet.getRow(7).values as unknown[]).slice(1);
      expect(header.slice(0, 10)).toEqual(['Phase', 'Lot', 'Tâche', 'Durée (j ouvrés)', 'Début', 'Fin', 'Marge (j)', 'Critique', 'Responsable', 'Avancement (%)']);
      expect(String(header[10])).toContain('COPIL mars');
      const rows = [8, 9, 10].map((index) => (sheet.getRow(index).values as unknown[]).slice(1));
      expect(rows.map((row) => row[2])).toEqual(['A', 'B', 'M']);
      const rowA = rows[0]!;
      expect(rowA[3]).toBe(6);
      expect((rowA[5] as Date).toISOString().slice(0, 10)).toBe('2027-05-18');
      expect(rowA[8]).toBe('DSI');
      expect(rowA[10]).toBe(2);
    });

    it('should give each member a personal iCalendar URL listing the key milestones as all-day events', async () => {
      const { projectId, pm, plan } = await workedExample(testApp.app);
      const api = planOf(pm, projectId);
      const feed = (await pm.get(`${api.base}/calendar-feed`).expect(200)).body as { url: string };
      const path = new URL(feed.url).pathname;
      expect(path).toMatch(new RegExp(`^/api/calendar/[^/]+/projects/${projectId}/milestones\\.ics$`));
      const server = testApp.app.getHttpServer();
      const ics = await request(server).get(path).expect(200);
      expect(ics.headers['content-type']).toContain('text/calendar');
      const m = taskNamed(plan, 'M');
      expect(ics.text).toContain('BEGIN:VCALENDAR');
      expect(ics.text).toContain(`UID:${m.id}@jalon.milestone`);
      expect(ics.text).toContain('SUMMARY:M');
      expect(ics.text).toContain('DTSTART;VALUE=DATE:20270519');
      // Only key milestones, and the same UID on the next fetch.
      expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      expect((await request(server).get(path).expect(200)).text).toContain(`UID:${m.id}@jalon.milestone`);
    });

    it('should answer 404 to a wrong token, or to the token of a user who is not a member', async () => {
      const { projectId, pm } = await workedExample(testApp.app);
      const server = testApp.app.getHttpServer();
      await request(server).get(`/api/calendar/not-the-token/projects/${projectId}/milestones.ics`).expect(404);
      const other = await workedExample(testApp.app);
      const feed = (await other.pm.get(`${planOf(other.pm, other.projectId).base}/calendar-feed`).expect(200)).body as { url: string };
      const token = new URL(feed.url).pathname.split('/')[3];
      await request(server).get(`/api/calendar/${token}/projects/${projectId}/milestones.ics`).expect(404);
      // A viewer of the project gets the feed.
      const viewer = await memberOf(testApp.app, projectId, 'viewer');
      const viewerFeed = (await viewer.get(`${planOf(pm, projectId).base}/calendar-feed`).expect(200)).body as { url: string };
      await request(server).get(new URL(viewerFeed.url).pathname).expect(200);
      const stranger = await signedInUser(testApp.app);
      await stranger.get(`${planOf(pm, projectId).base}/calendar-feed`).expect(404);
    });
  });
});
