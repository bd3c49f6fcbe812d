import { currentRequestScope, withinRequestScope } from './request-scope';

/** Runs `work` with `requestId` as the current request id, for everything it calls, awaits or schedules. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return withinRequestScope({ requestId }, work);
}

/** The id of the HTTP request being served (its `x-request-id`); undefined outside one. */
export function currentRequestId(): string | undefined {
  return currentRequestScope().requestId;
}
