import { AsyncLocalStorage } from 'node:async_hooks';

export interface Actor {
  id: string;
  email: string;
}

interface RequestScope {
  actor: Actor | null;
}

const storage = new AsyncLocalStorage<RequestScope>();

/**
 * Who is acting, for the length of one request (or one command), without threading the user
 * through every service call: the audit trail reads it when it records a change.
 */
export const RequestContext = {
  run<T>(work: () => T): T {
    return storage.run({ actor: null }, work);
  },
  setActor(actor: Actor | null): void {
    const scope = storage.getStore();
    if (scope) scope.actor = actor;
  },
  actor(): Actor | null {
    return storage.getStore()?.actor ?? null;
  },
  /** Runs `work` as `actor` (seeds, scripts, tests). */
  runAs<T>(actor: Actor | null, work: () => T): T {
    return storage.run({ actor }, work);
  },
};
