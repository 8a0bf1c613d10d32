import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ProjectPermission } from '@jalon/domain';

/**
 * Every API endpoint declares who may call it with exactly one of these decorators; the access
 * guard refuses (500 in tests, logged) any endpoint without one, so no route is open by mistake.
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'admin' }
  | { kind: 'project'; permission: ProjectPermission; ownerOf?: OwnedEntity };

/**
 * Rows that have an owner, for "owner-or-permission" rules: the route parameter naming the row,
 * its table and the column holding its owner's user id. A module whose rows have owners adds a line.
 */
export const OWNED_ENTITIES = {
  task: { param: 'taskId', table: 'plan_task', ownerColumn: 'owner_user_id' },
  action: { param: 'actionId', table: 'meeting_action', ownerColumn: 'owner_user_id' },
  /** A case of an acceptance campaign: the member assigned to run it. */
  campaignCase: { param: 'campaignCaseId', table: 'acceptance_campaign_case', ownerColumn: 'assignee_user_id' },
  /** A run of a campaign case: the member its case is assigned to (a view over the execution and its case). */
  execution: { param: 'executionId', table: 'acceptance_execution_owner', ownerColumn: 'owner_user_id' },
  /** A defect: the member it is assigned to (the vendor's contributor, often). */
  defect: { param: 'defectId', table: 'acceptance_defect', ownerColumn: 'assignee_user_id' },
} as const satisfies Record<string, { param: string; table: string; ownerColumn: string }>;

export type OwnedEntity = keyof typeof OWNED_ENTITIES;

export const ACCESS_RULE = 'jalon:access-rule';

/** Anyone, signed in or not (health, sign-in, the iCalendar feed with its own token). */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Any signed-in, active user (their own profile, the list of their projects). */
export const Authenticated = () => SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);

/** Instance administrators only (users, creating projects). */
export const AdminOnly = () => SetMetadata(ACCESS_RULE, { kind: 'admin' } satisfies AccessRule);

/**
 * Members of the project named by the route's `:projectId` whose role has `permission` in the
 * permission table. A non-member gets 404 (the project's existence does not leak); a member
 * without the permission gets 403.
 *
 * With `ownerOf`, a role that holds the permission only on what it owns (`OWN_ONLY_PERMISSIONS`
 * of @jalon/domain, e.g. a contributor's `plan.progress`) passes only when it owns the row named
 * by the route (`:taskId`): 404 when the row is not in the project, 403 when it is someone else's.
 * The write then checks the version the caller read, so a row reassigned in between is refused
 * as stale.
 */
export const ProjectAccess = (permission: ProjectPermission, options: { ownerOf?: OwnedEntity } = {}) =>
  SetMetadata(ACCESS_RULE, { kind: 'project', permission, ...options } satisfies AccessRule);

/** The signed-in user, as the access guard put it on the request. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
}

/** The caller's membership of the route's project, set by the guard for `@ProjectAccess` routes. */
export interface ProjectMembershipContext {
  projectId: string;
  /** The membership's own role (null for an administrator who is not a member). */
  role: import('@jalon/domain').ProjectRole | null;
  /** The role the caller acts with (`effectiveProjectRole`: an administrator acts as project manager). */
  effectiveRole: import('@jalon/domain').ProjectRole;
}

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);

export const CurrentMembership = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ProjectMembershipContext =>
    context.switchToHttp().getRequest<{ membership: ProjectMembershipContext }>().membership,
);
