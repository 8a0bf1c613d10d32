import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsISO8601, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { DataSource } from 'typeorm';
import type { AuditEventDto, AuditPage } from '@jalon/domain';
import { ProjectAccess } from '../access/access.decorators';
import { AuditEventEntity } from './entities/audit-event.entity';

export class AuditQueryDto {
  @IsOptional() @IsString() @MaxLength(50) entity?: string;
  @IsOptional() @IsIn(['create', 'update', 'delete']) action?: 'create' | 'update' | 'delete';
  @IsOptional() @IsUUID() actorId?: string;
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  /** Cursor: the id of the last event of the previous page. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) before?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/** The project's audit trail, newest first. Read-only: there is no route to change it. */
@ApiTags('audit')
@Controller('projects/:projectId/audit')
export class AuditController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ProjectAccess('audit.read')
  @ApiOkResponse({ description: 'A page of audit events, newest first' })
  async list(
    @Param('projectId', new ParseUUIDPipe()) projectId: string,
    @Query() query: AuditQueryDto,
  ): Promise<AuditPage> {
    const limit = query.limit ?? 100;
    const builder = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('event')
      .where('event.project_id = :projectId', { projectId })
      .orderBy('event.id', 'DESC')
      .take(limit + 1);
    if (query.entity) builder.andWhere('event.entity = :entity', { entity: query.entity });
    if (query.action) builder.andWhere('event.action = :action', { action: query.action });
    if (query.actorId) builder.andWhere('event.actor_id = :actorId', { actorId: query.actorId });
    if (query.from) builder.andWhere('event.occurred_at >= :from', { from: query.from });
    if (query.to) builder.andWhere("event.occurred_at < (:to::date + interval '1 day')", { to: query.to.slice(0, 10) });
    if (query.before) builder.andWhere('event.id < :before', { before: query.before });
    const rows = await builder.getMany();
    const page = rows.slice(0, limit);
    return {
      events: page.map(
        (event): AuditEventDto => ({
          id: String(event.id),
          occurredAt: event.occurredAt.toISOString(),
          actorId: event.actorId,
          actorEmail: event.actorEmail,
          entity: event.entity,
          entityId: event.entityId,
          action: event.action,
          changes: event.changes,
        }),
      ),
      nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
    };
  }
}
