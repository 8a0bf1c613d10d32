import type { EntityManager } from 'typeorm';
import type { ExecutionResult, ProjectRole } from '@jalon/domain';
import { EXECUTION_RESULTS } from '@jalon/domain';
import type { AuthenticatedUser, ProjectMembershipContext } from '../access/access.decorators';
import { fieldError } from '../common/api-errors';

/** Who acts on the recette, as the access guard resolved them. */
export interface AcceptanceActor {
  id: string;
  displayName: string;
  /** The role acted with (an administrator acts as project manager). */
  role: ProjectRole;
}

export const acceptanceActorOf = (user: AuthenticatedUser, membership: ProjectMembershipContext): AcceptanceActor => ({
  id: user.id,
  displayName: user.displayName,
  role: membership.effectiveRole,
});

/** A 422 naming `field` unless `userId` is a member of the project. */
export async function checkMember(manager: EntityManager, projectId: string, userId: string | null | undefined, field: string): Promise<void> {
  if (userId === null || userId === undefined) return;
  const rows = (await manager.query(`SELECT 1 FROM project_member WHERE project_id = $1 AND user_id = $2`, [projectId, userId])) as unknown[];
  if (rows.length === 0) throw fieldError(422, field, `${field} ${userId} is not a member of this project`, 'invalid_reference');
}

/** Each result with its count, every result present. */
export function resultCounts(rows: ReadonlyArray<{ result: ExecutionResult | null; count: number | string }>): Record<ExecutionResult, number> {
  const counts = Object.fromEntries(EXECUTION_RESULTS.map((result) => [result, 0])) as Record<ExecutionResult, number>;
  for (const row of rows) counts[row.result ?? 'non_execute'] += Number(row.count);
  return counts;
}

/** An ISO instant, or null. */
export const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();
