import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { EDITABLE_TASK_FIELDS, type EditableTaskFields, type RetroPlanningDto } from '@jalon/domain';
import { AuditTrail } from '../audit/audit-trail.service';
import { fieldError } from '../common/api-errors';
import { createRow, deleteRow, editLoadedRow, editRow } from '../common/edit-row';
import type { CreateLinkDto, UpdateLinkDto } from './dto/link.dto';
import type { CreateTaskDto, UpdateTaskDto } from './dto/task.dto';
import { PlanLinkEntity } from './entities/plan-link.entity';
import { PlanLotEntity } from './entities/plan-lot.entity';
import { PlanPhaseEntity } from './entities/plan-phase.entity';
import { PlanTaskEntity } from './entities/plan-task.entity';
import { PlanRepository } from './plan-repository';
import { LINK_ROWS, TASK_ROWS, taskSnapshot } from './plan-snapshots';
import { PlanWriter } from './plan-writer.service';

type TaskChanges = Partial<EditableTaskFields>;

/** A new task's fields before the user's input applies. */
const NEW_TASK: Omit<EditableTaskFields, 'name' | 'duration'> = {
  phaseId: null,
  lotId: null,
  keyMilestone: false,
  fixedDate: null,
  ownerName: '',
  ownerUserId: null,
  progress: 0,
  actualStart: null,
  actualFinish: null,
  notes: '',
  position: 0,
};

/** Tasks, milestones and the links between them. */
@Injectable()
export class PlanTasksService {
  constructor(
    private readonly writer: PlanWriter,
    private readonly repository: PlanRepository,
    private readonly auditTrail: AuditTrail,
  ) {}

  // ----- tasks

  createTask(projectId: string, input: CreateTaskDto): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager) => {
      if (input.insertAfterTaskId === undefined) await this.insertTask(manager, projectId, input);
      else await this.insertTaskAfter(manager, projectId, input.insertAfterTaskId, input);
    });
  }

  /** Inserts a task at the end of the plan inside the caller's transaction (also used by templates). */
  async insertTask(manager: EntityManager, projectId: string, input: CreateTaskDto): Promise<PlanTaskEntity> {
    const { insertAfterTaskId: _after, ...fields } = input;
    const task = manager.create(PlanTaskEntity, { projectId, ...NEW_TASK, name: input.name, duration: input.duration });
    applyTaskFields(task, fields);
    if (input.position === undefined) task.position = await this.repository.nextPosition(manager, 'plan_task', projectId);
    await checkTask(manager, projectId, task, '');
    return createRow(manager, this.auditTrail, TASK_ROWS, projectId, task);
  }

  /**
   * « + Tâche » after a selected task, as MS Project does: the new task comes right after it in
   * the table and between it and its successors in the network (the links that left it now
   * leave the new task, keeping their type and lag, and it links to the new task FS). So in a
   * backward plan the new task is planned before the go-live like the work around it. The new
   * task takes the phase and lot of the selected one unless given. One audit entry (the task's
   * creation, naming the task it follows), so the web undoes it as one step by deleting it.
   */
  private async insertTaskAfter(manager: EntityManager, projectId: string, afterId: string, input: CreateTaskDto): Promise<PlanTaskEntity> {
    const after = await manager.findOneBy(PlanTaskEntity, { id: afterId, projectId });
    if (!after) throw fieldError(422, 'insertAfterTaskId', `insertAfterTaskId ${afterId} is not a task of this project`);
    const { insertAfterTaskId: _after, ...fields } = input;
    const task = manager.create(PlanTaskEntity, {
      projectId,
      ...NEW_TASK,
      name: input.name,
      duration: input.duration,
      phaseId: after.phaseId,
      lotId: after.lotId,
    });
    applyTaskFields(task, fields);
    if (input.position === undefined) {
      task.position = after.position + 1;
      // Room for it right after the selected task: positions order the table, they are not user edits.
      await this.repository.shiftTaskPositions(manager, projectId, task.position);
    }
    await checkTask(manager, projectId, task, '');
    const saved = await manager.save(task);
    const outgoing = await manager.findBy(PlanLinkEntity, { projectId, fromTaskId: after.id });
    for (const link of outgoing) {
      link.fromTaskId = saved.id;
      link.version += 1;
      await manager.save(link);
    }
    await manager.save(manager.create(PlanLinkEntity, { projectId, fromTaskId: after.id, toTaskId: saved.id, type: 'FS', lag: 0 }));
    await this.auditTrail.record(manager, {
      projectId,
      entity: 'task',
      entityId: saved.id,
      action: 'create',
      after: { ...taskSnapshot(saved), insertedAfter: after.name, successorIds: outgoing.map((link) => link.toTaskId) },
      label: saved.name,
    });
    return saved;
  }

  updateTask(projectId: string, taskId: string, input: UpdateTaskDto): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager) => {
      const { version, ...changes } = input;
      await editRow(manager, this.auditTrail, TASK_ROWS, { projectId, id: taskId, where: { id: taskId, projectId } }, version, (task) =>
        this.changeTask(manager, projectId, task, changes, ''),
      );
    });
  }

  /** Applies and checks `changes` on a task being edited; `prefix` names fields of a bulk request. */
  async changeTask(manager: EntityManager, projectId: string, task: PlanTaskEntity, changes: TaskChanges, prefix: string): Promise<void> {
    applyTaskFields(task, changes);
    await checkTask(manager, projectId, task, prefix);
  }

  /**
   * Deletes a task or milestone and its links. With `reconnect` (the default), each of its
   * predecessors is linked (FS, no lag) to each of its successors first, so removing a step
   * never leaves the work before it unconnected to the go-live.
   */
  deleteTask(projectId: string, taskId: string, version: number, reconnect = true): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager) => {
      const ref = { projectId, id: taskId, where: { id: taskId, projectId } };
      await deleteRow(manager, this.auditTrail, TASK_ROWS, ref, version, async () => {
        const links = await manager.find(PlanLinkEntity, { where: [{ projectId, fromTaskId: taskId }, { projectId, toTaskId: taskId }] });
        for (const link of links) {
          await deleteRow(manager, this.auditTrail, LINK_ROWS, { projectId, id: link.id, where: { id: link.id, projectId } }, null);
        }
        if (!reconnect) return;
        const predecessors = links.filter((link) => link.toTaskId === taskId).map((link) => link.fromTaskId);
        const successors = links.filter((link) => link.fromTaskId === taskId).map((link) => link.toTaskId);
        for (const fromTaskId of new Set(predecessors)) {
          for (const toTaskId of new Set(successors)) {
            if (fromTaskId === toTaskId) continue;
            if (await manager.existsBy(PlanLinkEntity, { projectId, fromTaskId, toTaskId })) continue;
            await createRow(manager, this.auditTrail, LINK_ROWS, projectId, manager.create(PlanLinkEntity, { projectId, fromTaskId, toTaskId, type: 'FS', lag: 0 }));
          }
        }
      });
    });
  }

  // ----- links

  createLink(projectId: string, input: CreateLinkDto): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager) => {
      await this.insertLink(manager, projectId, input);
    });
  }

  /** Inserts a link inside the caller's transaction (also used by templates). */
  async insertLink(manager: EntityManager, projectId: string, input: CreateLinkDto): Promise<PlanLinkEntity> {
    if (input.fromTaskId === input.toTaskId) {
      throw fieldError(400, 'toTaskId', 'a task cannot be linked to itself');
    }
    const tasks = await manager.find(PlanTaskEntity, { select: { id: true }, where: { projectId, id: In([input.fromTaskId, input.toTaskId]) } });
    const found = new Set(tasks.map((task) => task.id));
    for (const field of ['fromTaskId', 'toTaskId'] as const) {
      if (!found.has(input[field])) throw fieldError(422, field, `${field} ${input[field]} is not a task of this project`);
    }
    if (await manager.existsBy(PlanLinkEntity, { projectId, fromTaskId: input.fromTaskId, toTaskId: input.toTaskId })) {
      throw fieldError(422, 'toTaskId', 'these two tasks are already linked in this direction', 'duplicate_link');
    }
    const link = manager.create(PlanLinkEntity, {
      projectId,
      fromTaskId: input.fromTaskId,
      toTaskId: input.toTaskId,
      type: input.type ?? 'FS',
      lag: input.lag ?? 0,
    });
    return createRow(manager, this.auditTrail, LINK_ROWS, projectId, link);
  }

  updateLink(projectId: string, linkId: string, input: UpdateLinkDto): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager) => {
      const { version, ...changes } = input;
      await editRow(manager, this.auditTrail, LINK_ROWS, { projectId, id: linkId, where: { id: linkId, projectId } }, version, (link) =>
        applyLinkFields(link, changes),
      );
    });
  }

  deleteLink(projectId: string, linkId: string, version: number): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager) => {
      await deleteRow(manager, this.auditTrail, LINK_ROWS, { projectId, id: linkId, where: { id: linkId, projectId } }, version);
    });
  }

  /** A task loaded by the caller (bulk) edited through the shared helper. */
  async editLoadedTask(manager: EntityManager, projectId: string, task: PlanTaskEntity, version: number, changes: TaskChanges, prefix: string): Promise<void> {
    await editLoadedRow(manager, this.auditTrail, TASK_ROWS, { projectId, id: task.id }, task, version, (row) =>
      this.changeTask(manager, projectId, row, changes, prefix),
    );
  }

  /** A link loaded by the caller (bulk) edited through the shared helper. */
  async editLoadedLink(manager: EntityManager, projectId: string, link: PlanLinkEntity, input: UpdateLinkDto): Promise<void> {
    const { version, ...changes } = input;
    await editLoadedRow(manager, this.auditTrail, LINK_ROWS, { projectId, id: link.id }, link, version, (row) => applyLinkFields(row, changes));
  }
}

function applyLinkFields(link: PlanLinkEntity, changes: Omit<UpdateLinkDto, 'version'>): void {
  if (changes.type !== undefined) link.type = changes.type;
  if (changes.lag !== undefined) link.lag = changes.lag;
}

/** Copies every editable field present in `changes` (the list lives once, in @jalon/domain). */
function applyTaskFields(task: PlanTaskEntity, changes: TaskChanges): void {
  const target = task as unknown as Record<string, unknown>;
  for (const field of EDITABLE_TASK_FIELDS) {
    const value = changes[field];
    if (value !== undefined) target[field] = value;
  }
}

/** Checks the task as it would be stored, naming the field at fault. */
async function checkTask(manager: EntityManager, projectId: string, task: PlanTaskEntity, prefix: string): Promise<void> {
  if (task.fixedDate !== null && task.duration !== 0) {
    throw fieldError(400, `${prefix}fixedDate`, 'fixedDate is for milestones only (duration 0)');
  }
  if (task.actualStart !== null && task.actualFinish !== null && task.actualFinish < task.actualStart) {
    throw fieldError(400, `${prefix}actualFinish`, `actualFinish ${task.actualFinish} is before actualStart ${task.actualStart}`);
  }
  if (task.phaseId !== null && !(await manager.existsBy(PlanPhaseEntity, { id: task.phaseId, projectId }))) {
    throw fieldError(422, `${prefix}phaseId`, `phaseId ${task.phaseId} is not a phase of this project`);
  }
  if (task.lotId !== null && !(await manager.existsBy(PlanLotEntity, { id: task.lotId, projectId }))) {
    throw fieldError(422, `${prefix}lotId`, `lotId ${task.lotId} is not a lot of this project`);
  }
  if (task.ownerUserId !== null) {
    const members = (await manager.query(`SELECT 1 FROM project_member WHERE project_id = $1 AND user_id = $2`, [
      projectId,
      task.ownerUserId,
    ])) as unknown[];
    if (members.length === 0) {
      throw fieldError(400, `${prefix}ownerUserId`, `ownerUserId ${task.ownerUserId} is not a member of this project`, 'invalid_reference');
    }
  }
}
