import { generated, graphql, handWritten, type HostileCase } from './cases';
import { accepted, type Data, rejected } from './outcome';

const PAGE_POSITIONS = [
  { label: 'timeline(first:)', query: (n: string) => `timeline(first: ${n}) { edges { cursor } }` },
  { label: 'timeline(last:)', query: (n: string) => `timeline(last: ${n}) { edges { cursor } }` },
  { label: 'actors(first:)', query: (n: string) => `actors(first: ${n}) { nodes { slug } }` },
  { label: 'search(first:)', query: (n: string) => `search(query: "Putin", first: ${n}) { __typename }` },
  {
    label: 'actor.timeline(first:)',
    query: (n: string) => `actor(slug: "vladimir-putin") { timeline(first: ${n}) { edges { cursor } } }`,
  },
  {
    label: 'event.history(first:)',
    query: (n: string) => `event(slug: "xi-putin-formal-talks") { history(first: ${n}) { nodes { revision } } }`,
  },
];

/** Out of range for a page (1..100) but a valid Int: the resolver rejects it. */
const OUT_OF_RANGE = [0, -1, 101, -2147483648, 2147483647];
/** Not an Int at all: validation or variable coercion rejects it. */
const NOT_AN_INT: unknown[] = [2147483648, -2147483649, 1.5, '10', 1e100, true, [1], { n: 1 }];

function graphqlLiteral(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) < 1e21 ? String(value) : null;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return '{ n: 1 }';
}

function pageSizeCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const position of PAGE_POSITIONS) {
    const withVariable = (value: unknown) => graphql(`query($n: Int) { ${position.query('$n')} }`, { n: value });
    for (const value of OUT_OF_RANGE) {
      const expected = rejected('BAD_USER_INPUT');
      cases.push(
        generated(
          `${position.label} rejects the literal ${value}`,
          graphql(`{ ${position.query(String(value))} }`),
          expected,
        ),
      );
      cases.push(generated(`${position.label} rejects the variable ${value}`, withVariable(value), expected));
    }
    for (const value of NOT_AN_INT) {
      const label = JSON.stringify(value);
      const literalText = graphqlLiteral(value);
      if (literalText !== null) {
        const query = graphql(`{ ${position.query(literalText)} }`);
        cases.push(
          generated(
            `${position.label} rejects the literal ${label} as not an Int`,
            query,
            rejected('GRAPHQL_VALIDATION_FAILED'),
          ),
        );
      }
      cases.push(
        generated(
          `${position.label} rejects the variable ${label} as not an Int`,
          withVariable(value),
          rejected('BAD_USER_INPUT'),
        ),
      );
    }
    for (const value of [1, 100, null]) {
      cases.push(generated(`${position.label} accepts ${value}`, withVariable(value), accepted()));
    }
  }
  cases.push(
    handWritten(
      'timeline rejects first and last together',
      graphql('{ timeline(first: 1, last: 1) { totalCount } }'),
      rejected('BAD_USER_INPUT'),
    ),
  );
  return cases;
}

const count = (data: Data) => (data.timeline as { totalCount: number }).totalCount;

function enumAndNullCases(): HostileCase[] {
  const invalid = rejected('GRAPHQL_VALIDATION_FAILED');
  const coercion = rejected('BAD_USER_INPUT');
  return [
    handWritten(
      'timeline(order: SIDEWAYS) is an unknown enum value',
      graphql('{ timeline(order: SIDEWAYS) { totalCount } }'),
      invalid,
    ),
    handWritten(
      'timeline(order: "CHRONOLOGICAL") as a string is not an enum value',
      graphql('{ timeline(order: "CHRONOLOGICAL") { totalCount } }'),
      invalid,
    ),
    handWritten(
      'timelineBuckets(size: DECADE) is an unknown enum value',
      graphql('{ timelineBuckets(size: DECADE) { count } }'),
      invalid,
    ),
    handWritten(
      'timelineBuckets(size: day) in lower case is an unknown enum value',
      graphql('{ timelineBuckets(size: day) { count } }'),
      invalid,
    ),
    handWritten(
      'filter kinds: [WAR] is an unknown enum value',
      graphql('{ timeline(filter: { kinds: [WAR] }) { totalCount } }'),
      invalid,
    ),
    handWritten(
      'filter role from a variable "speaker" is an unknown enum value',
      graphql('query($r: ParticipantRole) { timeline(filter: { role: $r }) { totalCount } }', { r: 'speaker' }),
      coercion,
    ),
    handWritten(
      'filter statuses from a variable [1] is not an enum value',
      graphql('query($s: [EventStatus!]) { timeline(filter: { statuses: $s }) { totalCount } }', { s: [1] }),
      coercion,
    ),
    handWritten(
      'filter kinds from a variable ["__proto__"] is not an enum value',
      graphql('query($k: [EventKind!]) { timeline(filter: { kinds: $k }) { totalCount } }', { k: ['__proto__'] }),
      coercion,
    ),
    handWritten(
      'timelineBuckets(size: null) is null for a non-null argument',
      graphql('{ timelineBuckets(size: null) { count } }'),
      invalid,
    ),
    handWritten(
      'search(query: null) is null for a non-null argument',
      graphql('{ search(query: null) { __typename } }'),
      invalid,
    ),
    handWritten('node(id: null) is null for a non-null argument', graphql('{ node(id: null) { id } }'), invalid),
    handWritten('nodes(ids: null) is null for a non-null argument', graphql('{ nodes(ids: null) { id } }'), invalid),
    handWritten(
      'a required variable given null',
      graphql('query($id: ID!) { node(id: $id) { id } }', { id: null }),
      coercion,
    ),
    handWritten(
      'a required variable left out',
      graphql('query($q: String!) { search(query: $q) { __typename } }', {}),
      coercion,
    ),
    handWritten(
      'a filter from a variable that is a string',
      graphql('query($f: TimelineFilter) { timeline(filter: $f) { totalCount } }', { f: 'kinds: [VISIT]' }),
      coercion,
    ),
    handWritten(
      'a filter from a variable that is an array',
      graphql('query($f: TimelineFilter) { timeline(filter: $f) { totalCount } }', { f: [{ kinds: ['VISIT'] }] }),
      coercion,
    ),
    handWritten(
      'a filter with a key __proto__',
      graphql(
        'query($f: TimelineFilter) { timeline(filter: $f) { totalCount } }',
        JSON.parse('{"f":{"__proto__":{"kinds":["VISIT"]}}}') as Record<string, unknown>,
      ),
      coercion,
    ),
    handWritten(
      'a filter with from after to',
      graphql('{ timeline(filter: { from: "2023-03-22T00:00:00Z", to: "2023-03-21T00:00:00Z" }) { totalCount } }'),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'a filter with from equal to to',
      graphql('{ timeline(filter: { from: "2023-03-21T00:00:00Z", to: "2023-03-21T00:00:00Z" }) { totalCount } }'),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'a filter whose lists are empty is no constraint',
      graphql('{ timeline(filter: { kinds: [], statuses: [], actors: [], sources: [], tags: [] }) { totalCount } }'),
      accepted((data) => expect(count(data)).toBe(31)),
    ),
    handWritten('an unknown argument', graphql('{ timeline(limit: 5) { totalCount } }'), invalid),
    handWritten('an unknown field', graphql('{ timeline { edges { node { password } } } }'), invalid),
    handWritten('a variable of an unknown type', graphql('query($x: Password) { __typename }', { x: 1 }), invalid),
    handWritten(
      'a variable declared twice',
      graphql('query($x: Int, $x: Int) { timeline(first: $x) { totalCount } }', { x: 1 }),
      invalid,
    ),
    handWritten(
      'a variable used but not declared',
      graphql('{ timeline(first: $x) { totalCount } }', { x: 1 }),
      invalid,
    ),
  ];
}
/** Page sizes, enums, nulls and wrong types where reads take arguments. */
export function argumentCases(): HostileCase[] {
  return [...pageSizeCases(), ...enumAndNullCases()];
}
