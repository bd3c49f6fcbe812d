import { describeValue } from './generators';
import { generated, graphql, handWritten, type HostileCase, literal } from './cases';
import { accepted, type Data, rejected } from './outcome';

interface TextPosition {
  label: string;
  query: string;
  /** The hits an answer holds, for the checks of accepted searches. */
  hits?: (data: Data) => number;
}

const SEARCH_POSITIONS: TextPosition[] = [
  {
    label: 'search(query:)',
    query: 'query($v: String!) { search(query: $v) { __typename } }',
    hits: (d) => d.search.length,
  },
  {
    label: 'actors(search:)',
    query: 'query($v: String) { actors(search: $v) { nodes { slug } } }',
    hits: (d) => d.actors.nodes.length,
  },
  {
    label: 'timeline(filter.search)',
    query: 'query($v: String) { timeline(filter: { search: $v }) { totalCount } }',
    hits: (d) => d.timeline.totalCount,
  },
  {
    label: 'timelineBuckets(filter.search)',
    query: 'query($v: String) { timelineBuckets(size: YEAR, filter: { search: $v }) { count } }',
    hits: (d) => d.timelineBuckets.length,
  },
];

/** SQL metacharacters and LIKE wildcards that no seeded text contains: each must match itself, so nothing. */
const UNMATCHED_SEARCHES = [
  '%',
  '%%',
  '%_%',
  '\\',
  '\\\\',
  '\\%',
  'R_I',
  'Put%n',
  "' OR 1=1 --",
  "'; DELETE FROM actor; --",
  ';DROP TABLE event;',
  '$$',
  '$1',
  '"',
  '--',
  '/*',
  '[',
  '.*',
  '^',
  '|',
  '?',
  "E'\\x00'",
  "%' UNION SELECT token_hash FROM api_token --",
];

function searchCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const position of SEARCH_POSITIONS) {
    for (const text of UNMATCHED_SEARCHES) {
      const none = accepted((data) => expect(position.hits!(data)).toBe(0));
      cases.push(
        generated(
          `${position.label} matches ${describeValue(text)} literally, finding nothing`,
          graphql(position.query, { v: text }),
          none,
        ),
      );
    }
    cases.push(
      generated(
        `${position.label} rejects 100,000 characters`,
        graphql(position.query, { v: 'x'.repeat(100_000) }),
        rejected('BAD_USER_INPUT'),
      ),
      generated(
        `${position.label} rejects 201 characters`,
        graphql(position.query, { v: 'x'.repeat(201) }),
        rejected('BAD_USER_INPUT'),
      ),
      generated(
        `${position.label} rejects nine words`,
        graphql(position.query, { v: 'a b c d e f g h i' }),
        rejected('BAD_USER_INPUT'),
      ),
      generated(
        `${position.label} rejects a NUL character`,
        graphql(position.query, { v: 'Pu\u0000tin' }),
        rejected('BAD_USER_INPUT'),
      ),
      generated(
        `${position.label} accepts 200 characters`,
        graphql(position.query, { v: 'x'.repeat(200) }),
        accepted(),
      ),
    );
  }
  cases.push(
    handWritten(
      'actors(search: "_") finds only the actor with an underscore in an alias (@RFI_Cn)',
      graphql('{ actors(search: "_") { nodes { slug } } }'),
      accepted((data) => expect(data.actors.nodes).toEqual([{ slug: 'rfi' }])),
    ),
    handWritten(
      'timeline(filter.search: "Putin\'s") matches the apostrophe as text',
      graphql(`{ timeline(filter: { search: ${literal("Putin's")} }) { totalCount } }`),
      accepted((data) => expect(data.timeline.totalCount).toBe(2)),
    ),
    handWritten(
      'search(query:) rejects a blank query',
      graphql('{ search(query: "   ") { __typename } }'),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'search(query:) rejects a GraphQL string literal of 900,000 characters',
      graphql(`{ search(query: "${'y'.repeat(900_000)}") { __typename } }`),
      rejected('BAD_USER_INPUT'),
    ),
  );
  return cases;
}

/** Valid text in scripts and symbols a naive system mangles: each must be taken as data. */
const ODD_TEXTS = [
  '🎉',
  '👩‍👩‍👧‍👦',
  'مرحبا بالعالم',
  'שלום',
  '\u202Eevil\u202C',
  'Z\u0351\u0352\u0353a\u0300l\u0301g\u0302o',
  '\u200B',
  '\uFEFFPutin',
  'ＰＵＴＩＮ',
  'İstanbul',
  '\uD800',
];

const LOOKUP_POSITIONS: TextPosition[] = [
  { label: 'event(slug:)', query: 'query($v: String) { event(slug: $v) { slug } }' },
  { label: 'actor(slug:)', query: 'query($v: String) { actor(slug: $v) { slug } }' },
  { label: 'timeline(filter.tags)', query: 'query($v: String!) { timeline(filter: { tags: [$v] }) { totalCount } }' },
  {
    label: 'title(lang:)',
    query: 'query($v: String) { event(slug: "xi-putin-formal-talks") { title(lang: $v) } }',
  },
];

function oddTextCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const position of [...SEARCH_POSITIONS, ...LOOKUP_POSITIONS]) {
    for (const text of ODD_TEXTS) {
      cases.push(
        generated(
          `${position.label} takes ${describeValue(text)} as data`,
          graphql(position.query, { v: text }),
          accepted(),
        ),
      );
    }
  }
  for (const position of LOOKUP_POSITIONS) {
    cases.push(
      generated(
        `${position.label} takes 100,000 characters as data`,
        graphql(position.query, { v: 'x'.repeat(100_000) }),
        accepted(),
      ),
    );
  }
  cases.push(
    handWritten(
      'search(query: "普京") and search(query: "Путин") find Putin first',
      graphql(
        '{ a: search(query: "普京", first: 1) { ... on Actor { slug } } b: search(query: "Путин", first: 1) { ... on Actor { slug } } }',
      ),
      accepted((data) => expect(data).toEqual({ a: [{ slug: 'vladimir-putin' }], b: [{ slug: 'vladimir-putin' }] })),
    ),
    handWritten(
      'title(lang:) falls back to the original language for a right-to-left tag',
      graphql('{ event(slug: "xi-putin-formal-talks") { title(lang: "ar") original: title } }'),
      accepted((data) => expect(data.event.title).toBe(data.event.original)),
    ),
  );
  return cases;
}

const NUL_POSITIONS: TextPosition[] = [
  { label: 'event(slug:)', query: 'query($v: String) { event(slug: $v) { slug } }' },
  { label: 'actor(slug:)', query: 'query($v: String) { actor(slug: $v) { slug } }' },
  { label: 'timeline(filter.tags)', query: 'query($v: String!) { timeline(filter: { tags: [$v] }) { totalCount } }' },
  {
    label: 'timelineBuckets(timeZone:)',
    query: 'query($v: String) { timelineBuckets(size: DAY, timeZone: $v) { count } }',
  },
  { label: 'actors(search:)', query: 'query($v: String) { actors(search: $v) { nodes { slug } } }' },
];

function nulCases(): HostileCase[] {
  const values = ['\u0000', 'xi-putin-formal-talks\u0000', '\u0000'.repeat(1000)];
  const cases: HostileCase[] = [];
  for (const position of NUL_POSITIONS) {
    for (const value of values) {
      cases.push(
        generated(
          `${position.label} rejects ${describeValue(value)}`,
          graphql(position.query, { v: value }),
          rejected('BAD_USER_INPUT'),
        ),
      );
    }
  }
  cases.push(
    handWritten(
      'event(slug:) rejects a NUL written as \\u0000 in the document',
      graphql('{ event(slug: "a\\u0000b") { slug } }'),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'a raw NUL inside a GraphQL string literal, which the grammar allows, reaches the slug check',
      graphql('{ event(slug: "a\u0000b") { slug } }'),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'a raw NUL between GraphQL tokens does not parse',
      graphql('{ \u0000 __typename }'),
      rejected('GRAPHQL_PARSE_FAILED'),
    ),
    handWritten(
      'title(lang:) with a NUL falls back to the original language',
      graphql('query($v: String) { event(slug: "xi-putin-formal-talks") { title(lang: $v) } }', { v: 'en\u0000' }),
      accepted(),
    ),
    handWritten(
      'an operation name with a NUL names no operation',
      { body: { query: '{ __typename }', operationName: 'a\u0000b' } },
      rejected('OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST'),
    ),
  );
  return cases;
}

/** Search text, long strings, NUL, and scripts and symbols taken as data. */
export function textCases(): HostileCase[] {
  return [...searchCases(), ...oddTextCases(), ...nulCases()];
}
