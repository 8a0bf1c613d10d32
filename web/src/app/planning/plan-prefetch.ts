import { inject } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { PlanningApi } from './planning-api';

/**
 * Not a check: on the planning route, asks for the plan as soon as the route is matched and the
 * user signed in, before the router loads the page's code (guards run first). On a first visit the
 * plan then travels while that code loads, instead of being asked for once the page is built.
 */
export const prefetchPlan: CanActivateFn = (route) => {
  const projectId = route.paramMap.get('projectId');
  if (projectId) inject(PlanningApi).prefetch(projectId);
  return true;
};
