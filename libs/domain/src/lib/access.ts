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
} as const satisfies Record<string, readonly ProjectRole[]>;

export type ProjectPermission = keyof typeof PROJECT_PERMISSIONS;

export function roleAllows(role: ProjectRole | null | undefined, permission: ProjectPermission): boolean {
  return role != null && (PROJECT_PERMISSIONS[permission] as readonly ProjectRole[]).includes(role);
}

export function permissionsOf(role: ProjectRole | null | undefined): ProjectPermission[] {
  return (Object.keys(PROJECT_PERMISSIONS) as ProjectPermission[]).filter((permission) =>
    roleAllows(role, permission),
  );
}
