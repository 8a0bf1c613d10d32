import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { RetroPlanningDto } from '@jalon/domain';
import { fieldError } from '../common/api-errors';
import type { BulkPlanEditDto } from './dto/bulk.dto';
import type { BulkLinkDto } from './dto/link.dto';
import { PlanLinkEntity } from './entities/plan-link.entity';
import { PlanTaskEntity } from './entities/plan-task.entity';
import { PlanTasksService } from './plan-tasks.service';
import { PlanWriter } from './plan-writer.service';

/** Several tasks and links changed at once (a Gantt drag): one transaction, one recompute. */
@Injectable()
export class PlanBulkService {
  constructor(
    private readonly writer: PlanWriter,
    private readonly tasks: PlanTasksService,
  ) {}

  edit(projectId: string, input: BulkPlanEditDto): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager) => {
      const taskInputs = input.tasks ?? [];
      const linkInputs: BulkLinkDto[] = input.links ?? [];
      refuseDuplicates(taskInputs.map((task) => task.id), 'tasks');
      refuseDuplicates(linkInputs.map((link) => link.id), 'links');
      const tasks = taskInputs.length ? await manager.findBy(PlanTaskEntity, { projectId, id: In(taskInputs.map((task) => task.id)) }) : [];
      const taskById = new Map(tasks.map((task) => [task.id, task]));
      for (const [index, change] of taskInputs.entries()) {
        const task = taskById.get(change.id);
        if (!task) throw fieldError(422, `tasks.${index}.id`, `task ${change.id} is not a task of this project`);
        const { id: _id, version, ...changes } = change;
        await this.tasks.editLoadedTask(manager, projectId, task, version, changes, `tasks.${index}.`);
      }
      const links = linkInputs.length ? await manager.findBy(PlanLinkEntity, { projectId, id: In(linkInputs.map((link) => link.id)) }) : [];
      const linkById = new Map(links.map((link) => [link.id, link]));
      for (const [index, change] of linkInputs.entries()) {
        const link = linkById.get(change.id);
        if (!link) throw fieldError(422, `links.${index}.id`, `link ${change.id} is not a link of this project`);
        const { id: _id, ...update } = change;
        await this.tasks.editLoadedLink(manager, projectId, link, update);
      }
    });
  }
}

function refuseDuplicates(ids: string[], field: 'tasks' | 'links'): void {
  const seen = new Set<string>();
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) throw fieldError(400, `${field}.${index}.id`, `${id} appears twice in ${field}`);
    seen.add(id);
  }
}
