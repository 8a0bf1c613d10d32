import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SessionPurge } from '../../api/src/accounts/session-purge';
import { Clock } from '../../api/src/clock/clock';
import { JobRunner } from '../../api/src/jobs/job-runner';
import { PlanStatusRefresh } from '../../api/src/planning/plan-status-refresh';
import { memberOf, newProject } from '../support/actors';
import { planOf } from '../support/planning-api-actors';
import { startPgliteTestApp, startTestApp, type TestApp } from '../support/test-app';

type JobRow = { job: string; occurrence: string; instance: string; outcome: string; detail: string | null };

const jobRows = (app: TestApp['app'], job: string): Promise<JobRow[]> =>
  app
    .get<DataSource>(getDataSourceToken())
    .query(`SELECT job, occurrence, instance, outcome, detail FROM job_run WHERE job = $1 ORDER BY occurrence`, [job]);

describe('Scheduled jobs on two API instances sharing one PostgreSQL database', () => {
  let first: Awaited<ReturnType<typeof startTestApp>>;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({}, first.database);
  });
  afterAll(async () => {
    await second.app.close();
    await first.close();
  });

  it('should run an occurrence on one instance only, and the next occurrence again', async () => {
    const runners = [first.app.get(JobRunner), second.app.get(JobRunner)];
    expect(runners[0]!.instance).not.toBe(runners[1]!.instance);
    let runs = 0;
    const work = async (): Promise<number> => {
      runs += 1;
      // Long enough that both claims are in flight at once.
      await new Promise((resolve) => setImmediate(resolve));
      return 42;
    };
    const outcomes = await Promise.all(runners.map((runner) => runner.runOnce('test-job', '2026-11-30T20', work)));
    expect(runs).toBe(1);
    const winner = outcomes.findIndex((outcome) => outcome.ran);
    expect(outcomes[winner]).toEqual({ ran: true, result: 42 });
    expect(outcomes[1 - winner]).toEqual({ ran: false, claimedBy: runners[winner]!.instance });
    expect(await jobRows(first.app, 'test-job')).toEqual([
      { job: 'test-job', occurrence: '2026-11-30T20', instance: runners[winner]!.instance, outcome: 'done', detail: 'count: 42' },
    ]);

    await Promise.all(runners.map((runner) => runner.runOnce('test-job', '2026-11-30T21', work)));
    expect(runs).toBe(2);
  });

  it('should record a failed run with its reason, and not run that occurrence again', async () => {
    const runner = first.app.get(JobRunner);
    await expect(
      runner.runOnce('failing-job', 'occurrence-1', () => Promise.reject(new Error('disk full'))),
    ).rejects.toThrow('disk full');
    expect(await jobRows(first.app, 'failing-job')).toMatchObject([{ outcome: 'failed', detail: 'disk full' }]);
    let ran = false;
    expect(await second.app.get(JobRunner).runOnce('failing-job', 'occurrence-1', async () => (ran = true))).toMatchObject({
      ran: false,
    });
    expect(ran).toBe(false);
  });

  it('should purge expired sessions once per hour across instances', async () => {
    const clocks = [first.app.get(Clock), second.app.get(Clock)];
    for (const clock of clocks) clock.set('2026-12-01T07:15:00Z');
    const outcomes = await Promise.all([first.app.get(SessionPurge).purge(), second.app.get(SessionPurge).purge()]);
    expect(outcomes.filter((outcome) => outcome.ran)).toHaveLength(1);
    expect((await jobRows(first.app, 'session-purge')).map((row) => row.occurrence)).toEqual(['2026-12-01T07']);
    // Later in the same hour: nothing; the next hour: once more.
    for (const clock of clocks) clock.set('2026-12-01T07:59:00Z');
    expect((await second.app.get(SessionPurge).purge()).ran).toBe(false);
    for (const clock of clocks) clock.set('2026-12-01T08:00:30Z');
    expect((await second.app.get(SessionPurge).purge()).ran).toBe(true);
    for (const clock of clocks) clock.set(null);
  });

  it('should refresh the plans once a night across instances', async () => {
    const project = await newProject(first.app, { targetGoLive: '2027-06-01' });
    const pm = await memberOf(first.app, project.id, 'project_manager');
    await planOf(pm, project.id).post('tasks', { name: 'Recette VABF', duration: 10 }).expect(201);
    const clocks = [first.app.get(Clock), second.app.get(Clock)];
    for (const clock of clocks) clock.set('2027-01-14T23:10:00Z');
    const outcomes = await Promise.all([
      first.app.get(PlanStatusRefresh).nightly(),
      second.app.get(PlanStatusRefresh).nightly(),
    ]);
    expect(outcomes.filter((outcome) => outcome.ran)).toEqual([{ ran: true, result: [project.id] }]);
    // 00:10 in Paris is the 15th there, whatever the UTC date.
    expect((await jobRows(first.app, 'plan-status-refresh')).map((row) => row.occurrence)).toEqual(['2027-01-15']);
    for (const clock of clocks) clock.set(null);
  });
});

describe('Scheduled jobs on PGlite', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startPgliteTestApp();
  });
  afterAll(() => testApp.close());

  it('should claim an occurrence once and prune old runs', async () => {
    const runner = testApp.app.get(JobRunner);
    let runs = 0;
    const work = async (): Promise<void> => {
      runs += 1;
    };
    const outcomes = await Promise.all([runner.runOnce('test-job', 'a', work), runner.runOnce('test-job', 'a', work)]);
    expect(runs).toBe(1);
    expect(outcomes.map((outcome) => outcome.ran).sort()).toEqual([false, true]);

    const clock = testApp.app.get(Clock);
    clock.set('2026-01-01T00:00:00Z');
    await runner.runOnce('test-job', 'old', work);
    clock.set('2026-06-01T00:00:00Z');
    expect(await runner.pruneHistory(90)).toBe(1);
    expect((await jobRows(testApp.app, 'test-job')).map((row) => row.occurrence)).toEqual(['a']);
    clock.set(null);
  });
});
