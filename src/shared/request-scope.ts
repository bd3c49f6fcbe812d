import { AsyncLocalStorage } from 'node:async_hooks';

/** What code running for one HTTP request can learn about it without being handed it. */
export interface RequestScope {
  /** The request's `x-request-id`. */
  readonly requestId?: string;
  /** When the request must be answered, on performance.now()'s clock, and the limit it came from. */
  readonly deadline?: { readonly at: number; readonly ms: number };
}

const scopes = new AsyncLocalStorage<RequestScope>();

/**
 * Runs `work` with `scope` added to the current request scope, for everything it calls, awaits or
 * schedules. One store for every per-request fact, so each async step carries one slot, not one
 * per fact.
 */
export function withinRequestScope<T>(scope: RequestScope, work: () => T): T {
  return scopes.run({ ...scopes.getStore(), ...scope }, work);
}

/** The scope of the request this code runs for; empty outside one. */
export function currentRequestScope(): RequestScope {
  return scopes.getStore() ?? {};
}
