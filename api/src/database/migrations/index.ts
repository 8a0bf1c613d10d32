import { InitialSchema1795000000000 } from './1795000000000-initial-schema';

/** In order of application. Listed as classes, not globs, so the bundled API finds them. */
export const MIGRATIONS = [InitialSchema1795000000000];
