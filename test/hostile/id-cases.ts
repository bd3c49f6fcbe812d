import { base64url, forgedEventCursors, forgedListCursors, malformedGlobalIds, malformedTokens } from './generators';
import { type Fixtures, generated, graphql, handWritten, type HostileCase } from './cases';
import { accepted, rejected } from './outcome';

interface Position {
  label: string;
  query: string;
  /** Variables besides the hostile one, from the fixtures. */
  extra?: (fixtures: Fixtures) => Record<string, unknown>;
}

const EVENT_CURSOR_POSITIONS: Position[] = [
  { label: 'timeline(after:)', query: 'query($v: String) { timeline(first: 2, after: $v) { edges { cursor } } }' },
  { label: 'timeline(before:)', query: 'query($v: String) { timeline(last: 2, before: $v) { edges { cursor } } }' },
  {
    label: 'actor.timeline(after:)',
    query: 'query($v: String) { actor(slug: "vladimir-putin") { timeline(after: $v) { edges { cursor } } } }',
  },
  {
    label: 'source.events(after:)',
    query: 'query($v: String, $source: ID!) { source(id: $source) { events(after: $v) { edges { cursor } } } }',
    extra: ({ sourceId }) => ({ source: sourceId }),
  },
];

const LIST_CURSOR_POSITIONS: Position[] = [
  { label: 'actors(after:)', query: 'query($v: String) { actors(after: $v) { nodes { slug } } }' },
  {
    label: 'event.history(after:)',
    query: 'query($v: String) { event(slug: "xi-putin-formal-talks") { history(after: $v) { nodes { revision } } } }',
  },
];

const ID_POSITIONS: Position[] = [
  { label: 'node(id:)', query: 'query($v: ID!) { node(id: $v) { id } }' },
  { label: 'nodes(ids:)', query: 'query($v: ID!) { nodes(ids: [$v]) { id } }' },
  { label: 'event(id:)', query: 'query($v: ID) { event(id: $v) { slug } }' },
  { label: 'actor(id:)', query: 'query($v: ID) { actor(id: $v) { slug } }' },
  { label: 'timeline(filter.sources)', query: 'query($v: ID!) { timeline(filter: { sources: [$v] }) { totalCount } }' },
];

function at(position: Position, value: unknown) {
  return (fixtures: Fixtures) => graphql(position.query, { ...position.extra?.(fixtures), v: value });
}

function cursorCases(): HostileCase[] {
  const bad = rejected('BAD_USER_INPUT');
  const cases: HostileCase[] = [];
  for (const position of [...EVENT_CURSOR_POSITIONS, ...LIST_CURSOR_POSITIONS]) {
    for (const { label, value } of malformedTokens()) {
      cases.push(generated(`${position.label} rejects the malformed cursor ${label}`, at(position, value), bad));
    }
  }
  for (const position of EVENT_CURSOR_POSITIONS) {
    for (const { label, value } of forgedEventCursors()) {
      cases.push(generated(`${position.label} rejects the forged cursor ${label}`, at(position, value), bad));
    }
    const farFuture = base64url('e1:999999999999999:1');
    const pageBefore = position.label.includes('before');
    const page = accepted((data) => expect(JSON.stringify(data)).toMatch(pageBefore ? /"edges":\[\{/ : /"edges":\[\]/));
    cases.push(
      generated(`${position.label} accepts a well-formed cursor in the year 33658`, at(position, farFuture), page),
    );
  }
  for (const position of LIST_CURSOR_POSITIONS) {
    for (const { label, value } of forgedListCursors()) {
      cases.push(generated(`${position.label} rejects the forged cursor ${label}`, at(position, value), bad));
    }
  }
  return cases;
}

const TYPED_ID_POSITIONS = [
  { label: 'event(id:)', type: 'Event', query: 'query($v: ID) { event(id: $v) { slug } }' },
  { label: 'actor(id:)', type: 'Actor', query: 'query($v: ID) { actor(id: $v) { slug } }' },
  { label: 'source(id:)', type: 'Source', query: 'query($v: ID!) { source(id: $v) { slug } }' },
  {
    label: 'timeline(filter.actors)',
    type: 'Actor',
    query: 'query($v: ID!) { timeline(filter: { actors: [$v] }) { totalCount } }',
  },
];

function globalIdCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const position of ID_POSITIONS) {
    for (const { label, value } of malformedGlobalIds()) {
      cases.push(
        generated(`${position.label} rejects the global id ${label}`, at(position, value), rejected('BAD_USER_INPUT')),
      );
    }
  }
  for (const position of TYPED_ID_POSITIONS) {
    for (const type of ['Event', 'Actor', 'Source', 'Citation'].filter((other) => other !== position.type)) {
      const id = base64url(`${type}:1`);
      cases.push(
        generated(`${position.label} rejects an id of type ${type}`, at(position, id), rejected('BAD_USER_INPUT')),
      );
    }
    const missing = base64url(`${position.type}:9223372036854775807`);
    const none = accepted((data) => expect(JSON.stringify(data)).toMatch(/null|"totalCount":0/));
    cases.push(
      generated(
        `${position.label} finds nothing for ${position.type}:9223372036854775807`,
        at(position, missing),
        none,
      ),
    );
  }
  cases.push(
    handWritten(
      'node(id:) answers null for an id of each type that does not exist',
      graphql(
        `{ ${['Event', 'Actor', 'Source', 'Citation'].map((type, i) => `n${i}: node(id: "${base64url(`${type}:9223372036854775807`)}") { id }`).join(' ')} }`,
      ),
      accepted((data) => expect(data).toEqual({ n0: null, n1: null, n2: null, n3: null })),
    ),
    handWritten(
      'nodes(ids:) rejects 101 ids',
      graphql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
        ids: Array.from({ length: 101 }, (_, i) => base64url(`Event:${i + 1}`)),
      }),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'nodes(ids:) rejects 60,000 ids',
      graphql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array.from({ length: 60_000 }, () => 'QQ') }),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'timeline(filter.actors) rejects 101 actors',
      graphql('query($ids: [ID!]) { timeline(filter: { actors: $ids }) { totalCount } }', {
        ids: Array.from({ length: 101 }, (_, i) => base64url(`Actor:${i + 1}`)),
      }),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'event(id:, slug:) rejects both an id and a slug',
      ({ eventId }) => graphql(`{ event(id: "${eventId}", slug: "xi-putin-formal-talks") { slug } }`),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten('event() rejects neither an id nor a slug', graphql('{ event { slug } }'), rejected('BAD_USER_INPUT')),
    handWritten(
      'nodes(ids: [null]) is a validation error',
      graphql('{ nodes(ids: [null]) { id } }'),
      rejected('GRAPHQL_VALIDATION_FAILED'),
    ),
    handWritten(
      'node(id: 1) with an Int literal is accepted as the id "1" and rejected',
      graphql('{ node(id: 1) { id } }'),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'node(id: {}) with an object is a validation error',
      graphql('{ node(id: {a: 1}) { id } }'),
      rejected('GRAPHQL_VALIDATION_FAILED'),
    ),
  );
  return cases;
}

/** Malformed and forged cursors and global ids, and ids of other types, where reads take them. */
export function idCases(): HostileCase[] {
  return [...cursorCases(), ...globalIdCases()];
}
