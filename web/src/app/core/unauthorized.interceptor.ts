import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthService } from './auth';

/** A 401 anywhere means the session ended (expired, logged out elsewhere): back to sign-in. */
export const unauthorizedInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      const isAuthCall = request.url.startsWith('/api/auth/');
      // A password asked again to sign (go / no-go) and mistyped is not the end of the session.
      const wrongPassword = error instanceof HttpErrorResponse && (error.error as { code?: unknown } | null)?.code === 'wrong_password';
      if (error instanceof HttpErrorResponse && error.status === 401 && !isAuthCall && !wrongPassword) {
        auth.forget();
        void router.navigate(['/login'], { queryParams: { returnUrl: router.url } });
      }
      return throwError(() => error);
    }),
  );
};
