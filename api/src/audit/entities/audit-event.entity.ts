import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditedEntity } from '@jalon/domain';

export type AuditAction = 'create' | 'update' | 'delete';
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

@Entity({ name: 'audit_event' })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId!: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_email', type: 'varchar', length: 320, nullable: true })
  actorEmail!: string | null;

  @Column({ type: 'varchar', length: 50 })
  entity!: AuditedEntity;

  @Column({ name: 'entity_id', type: 'varchar', length: 100 })
  entityId!: string;

  @Column({ type: 'varchar', length: 10 })
  action!: AuditAction;

  /** The object's name when the change was made (null for events recorded before names were kept). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  label!: string | null;

  @Column({ type: 'jsonb', default: {} })
  changes!: AuditChanges;
}
