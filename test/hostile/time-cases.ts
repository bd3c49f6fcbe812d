import { describeValue } from './generators';
import { generated, graphql, handWritten, type HostileCase } from './cases';
import { accepted, rejected } from './outcome';

const INVALID_ZONES = [
  'Mars/Base',
  '../../etc/passwd',
  'Europe/../../etc/passwd',
  '/etc/localtime',
  '',
  ' ',
  'Europe/Moscow ',
  '+03:00',
  'UTC+3',
  'Europe/Mosc%',
  "UTC'; DROP TABLE event; --",
  '\u202EUTC',
  'Z'.repeat(100_000),
];

function timeZoneCases(): HostileCase[] {
  const query = 'query($v: String) { timelineBuckets(size: DAY, timeZone: $v) { count } }';
  return [
    ...INVALID_ZONES.map((zone) =>
      generated(
        `timelineBuckets(timeZone:) rejects ${describeValue(zone)}`,
        graphql(query, { v: zone }),
        rejected('BAD_USER_INPUT'),
      ),
    ),
    ...['Pacific/Kiritimati', 'Asia/Kathmandu', 'America/St_Johns', 'Etc/GMT+12', 'utc'].map((zone) =>
      generated(
        `timelineBuckets(timeZone:) accepts ${describeValue(zone)}`,
        graphql(query, { v: zone }),
        accepted((data) => expect(data.timelineBuckets.length).toBeGreaterThan(0)),
      ),
    ),
  ];
}

const INVALID_DATES: unknown[] = [
  '2023-02-30T00:00:00Z',
  '2023-02-29T00:00:00Z',
  'yesterday',
  '10000-01-01T00:00:00Z',
  '+010000-01-01T00:00:00Z',
  '2023-03-21T00:00:00',
  '2023-03-21',
  '2023-03-21T24:00:01Z',
  '2023-03-21T00:00:00+25:00',
  '2023-13-01T00:00:00Z',
  ' 2023-03-21T00:00:00Z',
  '2023-03-21T00:00:00Z; DROP TABLE event',
  '',
  '\u0000',
  1679356800000,
  true,
];

const DATE_POSITIONS = [
  { label: 'timeline(filter.from)', query: 'query($v: DateTime) { timeline(filter: { from: $v }) { totalCount } }' },
  { label: 'timeline(filter.to)', query: 'query($v: DateTime) { timeline(filter: { to: $v }) { totalCount } }' },
  { label: 'timeline(asOf:)', query: 'query($v: DateTime) { timeline(asOf: $v) { totalCount } }' },
  { label: 'event(asOf:)', query: 'query($v: DateTime) { event(slug: "xi-putin-formal-talks", asOf: $v) { slug } }' },
];

function dateCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const position of DATE_POSITIONS) {
    for (const value of INVALID_DATES) {
      cases.push(
        generated(
          `${position.label} rejects ${describeValue(value)}`,
          graphql(position.query, { v: value }),
          rejected('BAD_USER_INPUT'),
        ),
      );
    }
  }
  const asOfRoots = [
    ['timeline', 'timeline(asOf: $v) { totalCount }'],
    ['timelineBuckets', 'timelineBuckets(size: YEAR, asOf: $v) { count }'],
    ['search', 'search(query: "Putin", asOf: $v) { __typename }'],
    ['actors', 'actors(asOf: $v) { nodes { slug } }'],
    ['node', 'node(id: "RXZlbnQ6MQ", asOf: $v) { id }'],
  ] as const;
  for (const [root, selection] of asOfRoots) {
    const query = `query($v: DateTime) { ${selection} }`;
    cases.push(
      generated(
        `${root}(asOf:) rejects an instant in the future`,
        graphql(query, { v: '2999-01-01T00:00:00Z' }),
        rejected('BAD_USER_INPUT'),
      ),
      generated(
        `${root}(asOf:) rejects the year 0`,
        graphql(query, { v: '0000-06-01T00:00:00Z' }),
        rejected('BAD_USER_INPUT'),
      ),
      generated(
        `${root}(asOf:) rejects an instant before the year 1 in UTC`,
        graphql(query, { v: '0001-01-01T00:00:00+14:00' }),
        rejected('BAD_USER_INPUT'),
      ),
      generated(
        `${root}(asOf:) accepts the first instant of the year 1, before anything was recorded`,
        graphql(query, { v: '0001-01-01T00:00:00Z' }),
        accepted(),
      ),
    );
  }
  cases.push(
    handWritten(
      'timeline(filter.from) as a literal "2023-02-30" is a validation error',
      graphql('{ timeline(filter: { from: "2023-02-30T00:00:00Z" }) { totalCount } }'),
      rejected('GRAPHQL_VALIDATION_FAILED'),
    ),
    handWritten(
      'timeline(filter.to) as the literal "yesterday" is a validation error',
      graphql('{ timeline(filter: { to: "yesterday" }) { totalCount } }'),
      rejected('GRAPHQL_VALIDATION_FAILED'),
    ),
    handWritten(
      'timeline(asOf:) as the literal year 10000 is a validation error',
      graphql('{ timeline(asOf: "10000-01-01T00:00:00Z") { totalCount } }'),
      rejected('GRAPHQL_VALIDATION_FAILED'),
    ),
    handWritten(
      'timeline(filter.from) accepts the year 0 and finds everything after it',
      graphql('{ timeline(filter: { from: "0000-01-01T00:00:00Z" }) { totalCount } }'),
      accepted((data) => expect(data.timeline.totalCount).toBe(31)),
    ),
    handWritten(
      'timeline(filter.from) accepts 9999-12-31 and finds nothing',
      graphql('{ timeline(filter: { from: "9999-12-31T23:59:59.999Z" }) { totalCount } }'),
      accepted((data) => expect(data.timeline.totalCount).toBe(0)),
    ),
    handWritten(
      'timelineBuckets by HOUR over ten thousand years counts only the hours with events',
      graphql(
        '{ timelineBuckets(size: HOUR, filter: { from: "0000-01-01T00:00:00Z", to: "9999-12-31T23:59:59Z" }) { count } }',
      ),
      accepted((data) =>
        expect(data.timelineBuckets.reduce((sum: number, b: { count: number }) => sum + b.count, 0)).toBe(31),
      ),
    ),
  );
  return cases;
}
/** Time zones and instants: unknown zones, impossible dates, and asOf out of range. */
export function timeCases(): HostileCase[] {
  return [...timeZoneCases(), ...dateCases()];
}
