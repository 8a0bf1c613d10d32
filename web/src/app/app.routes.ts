import type { Routes } from '@angular/router';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Jalon',
    loadComponent: () => import('./projects/project-list.page').then((m) => m.ProjectListPage),
  },
  {
    path: 'projects/:projectId',
    loadComponent: () => import('./shell/project-layout').then((m) => m.ProjectLayout),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'planning' },
      {
        path: ':module',
        loadComponent: () => import('./upcoming/upcoming.page').then((m) => m.UpcomingPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
