import type { EntityManager } from 'typeorm';
import type { RequirementDto, RequirementRevisionDto, TestCaseDto, TestCaseRequirementRef, TestCaseRevisionDto } from '@jalon/domain';
import { refuse } from '../common/api-errors';
import type { RowKind } from '../common/edit-row';
import { RequestContext } from '../common/request-context';
import {
  AcceptanceRequirementEntity,
  AcceptanceTestCaseEntity,
  type AcceptanceRequirementRevisionEntity,
  type AcceptanceTestCaseRevisionEntity,
} from './entities';

/** How requirements are found, named in refusals and recorded in the audit trail. */
export const REQUIREMENT_KIND: RowKind<AcceptanceRequirementEntity> = {
  target: AcceptanceRequirementEntity,
  entity: 'acceptance_requirement',
  snapshot: (row) => ({
    reference: row.reference,
    title: row.title,
    description: row.description,
    category: row.category,
    priority: row.priority,
    lotId: row.lotId,
    conformity: row.conformity,
    status: row.status,
    revision: row.revision,
  }),
  label: (row) => `${row.reference} – ${row.title}`,
};

/** Test cases; the snapshot lists the linked requirements, set by the service before each write. */
export type TestCaseRow = AcceptanceTestCaseEntity & { requirementIds?: string[] };

export const TEST_CASE_KIND: RowKind<TestCaseRow> = {
  target: AcceptanceTestCaseEntity,
  entity: 'acceptance_test_case',
  snapshot: (row) => ({
    reference: row.reference,
    title: row.title,
    preconditions: row.preconditions,
    steps: row.steps,
    criticality: row.criticality,
    status: row.status,
    revision: row.revision,
    ...(row.requirementIds ? { requirementIds: [...row.requirementIds].sort() } : {}),
  }),
  label: (row) => `${row.reference} – ${row.title}`,
};

/** One write of a project's acceptance: references are allocated one writer at a time. */
export async function lockProject(manager: EntityManager, projectId: string): Promise<void> {
  await manager.query(`SELECT id FROM project WHERE id = $1 FOR UPDATE`, [projectId]);
}

/** Who acts, for a revision row: the request's actor and their display name. */
export async function actorOf(manager: EntityManager): Promise<{ id: string | null; name: string | null }> {
  const actor = RequestContext.actor();
  if (!actor) return { id: null, name: null };
  const rows = (await manager.query(`SELECT display_name AS "name" FROM app_user WHERE id = $1`, [actor.id])) as Array<{ name: string }>;
  return { id: actor.id, name: rows[0]?.name ?? null };
}

/** 409 `duplicate_reference` naming the field. */
export function duplicateReference(reference: string, what: 'requirement' | 'test case', field = 'reference') {
  return refuse(409, 'duplicate_reference', `Another ${what} of this project has the reference « ${reference} »`, {
    fields: [{ field, messages: [`« ${reference} » is already the reference of another ${what} of this project`] }],
  });
}

/** Whether a reference is taken in the project (case aside), by another row than `exceptId`. */
export async function referenceTaken(
  manager: EntityManager,
  table: 'acceptance_requirement' | 'acceptance_test_case',
  projectId: string,
  reference: string,
  exceptId: string | null = null,
): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT 1 FROM ${table} WHERE project_id = $1 AND upper(reference) = upper($2) AND ($3::uuid IS NULL OR id <> $3::uuid) LIMIT 1`,
    [projectId, reference, exceptId],
  )) as unknown[];
  return rows.length > 0;
}

/** Every reference of a project's requirements or cases (to number the next one). */
export async function referencesOf(manager: EntityManager, table: 'acceptance_requirement' | 'acceptance_test_case', projectId: string): Promise<string[]> {
  const rows = (await manager.query(`SELECT reference FROM ${table} WHERE project_id = $1`, [projectId])) as Array<{ reference: string }>;
  return rows.map((row) => row.reference);
}

/** `%text%` for ILIKE, its wildcards escaped. */
export function likePattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());

export interface RequirementReadRow {
  id: string;
  reference: string;
  title: string;
  description: string;
  category: RequirementDto['category'];
  priority: RequirementDto['priority'];
  lotId: string | null;
  lotName: string | null;
  conformity: RequirementDto['conformity'];
  status: RequirementDto['status'];
  revision: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const REQUIREMENT_READ_COLUMNS = `r.id, r.reference, r.title, r.description, r.category, r.priority, r.lot_id AS "lotId", l.name AS "lotName",
  r.conformity, r.status, r.revision, r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

export function requirementDto(row: RequirementReadRow, testCases: RequirementDto['testCases']): RequirementDto {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    description: row.description,
    category: row.category,
    priority: row.priority,
    lotId: row.lotId,
    lotName: row.lotName,
    conformity: row.conformity,
    status: row.status,
    revision: row.revision,
    version: row.version,
    testCases,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function testCaseDto(row: AcceptanceTestCaseEntity, requirements: TestCaseRequirementRef[]): TestCaseDto {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    preconditions: row.preconditions,
    steps: row.steps.map((step) => ({ action: step.action, data: step.data, expected: step.expected })),
    criticality: row.criticality,
    status: row.status,
    revision: row.revision,
    version: row.version,
    requirements,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function requirementRevisionDto(row: AcceptanceRequirementRevisionEntity): RequirementRevisionDto {
  return {
    revision: row.revision,
    current: false,
    reference: row.reference,
    title: row.title,
    description: row.description,
    category: row.category,
    priority: row.priority,
    conformity: row.conformity,
    replacedAt: iso(row.createdAt),
    replacedByName: row.createdByName,
  };
}

export function testCaseRevisionDto(row: AcceptanceTestCaseRevisionEntity): TestCaseRevisionDto {
  return {
    revision: row.revision,
    current: false,
    title: row.title,
    preconditions: row.preconditions,
    steps: row.steps,
    criticality: row.criticality,
    replacedAt: iso(row.createdAt),
    replacedByName: row.createdByName,
  };
}
