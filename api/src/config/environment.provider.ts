import type { Environment } from './environment';

/** Injection token of the validated {@link Environment}. */
export const ENVIRONMENT = Symbol('ENVIRONMENT');
export type { Environment };
