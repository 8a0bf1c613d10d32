import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { routes } from './app/app.routes';
import { preloadRouteCode } from './app/core/route-code';

// The opened page's scripts download while the app boots, not after the session check.
preloadRouteCode(routes, location.pathname);
bootstrapApplication(App, appConfig).catch((error: unknown) => console.error(error));
