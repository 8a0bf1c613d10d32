import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditedEntity } from '@jalon/domain';
import { RequestContext } from '../common/request-context';
import { AuditEventEntity, type AuditAction, type AuditChanges } from './entities/audit-event.entity';

export interface AuditEntry {
  projectId: string | null;
  /** The kind of thing changed, one of the shared list (`AUDITED_ENTITIES` of @jalon/domain). */
  entity: AuditedEntity;
  entityId: string;
  action: AuditAction;
  /** The fields before the change (omit for a create). */
  before?: Record<string, unknown>;
  /** The fields after the change (omit for a delete). */
  after?: Record<string, unknown>;
  /** The object's name for the change log (« Atelier routage », « A → B » for a link). */
  label?: string | undefined;
}

/** The length of `audit_event.label`; longer names are cut, never refused. */
const LABEL_LENGTH = 500;

const IGNORED_FIELDS = new Set(['version', 'updatedAt', 'createdAt']);

const normalise = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

/** The fields whose value differs between `before` and `after`, with both values. */
export function diffFields(before: Record<string, unknown> = {}, after: Record<string, unknown> = {}): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (IGNORED_FIELDS.has(field)) continue;
    const old = normalise(before[field]);
    const next = normalise(after[field]);
    if (JSON.stringify(old) !== JSON.stringify(next)) {
      changes[field] = { before: old ?? null, after: next ?? null };
    }
  }
  return changes;
}

/**
 * Writes the append-only audit trail. Always called with the manager of the transaction that
 * makes the change, so a change and its audit row are committed or rolled back together.
 */
@Injectable()
export class AuditTrail {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const changes = diffFields(entry.before, entry.after);
    if (entry.action === 'update' && Object.keys(changes).length === 0) return;
    const actor = RequestContext.actor();
    await manager.insert(AuditEventEntity, {
      // jsonb: TypeORM's deep-partial typing does not fit a free-form record.
      changes: changes as never,
      projectId: entry.projectId,
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      entity: entry.entity,
      entityId: entry.entityId,
      label: entry.label === undefined ? null : entry.label.slice(0, LABEL_LENGTH),
      action: entry.action,
    });
  }

  /**
   * The rows of `record` for many entries at once, 500 per statement (an import of 2,000 rows):
   * the same rows, in the same order, as calling `record` for each entry.
   */
  async recordMany(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    const actor = RequestContext.actor();
    const rows = entries.flatMap((entry) => {
      const changes = diffFields(entry.before, entry.after);
      if (entry.action === 'update' && Object.keys(changes).length === 0) return [];
      return [
        {
          changes: changes as never,
          projectId: entry.projectId,
          actorId: actor?.id ?? null,
          actorEmail: actor?.email ?? null,
          entity: entry.entity,
          entityId: entry.entityId,
          label: entry.label === undefined ? null : entry.label.slice(0, LABEL_LENGTH),
          action: entry.action,
        },
      ];
    });
    for (let start = 0; start < rows.length; start += 500) {
      await manager.insert(AuditEventEntity, rows.slice(start, start + 500));
    }
  }
}
