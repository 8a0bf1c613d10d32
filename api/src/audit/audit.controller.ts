import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsISO8601, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { DataSource } from 'typeorm';
import { AUDITED_ENTITIES, type AuditedEntity, type AuditLogEventDto, type AuditLogPage } from '@jalon/domain';
import { ProjectAccess } from '../access/access.decorators';
import type { AuditAction, AuditChanges } from './entities/audit-event.entity';

export class AuditQueryDto {
  @IsOptional() @IsIn(AUDITED_ENTITIES, { message: `entity must be one of ${AUDITED_ENTITIES.join(', ')}` }) entity?: AuditedEntity;
  @IsOptional() @IsIn(['create', 'update', 'delete']) action?: 'create' | 'update' | 'delete';
  @IsOptional() @IsUUID() actorId?: string;
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  /** Cursor: the id of the last event of the previous page. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) before?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

interface AuditRow {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  entity: AuditedEntity;
  entityId: string;
  action: AuditAction;
  label: string | null;
  changes: AuditChanges;
}

/**
 * The project's audit trail, newest first, with the names people read (the object's name as it
 * was, the actor's display name). Read-only: there is no route to change it. Roles without
 * `audit.read` get 403 from the access guard, non-members 404: never an empty page.
 */
@ApiTags('audit')
@Controller('projects/:projectId/audit')
export class AuditController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ProjectAccess('audit.read')
  @ApiOkResponse({ description: 'A page of audit events (AuditLogPage of @jalon/domain), newest first' })
  async list(
    @Param('projectId', new ParseUUIDPipe()) projectId: string,
    @Query() query: AuditQueryDto,
  ): Promise<AuditLogPage> {
    const limit = query.limit ?? 100;
    const conditions = ['e.project_id = $1'];
    const parameters: unknown[] = [projectId];
    const add = (sql: (placeholder: string) => string, value: unknown): void => {
      parameters.push(value);
      conditions.push(sql(`$${parameters.length}`));
    };
    if (query.entity) add((p) => `e.entity = ${p}`, query.entity);
    if (query.action) add((p) => `e.action = ${p}`, query.action);
    if (query.actorId) add((p) => `e.actor_id = ${p}`, query.actorId);
    if (query.from) add((p) => `e.occurred_at >= ${p}`, query.from);
    if (query.to) add((p) => `e.occurred_at < (${p}::date + interval '1 day')`, query.to.slice(0, 10));
    if (query.before) add((p) => `e.id < ${p}`, query.before);
    parameters.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT e.id, e.occurred_at AS "occurredAt", e.actor_id AS "actorId", e.actor_email AS "actorEmail",
              u.display_name AS "actorName", e.entity, e.entity_id AS "entityId", e.action, e.label, e.changes
         FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE ${conditions.join(' AND ')}
        ORDER BY e.id DESC
        LIMIT $${parameters.length}`,
      parameters,
    )) as AuditRow[];
    const page = rows.slice(0, limit);
    return {
      events: page.map(
        (event): AuditLogEventDto => ({
          id: String(event.id),
          occurredAt: new Date(event.occurredAt).toISOString(),
          actorId: event.actorId,
          actorEmail: event.actorEmail,
          actorName: event.actorName,
          entity: event.entity,
          entityId: event.entityId,
          action: event.action,
          label: event.label,
          changes: event.changes,
        }),
      ),
      nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
    };
  }
}
