/** A user's role on one project. Instance administrators are a separate flag on the user. */
export const PROJECT_ROLES = [
  'project_manager',
  'sponsor',
  'steering_member',
  'key_user',
  'contributor',
  'viewer',
] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/**
 * The single permission table: which project roles may do what. The API's guard decides every
 * project endpoint from it and the web hides what a role cannot do with the same table.
 */
export const PROJECT_PERMISSIONS = {
  /** Read anything of the project: plan, baselines, exports, members. */
  'project.read': ['project_manager', 'sponsor', 'steering_member', 'key_user', 'contributor', 'viewer'],
  /** Edit the project's own fields (name, météo, go-live). */
  'project.edit': ['project_manager'],
  /** Delete the project (instance admins too). */
  'project.delete': ['project_manager'],
  /** Invite, change the role of, or remove a member. */
  'members.manage': ['project_manager'],
  /** Read the audit trail. */
  'audit.read': ['project_manager', 'sponsor'],
  /** Edit the retroplanning: settings, lots, phases, tasks, milestones, links. */
  'plan.edit': ['project_manager'],
  /** Update progress and actual dates of the tasks one owns (a contributor's own tasks). */
  'plan.progress': ['project_manager', 'contributor'],
  /** Freeze a baseline. */
  'baseline.create': ['project_manager'],
  /** Read the risk register, the matrix and the reviews. */
  'risk.read': ['project_manager', 'sponsor', 'steering_member', 'key_user', 'contributor', 'viewer'],
  /** Create and edit risks, their scores and links to the plan; change the register's settings. */
  'risk.edit': ['project_manager', 'sponsor', 'steering_member'],
  /** Accept a risk (élevé / critique: only the sponsor or the project manager, see @jalon/risks). */
  'risk.accept': ['project_manager', 'sponsor', 'steering_member'],
  /** Hold a risk review (the COPIL's snapshot). */
  'risk.review': ['project_manager', 'sponsor', 'steering_member'],
  /** Change any risk's treatments (a risk's owner changes its own too). */
  'risk.treatment': ['project_manager', 'sponsor', 'steering_member'],
  /** Read the steering meetings, their minutes, decisions, actions, the weather and the KPIs. */
  'meeting.read': ['project_manager', 'sponsor', 'steering_member', 'key_user', 'contributor', 'viewer'],
  /** Prepare, convene, hold and close meetings and series; edit agendas; produce the COPIL pack. */
  'meeting.manage': ['project_manager'],
  /** Record attendance, notes, decisions and actions in a meeting being held (COPIL members in a COPIL). */
  'meeting.record': ['project_manager', 'sponsor', 'steering_member'],
  /** Update an action's status (its owner updates their own). */
  'action.update': ['project_manager', 'sponsor', 'steering_member', 'key_user', 'contributor'],
  /** Define the incubation KPIs and enter their weekly values. */
  'kpi.edit': ['project_manager'],
  /** Read the acceptance: requirements, test cases, campaigns, results, defects, coverage. */
  'acceptance.read': ['project_manager', 'sponsor', 'steering_member', 'key_user', 'contributor', 'viewer'],
  /** Write requirements, test cases and campaigns; import the requirements. */
  'acceptance.write': ['project_manager', 'key_user'],
  /** Run test cases and record step results (a key user runs the cases assigned to them). */
  'acceptance.execute': ['project_manager', 'key_user'],
  /** Raise and update defects (a contributor updates the defects assigned to them). */
  'defect.edit': ['project_manager', 'key_user', 'contributor'],
  /** Read the go / no-go: readiness, criteria, decisions, signatures, PV, verification. */
  'gonogo.read': ['project_manager', 'sponsor', 'steering_member', 'key_user', 'contributor', 'viewer'],
  /** Prepare the go / no-go: readiness checklist, criteria and their lock, propose a decision, lift réserves. */
  'gonogo.prepare': ['project_manager'],
  /** Sign a decision (only the signers it names may, checked by the service). */
  'gonogo.sign': ['project_manager', 'sponsor', 'key_user'],
} as const satisfies Record<string, readonly ProjectRole[]>;

export type ProjectPermission = keyof typeof PROJECT_PERMISSIONS;

export function roleAllows(role: ProjectRole | null | undefined, permission: ProjectPermission): boolean {
  return role !== null && role !== undefined && (PROJECT_PERMISSIONS[permission] as readonly ProjectRole[]).includes(role);
}

export function permissionsOf(role: ProjectRole | null | undefined): ProjectPermission[] {
  return (Object.keys(PROJECT_PERMISSIONS) as ProjectPermission[]).filter((permission) =>
    roleAllows(role, permission),
  );
}

/**
 * The role a user acts with on a project: an instance administrator acts as its project manager
 * (whether or not they are a member); anyone else with their membership's role, or none.
 */
export function effectiveProjectRole(
  membershipRole: ProjectRole | null | undefined,
  isAdmin: boolean,
): ProjectRole | null {
  if (isAdmin) return 'project_manager';
  return membershipRole ?? null;
}

/**
 * Roles that hold a permission only on what they own: "a contributor updates only the tasks
 * assigned to them". The API's guard checks ownership for routes that declare `ownerOf`.
 */
export const OWN_ONLY_PERMISSIONS: Partial<Record<ProjectPermission, readonly ProjectRole[]>> = {
  'plan.progress': ['contributor'],
  'action.update': ['sponsor', 'steering_member', 'key_user', 'contributor'],
  'acceptance.execute': ['key_user'],
  'defect.edit': ['contributor'],
};

/** How far a role holds a permission: on everything of the project, only on what it owns, or not at all. */
export type PermissionScope = 'all' | 'own' | 'none';

export function permissionScope(role: ProjectRole | null | undefined, permission: ProjectPermission): PermissionScope {
  if (!roleAllows(role, permission)) return 'none';
  return OWN_ONLY_PERMISSIONS[permission]?.includes(role!) ? 'own' : 'all';
}

/** The signed-in user and their projects, as GET /api/auth/me returns them. */
export interface SessionInfo {
  user: { id: string; email: string; displayName: string; isAdmin: boolean };
  memberships: Array<{ projectId: string; role: ProjectRole }>;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  isActive: boolean;
  version: number;
}

export interface ProjectMember {
  userId: string;
  email: string;
  displayName: string;
  isActive: boolean;
  role: ProjectRole;
  version: number;
}

export interface AuditEventDto {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorEmail: string | null;
  entity: string;
  entityId: string;
  action: 'create' | 'update' | 'delete';
  changes: Record<string, { before: unknown; after: unknown }>;
}

export interface AuditPage {
  events: AuditEventDto[];
  /** Pass as `before` to get the next, older page; null on the last page. */
  nextCursor: string | null;
}
