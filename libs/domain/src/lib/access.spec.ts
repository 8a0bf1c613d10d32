import { PROJECT_PERMISSIONS, PROJECT_ROLES, permissionsOf, roleAllows } from './access';

describe('The permission table', () => {
  it('should let every role read its project', () => {
    for (const role of PROJECT_ROLES) expect(roleAllows(role, 'project.read')).toBe(true);
  });

  it('should keep the retroplanning editable by the project manager only', () => {
    expect(PROJECT_ROLES.filter((role) => roleAllows(role, 'plan.edit'))).toEqual(['project_manager']);
  });

  it('should give a viewer nothing but reading', () => {
    expect(permissionsOf('viewer')).toEqual(['project.read', 'risk.read', 'meeting.read', 'acceptance.read', 'gonogo.read']);
  });

  it('should allow nothing to a caller without a role', () => {
    for (const permission of Object.keys(PROJECT_PERMISSIONS) as Array<keyof typeof PROJECT_PERMISSIONS>) {
      expect(roleAllows(null, permission)).toBe(false);
    }
  });

  it('should only name known roles', () => {
    for (const roles of Object.values(PROJECT_PERMISSIONS)) {
      for (const role of roles) expect(PROJECT_ROLES).toContain(role);
    }
  });
});
