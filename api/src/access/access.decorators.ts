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
  | { kind: 'project'; permission: ProjectPermission };

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
 */
export const ProjectAccess = (permission: ProjectPermission) =>
  SetMetadata(ACCESS_RULE, { kind: 'project', permission } satisfies AccessRule);

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
  role: import('@jalon/domain').ProjectRole | null;
}

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);

export const CurrentMembership = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ProjectMembershipContext =>
    context.switchToHttp().getRequest<{ membership: ProjectMembershipContext }>().membership,
);
