import { registerLocaleData } from '@angular/common';
import { provideHttpClient, withFetch, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import localeFr from '@angular/common/locales/fr';
import {
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  type ApplicationConfig,
} from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import { provideRouter, withComponentInputBinding, withRouterConfig } from '@angular/router';
import { provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';
import { routes } from './app.routes';
import { AuthService } from './core/auth';
import { BundledTranslateLoader, LanguageService } from './core/language';
import { unauthorizedInterceptor } from './core/unauthorized.interceptor';

registerLocaleData(localeFr);

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding(), withRouterConfig({ paramsInheritanceStrategy: 'always' })),
    provideHttpClient(
      withFetch(),
      // The API's double-submit CSRF check uses Angular's default names: cookie XSRF-TOKEN, header X-XSRF-TOKEN.
      withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
      withInterceptors([unauthorizedInterceptor]),
    ),
    provideTranslateService({
      loader: provideTranslateLoader(() => new BundledTranslateLoader()),
      fallbackLang: 'fr',
      lang: 'fr',
    }),
    provideAppInitializer(() => {
      // Asked now, the session check travels while the app boots; the guards take its answer.
      void inject(AuthService).ensureLoaded();
      inject(LanguageService).init();
      // Icons come from the self-hosted Material Symbols font, never from a CDN.
      inject(MatIconRegistry).setDefaultFontSetClass('material-symbols-outlined');
    }),
  ],
};
