import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { AuthService } from './auth';

// inject() only works before the first await of a guard: take what is needed up front.

/** Pages behind sign-in: without a session, go to /login and come back afterwards. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const session = await auth.ensureLoaded();
  return session ? true : router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

export const adminGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const session = await auth.ensureLoaded();
  return session?.user.isAdmin ? true : router.createUrlTree(['/']);
};
