import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WorkingCalendar } from '@jalon/planning';
import { AuditTrail } from '../../audit/audit-trail.service';
import { refuse } from '../../common/api-errors';
import { createRow, editLoadedRow } from '../../common/edit-row';
import { BaselinesService } from '../baselines.service';
import { PlanPhaseEntity } from '../entities/plan-phase.entity';
import { PlanTaskEntity } from '../entities/plan-task.entity';
import { todayInFrance } from '../plan-schedule';
import { PHASE_ROWS, TASK_ROWS } from '../plan-snapshots';
import { PlanningService } from '../planning.service';
import { CONTACT_CENTRE_TEMPLATE, type PlanTemplate } from './contact-centre.template';

export const PLAN_TEMPLATES = { 'contact-centre': CONTACT_CENTRE_TEMPLATE } as const satisfies Record<string, PlanTemplate>;
export type PlanTemplateName = keyof typeof PLAN_TEMPLATES;
export const PLAN_TEMPLATE_NAMES = Object.keys(PLAN_TEMPLATES) as PlanTemplateName[];

export const DEMO_BASELINE_NAME = 'Cadrage — référence initiale';

/** Creates a project's plan from a template, retroplanned from the go-live the user gives. */
@Injectable()
export class PlanningTemplates {
  constructor(
    private readonly planning: PlanningService,
    private readonly baselines: BaselinesService,
    private readonly auditTrail: AuditTrail,
  ) {}

  /**
   * Inside the caller's transaction: `goLive` must already be the project's target go-live.
   * Refused on a plan that already has tasks, which a template would duplicate.
   */
  async apply(
    manager: EntityManager,
    projectId: string,
    goLive: string,
    templateName: PlanTemplateName = 'contact-centre',
  ): Promise<void> {
    const template = PLAN_TEMPLATES[templateName];
    await this.planning.lockPlan(manager, projectId);
    if ((await manager.countBy(PlanTaskEntity, { projectId })) > 0) {
      throw refuse(409, 'plan_not_empty', 'The plan already has tasks: a template only starts an empty plan');
    }
    const ids = new Map<string, string>();
    let position = 0;
    for (const [phaseIndex, phaseTemplate] of template.phases.entries()) {
      const phase = await createRow(
        manager,
        this.auditTrail,
        PHASE_ROWS,
        projectId,
        manager.create(PlanPhaseEntity, { projectId, name: phaseTemplate.name, position: phaseIndex }),
      );
      for (const taskTemplate of phaseTemplate.tasks) {
        const task = await this.planning.insertTask(manager, projectId, {
          name: taskTemplate.name,
          duration: taskTemplate.duration,
          phaseId: phase.id,
          keyMilestone: taskTemplate.keyMilestone ?? false,
          fixedDate: taskTemplate.onGoLive ? goLive : null,
          ownerName: taskTemplate.ownerName ?? '',
          position: position++,
        });
        ids.set(taskTemplate.key, task.id);
      }
    }
    for (const link of template.links) {
      const fromTaskId = ids.get(link.from);
      const toTaskId = ids.get(link.to);
      if (!fromTaskId || !toTaskId) throw new Error(`Template link ${link.from} → ${link.to} names an unknown task`);
      await this.planning.insertLink(manager, projectId, { fromTaskId, toTaskId, type: link.type ?? 'FS', lag: link.lag ?? 0 });
    }
    await this.planning.recompute(manager, projectId);
  }

  /**
   * The demo project's plan: the template, a first baseline, then the work already behind
   * `now` recorded as done or under way. The longest task under way started three working days
   * late, so the comparison, the float and the warnings have something to show the COPIL.
   */
  async seedDemo(manager: EntityManager, projectId: string, goLive: string, now: Date): Promise<void> {
    const today = todayInFrance(now);
    await this.apply(manager, projectId, goLive);
    await this.baselines.freeze(manager, projectId, DEMO_BASELINE_NAME, null);
    const calendar = new WorkingCalendar();
    const tasks = await manager.find(PlanTaskEntity, { where: { projectId }, order: { position: 'ASC' } });
    const underWay = tasks.filter((task) => task.start !== null && task.finish !== null && task.start < today && task.finish >= today);
    const late = underWay.reduce<PlanTaskEntity | null>((longest, task) => (longest === null || task.duration > longest.duration ? task : longest), null);
    for (const task of tasks) {
      const { start, finish } = task;
      if (start === null || finish === null || start >= today) continue;
      await editLoadedRow(manager, this.auditTrail, TASK_ROWS, { projectId, id: task.id }, task, null, (row) => {
        if (finish < today) {
          row.actualStart = start;
          row.actualFinish = finish;
          row.progress = 100;
        } else {
          const lateStart = calendar.addWorkingDays(start, 3);
          row.actualStart = row === late && lateStart < today ? lateStart : start;
          const elapsed = calendar.workingDaysBetween(row.actualStart, today);
          row.progress = Math.min(90, Math.round((100 * elapsed) / Math.max(1, row.duration)));
        }
      });
    }
    await this.planning.recompute(manager, projectId);
  }
}
