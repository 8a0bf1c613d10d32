import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { AuditedEntity } from '@jalon/domain';
import type { AuditTrail } from '../audit/audit-trail.service';
import { notFound, staleVersion } from './api-errors';
import type { Versioned } from './editable-entity';

/** How one kind of row is found, named in refusals and recorded in the audit trail. */
export interface RowKind<E extends ObjectLiteral> {
  target: EntityTarget<E>;
  /** The audit trail's name of the kind (`task`, `link`…), also used in 404 and 409 bodies. */
  entity: AuditedEntity;
  /** The fields the audit trail records (the user's data, never computed values). */
  snapshot: (row: E) => Record<string, unknown>;
  /**
   * The object's name for people reading the change log (« Atelier routage », « A → B »);
   * computed after the change for a create or an update, before it for a delete.
   */
  label?: (row: E, manager: EntityManager) => string | Promise<string>;
}

export interface RowRef<E extends ObjectLiteral> {
  /** The project the row belongs to (null for instance-wide rows such as users). */
  projectId: string | null;
  id: string;
  /** How to find it; every query also names the project, so ids of other projects are 404. */
  where: FindOptionsWhere<E>;
}

/**
 * The one way to change a row, inside the caller's transaction: find → 404 → version check (409
 * `stale_version` with the current version) → snapshot → change → version + 1 → save → audit.
 * `change` may refuse (throw) after looking at the row; nothing is then written. Returns the row.
 */
export async function editRow<E extends ObjectLiteral & Versioned>(
  manager: EntityManager,
  audit: AuditTrail,
  kind: RowKind<E>,
  ref: RowRef<E>,
  version: number,
  change: (row: E) => void | Promise<void>,
): Promise<E> {
  const row = await manager.findOneBy(kind.target, ref.where);
  if (!row) throw notFound(kind.entity, ref.id);
  return editLoadedRow(manager, audit, kind, ref, row, version, change);
}

/** `editRow` for a row the caller already loaded (bulk edits load them all in one query). */
export async function editLoadedRow<E extends ObjectLiteral & Versioned>(
  manager: EntityManager,
  audit: AuditTrail,
  kind: RowKind<E>,
  ref: Pick<RowRef<E>, 'projectId' | 'id'>,
  row: E,
  version: number | null,
  change: (row: E) => void | Promise<void>,
): Promise<E> {
  // null: an edit made by the system for the user (a go-live milestone following the go-live).
  if (version !== null && row.version !== version) throw staleVersion(kind.entity, ref.id, row.version);
  const before = kind.snapshot(row);
  await change(row);
  (row as Versioned).version = row.version + 1;
  await manager.save(kind.target, row);
  await audit.record(manager, {
    projectId: ref.projectId,
    entity: kind.entity,
    entityId: ref.id,
    action: 'update',
    before,
    after: kind.snapshot(row),
    label: kind.label ? await kind.label(row, manager) : undefined,
  });
  return row;
}

/** Creates a row (version 1) and audits it, inside the caller's transaction. */
export async function createRow<E extends ObjectLiteral & Versioned & { id: string }>(
  manager: EntityManager,
  audit: AuditTrail,
  kind: RowKind<E>,
  projectId: string | null,
  row: E,
): Promise<E> {
  const saved = await manager.save(kind.target, row);
  await audit.record(manager, {
    projectId,
    entity: kind.entity,
    entityId: saved.id,
    action: 'create',
    after: kind.snapshot(saved),
    label: kind.label ? await kind.label(saved, manager) : undefined,
  });
  return saved;
}

/**
 * Deletes a row the caller sent the version of: find → 404 → 409 → `beforeDelete` (dependent
 * rows) → delete → audit. Returns the deleted row as it was.
 */
export async function deleteRow<E extends ObjectLiteral & Versioned>(
  manager: EntityManager,
  audit: AuditTrail,
  kind: RowKind<E>,
  ref: RowRef<E>,
  version: number | null,
  beforeDelete?: (row: E) => Promise<void>,
): Promise<E> {
  const row = await manager.findOneBy(kind.target, ref.where);
  if (!row) throw notFound(kind.entity, ref.id);
  if (version !== null && row.version !== version) throw staleVersion(kind.entity, ref.id, row.version);
  const label = kind.label ? await kind.label(row, manager) : undefined;
  if (beforeDelete) await beforeDelete(row);
  await manager.delete(kind.target, ref.where);
  await audit.record(manager, {
    projectId: ref.projectId,
    entity: kind.entity,
    entityId: ref.id,
    action: 'delete',
    before: kind.snapshot(row),
    label,
  });
  return row;
}
