import type { Routes } from '@angular/router';
import { adminGuard, signedInGuard } from './core/auth.guard';
import { prefetchPlan } from './planning/plan-prefetch';

export const routes: Routes = [
  {
    path: 'login',
    title: 'Jalon — Connexion',
    loadComponent: () => import('./auth/login.page').then((m) => m.LoginPage),
  },
  {
    path: '',
    pathMatch: 'full',
    title: 'Jalon',
    canActivate: [signedInGuard],
    loadComponent: () => import('./projects/project-list.page').then((m) => m.ProjectListPage),
  },
  {
    path: 'account',
    pathMatch: 'full',
    canActivate: [signedInGuard],
    loadComponent: () => import('./account/account.page').then((m) => m.AccountPage),
  },
  {
    path: 'my-tasks',
    canActivate: [signedInGuard],
    loadComponent: () => import('./my-tasks/my-tasks.page').then((m) => m.MyTasksPage),
  },
  {
    path: 'my-work',
    canActivate: [signedInGuard],
    loadComponent: () => import('./my-work/my-work.page').then((m) => m.MyWorkPage),
  },
  {
    path: 'my-tests',
    canActivate: [signedInGuard],
    loadComponent: () => import('./my-tests/my-tests.page').then((m) => m.MyTestsPage),
  },
  {
    path: 'mail',
    canActivate: [signedInGuard],
    loadComponent: () => import('./mail/mail.page').then((m) => m.MailPage),
  },
  {
    path: 'account/password',
    canActivate: [signedInGuard],
    loadComponent: () => import('./account/password.page').then((m) => m.PasswordPage),
  },
  {
    path: 'admin/users',
    canActivate: [signedInGuard, adminGuard],
    loadComponent: () => import('./admin/users.page').then((m) => m.UsersPage),
  },
  {
    path: 'projects/:projectId',
    canActivate: [signedInGuard],
    loadComponent: () => import('./shell/project-layout').then((m) => m.ProjectLayout),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'overview' },
      {
        path: 'planning',
        canActivate: [prefetchPlan],
        loadComponent: () => import('./planning/planning.page').then((m) => m.PlanningPage),
      },
      {
        path: 'members',
        loadComponent: () => import('./members/members.page').then((m) => m.MembersPage),
      },
      {
        path: 'audit',
        loadComponent: () => import('./audit/audit.page').then((m) => m.AuditPage),
      },
      { path: 'risks', loadComponent: () => import('./risks/risks.page').then((m) => m.RisksPage) },
      { path: 'overview', loadComponent: () => import('./overview/overview.page').then((m) => m.OverviewPage) },
      { path: 'meetings', loadComponent: () => import('./meetings/meetings.page').then((m) => m.MeetingsPage) },
      { path: 'meetings/:meetingId', loadComponent: () => import('./meetings/meeting.page').then((m) => m.MeetingPage) },
      { path: 'decisions', loadComponent: () => import('./meetings/decisions.page').then((m) => m.DecisionsPage) },
      { path: 'actions', loadComponent: () => import('./meetings/actions.page').then((m) => m.ActionsPage) },
      { path: 'kpis', loadComponent: () => import('./meetings/kpis.page').then((m) => m.KpisPage) },
      {
        path: 'acceptance',
        loadComponent: () => import('./acceptance/acceptance.layout').then((m) => m.AcceptanceLayout),
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'requirements' },
          { path: 'requirements', loadComponent: () => import('./acceptance/requirements.page').then((m) => m.RequirementsPage) },
          { path: 'cases', loadComponent: () => import('./acceptance/cases.page').then((m) => m.CasesPage) },
          { path: 'traceability', loadComponent: () => import('./acceptance/traceability.page').then((m) => m.TraceabilityPage) },
          { path: 'campaigns', loadComponent: () => import('./acceptance/campaigns.page').then((m) => m.CampaignsPage) },
          { path: 'campaigns/:campaignId', loadComponent: () => import('./acceptance/campaign.page').then((m) => m.CampaignPage) },
          { path: 'run/:executionId', loadComponent: () => import('./acceptance/run.page').then((m) => m.RunPage) },
          { path: 'defects', loadComponent: () => import('./acceptance/defects.page').then((m) => m.DefectsPage) },
        ],
      },
      { path: 'go-no-go', loadComponent: () => import('./go-no-go/go-no-go.page').then((m) => m.GoNoGoPage) },
      {
        path: ':module',
        loadComponent: () => import('./upcoming/upcoming.page').then((m) => m.UpcomingPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
