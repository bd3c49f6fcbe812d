import { GraphQLError } from 'graphql';
import { currentRequestScope, withinRequestScope, type RequestScope } from '../shared/request-scope';

/** `extensions.code` of a request that ran out of time. */
export const REQUEST_TIMEOUT = 'REQUEST_TIMEOUT';

/** What {@link withRequestDeadline} resolves to when the work did not finish in time. */
export const DEADLINE_PASSED = Symbol('deadline passed');

/** The error of a request that took longer than `ms` milliseconds. */
export function requestTimeoutError(ms: number): GraphQLError {
  return new GraphQLError(
    `The request took longer than ${ms} ms and was stopped; ask for less (a smaller page, fewer fields) or try again later.`,
    { extensions: { code: REQUEST_TIMEOUT } },
  );
}

/**
 * Runs `work` with a deadline `ms` milliseconds from now. Settles with `work`'s outcome if it
 * finishes in time, else with {@link DEADLINE_PASSED} at the deadline; from then on every database
 * statement `work` tries to send through a `SqlClient` is refused (see
 * {@link assertBeforeDeadline}), so the abandoned work winds down without holding connections.
 * Without `ms` it just runs `work`.
 */
export async function withRequestDeadline<T>(
  ms: number | undefined,
  work: () => Promise<T>,
): Promise<T | typeof DEADLINE_PASSED> {
  if (ms === undefined) return work();
  const deadline: RequestScope['deadline'] = { at: performance.now() + ms, ms };
  let timer: NodeJS.Timeout | undefined;
  const passed = new Promise<typeof DEADLINE_PASSED>((resolve) => {
    timer = setTimeout(() => resolve(DEADLINE_PASSED), ms);
  });
  try {
    return await Promise.race([withinRequestScope({ deadline }, work), passed]);
  } finally {
    clearTimeout(timer);
  }
}

/** Throws the REQUEST_TIMEOUT error when the deadline of the request this code runs for has passed. */
export function assertBeforeDeadline(): void {
  const { deadline } = currentRequestScope();
  if (deadline && performance.now() >= deadline.at) throw requestTimeoutError(deadline.ms);
}
