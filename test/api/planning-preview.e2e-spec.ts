import type { RetroPlanningDto, TaskDto } from '@jalon/domain';
import { WorkingCalendar } from '@jalon/planning';
import { computeSchedule, todayInFrance } from '../../api/src/planning/plan-schedule';
import { CONTACT_CENTRE_TEMPLATE } from '../../api/src/planning/templates/contact-centre.template';
import { gestureToEdit } from '../../web/src/app/planning/drag-mapping';
import { applyEdit, previewPlan, toBulkRequest } from '../../web/src/app/planning/plan-edit';
import { newLink, newLot, newPlan, newTask } from '@jalon/planning/testing';
import { signedInUser } from '../support/actors';
import { planOf, taskNamed } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The page's live preview (web/src/app/planning/plan-edit.ts) against what the API computes and
 * stores: both go through `computePlanSchedule` of @jalon/planning, and these tests hold them to
 * the same dates on the contact-centre template, with and without a lot that has its own go-live.
 */
const GO_LIVE = '2027-09-14';
const LOT_GO_LIVE = '2027-06-15';
const calendar = new WorkingCalendar();

const COMPUTED_FIELDS = ['start', 'finish', 'earlyStart', 'earlyFinish', 'lateStart', 'lateFinish', 'totalFloat', 'critical'] as const;
const datesOf = (tasks: readonly TaskDto[]) =>
  Object.fromEntries(tasks.map((task) => [task.name, Object.fromEntries(COMPUTED_FIELDS.map((field) => [field, task[field]]))]));

describe('The planning preview and the API', () => {
  describe('on the template, as rows and as the web sees them (no database)', () => {
    /** The template as a plan, ids = the template's keys; the integration tasks in a lot when it has a go-live. */
    function templatePlan(lotGoLive: string | null): RetroPlanningDto {
      const lot = newLot({ id: 'lot1', name: 'Lot 1 voix', goLive: lotGoLive });
      const tasks = CONTACT_CENTRE_TEMPLATE.phases.flatMap((phase) =>
        phase.tasks.map((entry) =>
          newTask({
            id: entry.key,
            name: entry.name,
            duration: entry.duration,
            fixedDate: entry.onGoLive ? GO_LIVE : null,
            lotId: phase.name === 'Mise en œuvre' ? lot.id : null,
          }),
        ),
      );
      const links = CONTACT_CENTRE_TEMPLATE.links.map((link) => newLink(link.from, link.to, { type: link.type ?? 'FS', lag: link.lag ?? 0 }));
      return newPlan({ settings: { targetGoLive: GO_LIVE }, lots: [lot], tasks, links });
    }

    it.each([null, LOT_GO_LIVE])('should preview exactly what the API computes (lot go-live: %s)', (lotGoLive) => {
      const plan = templatePlan(lotGoLive);
      const today = '2027-01-04';
      const api = computeSchedule({
        settings: {
          mode: 'backward',
          projectStart: null,
          workingWeekdays: plan.settings.calendar.workingWeekdays,
          publicHolidays: plan.settings.calendar.publicHolidays,
          extraHolidays: plan.settings.calendar.extraHolidays,
          statusDate: null,
        },
        targetGoLive: GO_LIVE,
        tasks: plan.tasks,
        links: plan.links,
        lots: plan.lots,
        today,
      });
      const preview = previewPlan(plan, today).plan;
      for (const task of preview.tasks) expect(task).toMatchObject(api.result.tasks[task.id]!);
      expect(preview.tasks).toHaveLength(Object.keys(api.result.tasks).length);
      expect(preview.projectStart).toBe(api.projectStart);
      expect(preview.projectFinish).toBe(api.projectFinish);
      expect(preview.warnings).toEqual(api.warnings);
      // The incubation stays after the go-live in the preview as in the API.
      const incubationEnd = preview.tasks.find((task) => task.name === 'Fin d’incubation')!;
      expect(calendar.workingDaysBetween(GO_LIVE, incubationEnd.finish)).toBe(40);
      expect(preview.tasks.every((task) => task.totalFloat >= 0)).toBe(true);
      if (lotGoLive !== null) {
        const lotTasks = preview.tasks.filter((task) => task.lotId === 'lot1');
        expect(lotTasks.length).toBeGreaterThan(0);
        expect(lotTasks.every((task) => task.finish <= lotGoLive)).toBe(true);
        expect(lotTasks.some((task) => task.finish === lotGoLive)).toBe(true);
      }
    });
  });

  describe('over HTTP', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp();
    });
    afterAll(() => testApp.close());

    async function templateProject(lotGoLive: string | null) {
      const admin = await signedInUser(testApp.app, { isAdmin: true });
      const project = await admin
        .post('/api/projects')
        .send({ name: `Centre de contacts ${lotGoLive ?? 'sans lot'}`, targetGoLive: GO_LIVE, template: 'contact-centre' })
        .expect(201);
      const api = planOf(admin, project.body.id as string);
      if (lotGoLive !== null) {
        const withLot = (await api.post('lots', { name: 'Lot 1 voix', goLive: lotGoLive }).expect(201)).body as RetroPlanningDto;
        const lot = withLot.lots.find((candidate) => candidate.name === 'Lot 1 voix')!;
        const integration = taskNamed(withLot, 'Intégrations (CRM, GED, téléphonie)');
        await api.patch(`tasks/${integration.id}`, { version: integration.version, lotId: lot.id }).expect(200);
      }
      return { api, plan: await api.read() };
    }

    it.each([null, LOT_GO_LIVE])(
      'should store after a drag the dates the page previewed during it (lot go-live: %s)',
      async (lotGoLive) => {
        const { api, plan } = await templateProject(lotGoLive);
        const today = todayInFrance();
        if (lotGoLive !== null) expect(taskNamed(plan, 'Intégrations (CRM, GED, téléphonie)').finish).toBe(lotGoLive);
        // Unchanged, the preview is the stored plan.
        expect(datesOf(previewPlan(plan, today).plan.tasks)).toEqual(datesOf(plan.tasks));

        // The page drags « Paramétrage » a week earlier: the edit the drag makes, its preview, then the save.
        const task = taskNamed(plan, 'Paramétrage de la plateforme');
        const outcome = gestureToEdit(plan, { kind: 'move', taskId: task.id, start: calendar.addWorkingDays(task.start, -5) }, calendar);
        if (!outcome.ok) throw new Error(`the drag was refused: ${outcome.reason}`);
        const preview = previewPlan(applyEdit(plan, outcome.edit), today).plan;
        expect(taskNamed(preview, task.name).start).toBe(calendar.addWorkingDays(task.start, -5));
        const saved = (await api.post('bulk', toBulkRequest(plan, outcome.edit)).expect(200)).body as RetroPlanningDto;
        expect(datesOf(saved.tasks)).toEqual(datesOf(preview.tasks));
        expect(saved.projectStart).toBe(preview.projectStart);
        expect(saved.projectFinish).toBe(preview.projectFinish);
        expect(datesOf((await api.read()).tasks)).toEqual(datesOf(preview.tasks));
      },
    );
  });
});
