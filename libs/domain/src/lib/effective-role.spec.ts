import { effectiveProjectRole, permissionScope } from './access';

describe(effectiveProjectRole.name, () => {
  it('should make an instance administrator the project manager, member or not', () => {
    expect(effectiveProjectRole(null, true)).toBe('project_manager');
    expect(effectiveProjectRole('viewer', true)).toBe('project_manager');
  });

  it('should keep a member their role and give a non-member none', () => {
    expect(effectiveProjectRole('contributor', false)).toBe('contributor');
    expect(effectiveProjectRole(undefined, false)).toBeNull();
  });
});

describe(permissionScope.name, () => {
  it('should let a contributor report progress on their own tasks only, the project manager on all', () => {
    expect(permissionScope('contributor', 'plan.progress')).toBe('own');
    expect(permissionScope('project_manager', 'plan.progress')).toBe('all');
    expect(permissionScope('viewer', 'plan.progress')).toBe('none');
  });
});
