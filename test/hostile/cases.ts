import { type Expectation } from './outcome';
import { type HostileRequest } from './server';

/** Global ids of seeded records that mutation cases aim at, read once the server is up. */
export interface Fixtures {
  /** xi-putin-formal-talks */
  eventId: string;
  /** xi-putin-informal-talks */
  otherEventId: string;
  /** vladimir-putin */
  actorId: string;
  /** xi-jinping */
  otherActorId: string;
  /** rfi-2023-03-21-xi-moscow */
  sourceId: string;
  /** The first citation of xi-putin-formal-talks. */
  citationId: string;
}

/** Which token a case sends, if any. */
export type Credential = 'editor' | 'admin' | 'none';

/** One hostile request and what it must get. */
export interface HostileCase {
  /** Names the input, so that a failure says which. */
  name: string;
  /** Made by a generator from a list of values and positions, or written out by hand. */
  origin: 'generated' | 'hand-written';
  request: (fixtures: Fixtures) => HostileRequest;
  credential: Credential;
  expected: Expectation;
}

/** A POST of `query` with `variables` as JSON. */
export function graphql(query: string, variables?: Record<string, unknown>): HostileRequest {
  return { body: variables === undefined ? { query } : { query, variables } };
}

type CaseRequest = HostileRequest | ((fixtures: Fixtures) => HostileRequest);

function make(origin: HostileCase['origin'], credential: Credential) {
  return (name: string, request: CaseRequest, expected: Expectation): HostileCase => ({
    name,
    origin,
    request: typeof request === 'function' ? request : () => request,
    credential,
    expected,
  });
}

/** A case written out by hand, sent without a token. */
export const handWritten = make('hand-written', 'none');
/** A case a generator made, sent without a token. */
export const generated = make('generated', 'none');

/** The same case makers, sending an EDITOR or ADMIN token. */
export const withToken = (credential: Credential) => ({
  handWritten: make('hand-written', credential),
  generated: make('generated', credential),
});

/** A GraphQL string literal of `text`, escaped as the GraphQL grammar needs. */
export const literal = (text: string): string => JSON.stringify(text);
