import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MeetingDto, MeetingSeriesDto, MeetingSummaryDto } from '@jalon/domain';
import { Clock } from '../../api/src/clock/clock';
import { MeetingsService } from '../../api/src/meetings/meetings.service';
import { SeriesHorizonJob } from '../../api/src/meetings/series-horizon.job';
import { memberOf, newProject } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The daily job keeps six months of occurrences ahead of every series: a series nobody edits
 * does not run dry, and the job never creates an occurrence twice nor revives a cancelled or
 * moved one.
 */
describe('Meeting series horizon (daily job, PostgreSQL)', () => {
  let testApp: TestApp;
  let clock: Clock;
  beforeAll(async () => {
    testApp = await startTestApp();
    clock = testApp.app.get(Clock);
  });
  afterAll(async () => {
    clock.set(null);
    await testApp.close();
  });

  it('should extend every series to six months ahead once a day, idempotently, keeping cancelled and moved occurrences', async () => {
    clock.set('2027-01-04T09:00:00Z');
    const project = await newProject(testApp.app, { targetGoLive: '2027-12-01' });
    const pm = await memberOf(testApp.app, project.id, 'project_manager');
    const base = `/api/projects/${project.id}`;
    const occurrences = async (seriesId: string) =>
      ((await pm.get(`${base}/meetings?seriesId=${seriesId}`).expect(200)).body as MeetingSummaryDto[]).sort((a, b) =>
        a.occurrenceKey!.localeCompare(b.occurrenceKey!),
      );

    // First Tuesday of the month at 10:00, created on 4 January: occurrences up to 5 July.
    const series = (
      await pm
        .post(`${base}/meeting-series`)
        .send({ type: 'copil', title: 'COPIL mensuel', rrule: 'FREQ=MONTHLY;BYDAY=1TU', dtstart: '2027-01-05T10:00', durationMinutes: 120 })
        .expect(201)
    ).body as MeetingSeriesDto;
    expect(series.horizon).toBe('2027-07-05');
    const initial = await occurrences(series.id);
    expect(initial.map((meeting) => meeting.occurrenceKey)).toEqual(['2027-01-05', '2027-02-02', '2027-03-02', '2027-04-06', '2027-05-04', '2027-06-01']);
    // A weekly series in the same project, and one whose rule has ended.
    const weekly = (
      await pm
        .post(`${base}/meeting-series`)
        .send({ type: 'coproj', title: 'COPROJ', rrule: 'FREQ=WEEKLY;BYDAY=TH', dtstart: '2027-01-07T14:00', durationMinutes: 60 })
        .expect(201)
    ).body as MeetingSeriesDto;
    const ended = (
      await pm
        .post(`${base}/meeting-series`)
        .send({ type: 'atelier', title: 'Ateliers', rrule: 'FREQ=WEEKLY;COUNT=3;BYDAY=MO', dtstart: '2027-01-11T09:00', durationMinutes: 90 })
        .expect(201)
    ).body as MeetingSeriesDto;

    // Thursdays from 7 January to 1 July but Ascension (13 May, a day off skipped).
    const weeklyBefore = (await occurrences(weekly.id)).length;
    expect(weeklyBefore).toBe(25);

    // One occurrence cancelled, one moved to another day.
    const april = initial.find((meeting) => meeting.occurrenceKey === '2027-04-06')!;
    await pm.post(`${base}/meetings/${april.id}/status`).send({ status: 'annulee', version: april.version }).expect(200);
    const may = initial.find((meeting) => meeting.occurrenceKey === '2027-05-04')!;
    const moved = (await pm.patch(`${base}/meetings/${may.id}`).send({ version: may.version, localStart: '2027-05-06T15:00' }).expect(200)).body as MeetingDto;
    expect(moved).toMatchObject({ detached: true, occurrenceKey: '2027-05-04' });

    // Ten weeks later, nobody has touched the series: the nightly run (00:20 in Paris) extends them to 10 September.
    clock.set('2027-03-09T23:20:00Z');
    const job = testApp.app.get(SeriesHorizonJob);
    const outcome = await job.daily();
    expect(outcome.ran).toBe(true);
    const monthly = await occurrences(series.id);
    expect(monthly.map((meeting) => meeting.occurrenceKey)).toEqual([
      '2027-01-05',
      '2027-02-02',
      '2027-03-02',
      '2027-04-06',
      '2027-05-04',
      '2027-06-01',
      '2027-07-06',
      '2027-08-03',
      '2027-09-07',
    ]);
    expect(monthly.find((meeting) => meeting.occurrenceKey === '2027-04-06')).toMatchObject({ status: 'annulee', id: april.id });
    expect(monthly.find((meeting) => meeting.occurrenceKey === '2027-05-04')).toMatchObject({ localStart: '2027-05-06T15:00', detached: true, id: may.id });
    expect(monthly.filter((meeting) => meeting.occurrenceKey! > '2027-07-05')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: 'brouillon', detached: false, title: 'COPIL mensuel', localStart: '2027-07-06T10:00', organiserUserId: initial[5]!.organiserUserId }),
      ]),
    );
    const thursdays = await occurrences(weekly.id);
    // Thursdays from 7 January to 9 September.
    expect(thursdays).toHaveLength(weeklyBefore + 10);
    expect(thursdays.at(-1)!.occurrenceKey).toBe('2027-09-09');
    expect(outcome).toEqual({ ran: true, result: 3 + 10 });
    expect((await occurrences(ended.id)).map((meeting) => meeting.occurrenceKey)).toEqual(['2027-01-11', '2027-01-18', '2027-01-25']);

    // The horizon moved, the series' version did not (nobody's copy goes stale).
    const after = (await pm.get(`${base}/meeting-series/${series.id}`).expect(200)).body as MeetingSeriesDto;
    expect(after).toMatchObject({ horizon: '2027-09-10', version: 1 });
    await pm.patch(`${base}/meeting-series/${series.id}`).send({ version: 1, place: 'Salle du conseil' }).expect(200);

    // The same day again: the job's occurrence is taken; run by hand, nothing more is created.
    expect(await job.daily()).toMatchObject({ ran: false });
    expect(await testApp.app.get(MeetingsService).extendSeriesHorizons()).toBe(0);
    expect(await occurrences(series.id)).toHaveLength(9);
    expect(await occurrences(weekly.id)).toHaveLength(weeklyBefore + 10);
    const keys = (await testApp.app
      .get<DataSource>(getDataSourceToken())
      .query(`SELECT series_id, occurrence_key, count(*)::int AS n FROM meeting WHERE project_id = $1 GROUP BY 1, 2 HAVING count(*) > 1`, [
        project.id,
      ])) as unknown[];
    expect(keys).toEqual([]);

    // The next night: one more day of horizon, and the Thursday it brings.
    clock.set('2027-03-10T23:20:00Z');
    expect(await job.daily()).toEqual({ ran: true, result: 0 });
    clock.set('2027-03-16T23:20:00Z');
    expect(await job.daily()).toEqual({ ran: true, result: 1 });
    expect((await occurrences(weekly.id)).at(-1)!.occurrenceKey).toBe('2027-09-16');
    expect((await pm.get(`${base}/meeting-series/${series.id}`).expect(200)).body).toMatchObject({ horizon: '2027-09-17' });
  });
});
