import type { Routes } from '@angular/router';

/**
 * Starts loading the code of the pages that `path` opens, before the app has booted.
 *
 * The router loads a page's code only once the app is bootstrapped, the session checked and the
 * guards passed; on a first visit that puts the page's scripts, and the scripts they import, at the
 * end of a chain of requests. Asked for here, they download while the app boots; the router's own
 * `loadComponent` later gets the same modules from the browser's module map. Only the routes that
 * `path` matches are loaded (a layout and its child page); guards still decide what is shown, and a
 * script that fails to load here is asked for again by the router, which reports the failure.
 */
export function preloadRouteCode(routes: Routes, path: string): void {
  const segments = path.split('/').filter((segment) => segment.length > 0).map(decodeSegment);
  loadMatching(routes, segments);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Loads the first route of `routes` that consumes `segments` (with its children), as the router would pick it. */
function loadMatching(routes: Routes, segments: string[]): boolean {
  for (const route of routes) {
    if (route.path === undefined || route.path === '**' || route.redirectTo !== undefined || route.matcher) continue;
    const parts = route.path.split('/').filter((part) => part.length > 0);
    if (parts.length > segments.length || !parts.every((part, index) => part.startsWith(':') || part === segments[index])) continue;
    const rest = segments.slice(parts.length);
    if (rest.length > 0 && (route.pathMatch === 'full' || !route.children || !loadMatching(route.children, rest))) continue;
    const loaded = route.loadComponent?.();
    if (loaded instanceof Promise) loaded.catch(() => undefined);
    return true;
  }
  return false;
}
