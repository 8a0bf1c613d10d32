import type { Routes } from '@angular/router';
import { preloadRouteCode } from './route-code';

describe(preloadRouteCode.name, () => {
  const loaded: string[] = [];
  const page = (name: string) => () => {
    loaded.push(name);
    return Promise.resolve(class {});
  };
  const routes: Routes = [
    { path: 'login', loadComponent: page('login') },
    { path: '', pathMatch: 'full', loadComponent: page('projects') },
    { path: 'admin/users', loadComponent: page('users') },
    {
      path: 'projects/:projectId',
      loadComponent: page('layout'),
      children: [
        { path: '', pathMatch: 'full', redirectTo: 'overview' },
        { path: 'planning', loadComponent: page('planning') },
        { path: 'meetings/:meetingId', loadComponent: page('meeting') },
        { path: ':module', loadComponent: page('upcoming') },
      ],
    },
    { path: '**', redirectTo: '' },
  ];

  beforeEach(() => (loaded.length = 0));

  it('should load the layout and the page a project URL opens, and nothing else', () => {
    preloadRouteCode(routes, '/projects/0d6f5a8e-3f57-4c59-9a55-7c1b2f0e9a10/planning');
    expect(loaded.sort()).toEqual(['layout', 'planning']);
  });

  it('should match parameters and fall through to a catch-all parameter route in order', () => {
    preloadRouteCode(routes, '/projects/p1/meetings/m1');
    expect(loaded.sort()).toEqual(['layout', 'meeting']);
    loaded.length = 0;
    preloadRouteCode(routes, '/projects/p1/training');
    expect(loaded.sort()).toEqual(['layout', 'upcoming']);
  });

  it('should load the page of a top-level URL, the root page only for the root', () => {
    preloadRouteCode(routes, '/admin/users');
    expect(loaded).toEqual(['users']);
    loaded.length = 0;
    preloadRouteCode(routes, '/');
    expect(loaded).toEqual(['projects']);
  });

  it('should load nothing for a URL no page matches', () => {
    preloadRouteCode(routes, '/admin/unknown');
    preloadRouteCode(routes, '/projects/p1/meetings/m1/extra');
    expect(loaded).toEqual([]);
  });
});
