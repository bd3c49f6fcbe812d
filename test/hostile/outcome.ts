import { type HostileReply } from './server';

/** Response data, inspected loosely by the checks of accepted cases. */
export type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is inspected loosely

/** What a case must get. */
export type Expectation =
  /** A client error: every error has one of `codes` (none given: any client error will do); the status is one of `statuses` when given. */
  | { outcome: 'rejected'; codes: readonly string[]; statuses?: readonly number[] }
  /** Valid, if odd, input: 200 with data and no errors, which `check` may inspect. */
  | { outcome: 'accepted'; check?: (data: Data) => void };

/** Statuses with which the transport itself may turn a request away. */
export const TRANSPORT_STATUSES = [400, 405, 413, 415, 429, 431] as const;

/** Slowest answer any case may get, in milliseconds. */
export const MAX_ANSWER_MS = 10_000;

/** Largest answer to a request of `sentBytes`: a hostile request must not be amplified. */
export const maxAnswerBytes = (sentBytes: number): number => Math.max(100_000, 2 * sentBytes);

/** Text a production error must never show: driver or stack details (inputs may echo SQL-like text). */
const LEAK =
  /node_modules|\.[jt]s:\d+:\d+|"stacktrace"|SQLSTATE|syntax error at or near|invalid byte sequence|violates \w+ key|violates check|relation "|column "/;

interface FormattedError {
  message?: unknown;
  extensions?: { code?: unknown };
}

function complain(reply: HostileReply, problem: string): never {
  throw new Error(`${problem}\nstatus ${reply.status} after ${Math.round(reply.ms)} ms: ${reply.text.slice(0, 600)}`);
}

function errorsOf(reply: HostileReply): FormattedError[] | null {
  const errors = (reply.json as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as FormattedError[]) : null;
}

/**
 * Checks `reply` against `expected`, and in every case that it came in time, without a server
 * error, and without SQL, driver or stack details.
 */
export function expectOutcome(reply: HostileReply, expected: Expectation): void {
  if (reply.ms > MAX_ANSWER_MS) complain(reply, `took longer than ${MAX_ANSWER_MS} ms`);
  if (reply.text.length > maxAnswerBytes(reply.sentBytes)) {
    complain(reply, `an answer of ${reply.text.length} characters to a request of ${reply.sentBytes} bytes`);
  }
  if (reply.status >= 500) complain(reply, 'a server error');
  if (LEAK.test(reply.text)) complain(reply, 'the answer shows SQL, driver or stack details');
  const errors = errorsOf(reply);
  const codes = (errors ?? []).map((error) => error.extensions?.code);
  if (codes.includes('INTERNAL_SERVER_ERROR')) complain(reply, 'INTERNAL_SERVER_ERROR');
  if (expected.outcome === 'accepted') {
    if (reply.status !== 200 || errors) complain(reply, 'valid input was not answered with data alone');
    const data = (reply.json as { data?: Data } | undefined)?.data;
    if (!data) complain(reply, 'no data');
    expected.check?.(data);
    return;
  }
  if (reply.status === 200 && !errors) complain(reply, `expected ${expected.codes.join(' or ')}, got data alone`);
  if (reply.status !== 200 && !(TRANSPORT_STATUSES as readonly number[]).includes(reply.status)) {
    complain(reply, 'a status that is neither 200 nor a client error of the transport');
  }
  if (expected.statuses && !expected.statuses.includes(reply.status)) {
    complain(reply, `expected status ${expected.statuses.join(' or ')}`);
  }
  if (expected.codes.length === 0) return;
  if (!errors?.length) complain(reply, `expected ${expected.codes.join(' or ')}, got no GraphQL errors`);
  const unexpected = codes.filter((code) => typeof code !== 'string' || !expected.codes.includes(code));
  if (unexpected.length) complain(reply, `expected ${expected.codes.join(' or ')}, got ${unexpected.join(', ')}`);
}

/** Rejected with one of `codes`. */
export const rejected = (...codes: string[]): Expectation => ({ outcome: 'rejected', codes });

/** Rejected by the transport with `status` and, when given, `code`. */
export const refused = (status: number, ...codes: string[]): Expectation => ({
  outcome: 'rejected',
  codes,
  statuses: [status],
});

/** Answered with data, which `check` may inspect. */
export const accepted = (check?: (data: Data) => void): Expectation => ({ outcome: 'accepted', check });
