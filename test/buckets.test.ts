import { useTestDatabase } from './helpers/database';
import { useGraphQL, type Execute } from './helpers/graphql';

const database = useTestDatabase();
const executeInProcess = useGraphQL(database);
/** Results as a client receives them over HTTP: JSON, so DateTime values are ISO strings. */
const execute: Execute = async (query, variables) =>
  JSON.parse(JSON.stringify(await executeInProcess(query, variables)));

interface Bucket {
  start: string;
  end: string;
  count: number;
}

const BUCKETS_QUERY = `query ($size: BucketSize!, $timeZone: String, $filter: TimelineFilter) {
  timelineBuckets(size: $size, timeZone: $timeZone, filter: $filter) { start end count }
}`;

async function buckets(size: string, timeZone?: string, filter?: Record<string, unknown>): Promise<Bucket[]> {
  const { data, errors } = await execute(BUCKETS_QUERY, { size, timeZone, filter });
  expect(errors).toBeUndefined();
  return data!.timelineBuckets;
}

/** A bucket as [start, end, count], to keep the tables below readable. */
function bucket([start, end, count]: [string, string, number]): Bucket {
  return { start: `${start}.000Z`, end: `${end}.000Z`, count };
}

describe('timeline buckets by day', () => {
  it('counts each event on its UTC day, where Moscow’s midnight is still the day before', async () => {
    expect(await buckets('DAY', 'UTC')).toEqual(
      (
        [
          ['1949-12-15T00:00:00', '1949-12-16T00:00:00', 1],
          ['1950-02-13T00:00:00', '1950-02-14T00:00:00', 1],
          ['2022-11-30T00:00:00', '2022-12-01T00:00:00', 1],
          ['2023-01-31T00:00:00', '2023-02-01T00:00:00', 4],
          ['2023-02-01T00:00:00', '2023-02-02T00:00:00', 1],
          ['2023-02-23T00:00:00', '2023-02-24T00:00:00', 2],
          ['2023-02-28T00:00:00', '2023-03-01T00:00:00', 1],
          ['2023-03-09T00:00:00', '2023-03-10T00:00:00', 1],
          ['2023-03-16T00:00:00', '2023-03-17T00:00:00', 3],
          // China's statement, the five Moscow events of the 20th and Rome's interview.
          ['2023-03-19T00:00:00', '2023-03-20T00:00:00', 7],
          ['2023-03-20T00:00:00', '2023-03-21T00:00:00', 7],
          ['2023-03-21T00:00:00', '2023-03-22T00:00:00', 1],
          ['2023-12-31T00:00:00', '2024-01-01T00:00:00', 1],
        ] as [string, string, number][]
      ).map(bucket),
    );
  });

  it('counts each event on its Moscow day, from 21:00Z to 21:00Z', async () => {
    expect(await buckets('DAY', 'Europe/Moscow')).toEqual(
      (
        [
          ['1949-12-15T21:00:00', '1949-12-16T21:00:00', 1],
          ['1950-02-13T21:00:00', '1950-02-14T21:00:00', 1],
          ['2022-11-30T21:00:00', '2022-12-01T21:00:00', 1],
          ['2023-01-30T21:00:00', '2023-01-31T21:00:00', 1],
          ['2023-01-31T21:00:00', '2023-02-01T21:00:00', 4],
          ['2023-02-22T21:00:00', '2023-02-23T21:00:00', 1],
          ['2023-02-23T21:00:00', '2023-02-24T21:00:00', 1],
          ['2023-02-28T21:00:00', '2023-03-01T21:00:00', 1],
          ['2023-03-08T21:00:00', '2023-03-09T21:00:00', 1],
          ['2023-03-15T21:00:00', '2023-03-16T21:00:00', 1],
          ['2023-03-16T21:00:00', '2023-03-17T21:00:00', 2],
          ['2023-03-18T21:00:00', '2023-03-19T21:00:00', 1],
          // 20 March in Moscow: everything dated that day anywhere from Rome to New York.
          ['2023-03-19T21:00:00', '2023-03-20T21:00:00', 11],
          ['2023-03-20T21:00:00', '2023-03-21T21:00:00', 2],
          ['2023-03-21T21:00:00', '2023-03-22T21:00:00', 1],
          ['2023-12-31T21:00:00', '2024-01-01T21:00:00', 1],
        ] as [string, string, number][]
      ).map(bucket),
    );
  });

  it('puts the informal talks on 19 March in UTC but on 20 March in Moscow', async () => {
    const filter = { kinds: ['MEETING'] };
    expect(await buckets('DAY', 'UTC', filter)).toEqual([
      bucket(['2023-03-19T00:00:00', '2023-03-20T00:00:00', 1]),
      bucket(['2023-03-20T00:00:00', '2023-03-21T00:00:00', 1]),
    ]);
    expect(await buckets('DAY', 'Europe/Moscow', filter)).toEqual([
      bucket(['2023-03-19T21:00:00', '2023-03-20T21:00:00', 1]),
      bucket(['2023-03-20T21:00:00', '2023-03-21T21:00:00', 1]),
    ]);
  });

  it('uses UTC when no time zone is given', async () => {
    const { data, errors } = await execute(`{ timelineBuckets(size: DAY) { start end count } }`);
    expect(errors).toBeUndefined();
    expect(data!.timelineBuckets).toEqual(await buckets('DAY', 'UTC'));
    const explicitNull = await execute(`{ timelineBuckets(size: DAY, timeZone: null) { start end count } }`);
    expect(explicitNull.data!.timelineBuckets).toEqual(data!.timelineBuckets);
  });
});

describe('timeline buckets by hour, week, month and year', () => {
  it('counts by hour', async () => {
    expect(await buckets('HOUR', 'UTC', { kinds: ['MEETING', 'VISIT'], from: '2023-01-01T00:00:00Z' })).toEqual([
      bucket(['2023-03-19T21:00:00', '2023-03-19T22:00:00', 2]),
      bucket(['2023-03-20T21:00:00', '2023-03-20T22:00:00', 1]),
    ]);
  });

  it('counts by ISO week starting Monday, so Moscow’s Monday is a UTC Sunday of the week before', async () => {
    expect(await buckets('WEEK', 'UTC')).toEqual(
      (
        [
          ['1949-12-12T00:00:00', '1949-12-19T00:00:00', 1],
          ['1950-02-13T00:00:00', '1950-02-20T00:00:00', 1],
          ['2022-11-28T00:00:00', '2022-12-05T00:00:00', 1],
          ['2023-01-30T00:00:00', '2023-02-06T00:00:00', 5],
          ['2023-02-20T00:00:00', '2023-02-27T00:00:00', 2],
          ['2023-02-27T00:00:00', '2023-03-06T00:00:00', 1],
          ['2023-03-06T00:00:00', '2023-03-13T00:00:00', 1],
          ['2023-03-13T00:00:00', '2023-03-20T00:00:00', 10],
          ['2023-03-20T00:00:00', '2023-03-27T00:00:00', 8],
          ['2023-12-25T00:00:00', '2024-01-01T00:00:00', 1],
        ] as [string, string, number][]
      ).map(bucket),
    );
    expect(await buckets('WEEK', 'Europe/Moscow')).toEqual(
      (
        [
          ['1949-12-11T21:00:00', '1949-12-18T21:00:00', 1],
          ['1950-02-12T21:00:00', '1950-02-19T21:00:00', 1],
          ['2022-11-27T21:00:00', '2022-12-04T21:00:00', 1],
          ['2023-01-29T21:00:00', '2023-02-05T21:00:00', 5],
          ['2023-02-19T21:00:00', '2023-02-26T21:00:00', 2],
          ['2023-02-26T21:00:00', '2023-03-05T21:00:00', 1],
          ['2023-03-05T21:00:00', '2023-03-12T21:00:00', 1],
          ['2023-03-12T21:00:00', '2023-03-19T21:00:00', 4],
          ['2023-03-19T21:00:00', '2023-03-26T21:00:00', 14],
          ['2023-12-31T21:00:00', '2024-01-07T21:00:00', 1],
        ] as [string, string, number][]
      ).map(bucket),
    );
  });

  it('makes a week that contains a daylight-saving change an hour shorter', async () => {
    // New York moved its clocks forward on Sunday 12 March 2023.
    expect(await buckets('WEEK', 'America/New_York', { kinds: ['ELECTION'] })).toEqual([
      bucket(['2023-03-06T05:00:00', '2023-03-13T04:00:00', 1]),
      bucket(['2023-12-25T05:00:00', '2024-01-01T05:00:00', 1]),
    ]);
  });

  it('counts by calendar month', async () => {
    expect(await buckets('MONTH', 'UTC')).toEqual(
      (
        [
          ['1949-12-01T00:00:00', '1950-01-01T00:00:00', 1],
          ['1950-02-01T00:00:00', '1950-03-01T00:00:00', 1],
          ['2022-11-01T00:00:00', '2022-12-01T00:00:00', 1],
          ['2023-01-01T00:00:00', '2023-02-01T00:00:00', 4],
          ['2023-02-01T00:00:00', '2023-03-01T00:00:00', 4],
          ['2023-03-01T00:00:00', '2023-04-01T00:00:00', 19],
          ['2023-12-01T00:00:00', '2024-01-01T00:00:00', 1],
        ] as [string, string, number][]
      ).map(bucket),
    );
    expect(await buckets('MONTH', 'Europe/Moscow')).toEqual(
      (
        [
          ['1949-11-30T21:00:00', '1949-12-31T21:00:00', 1],
          ['1950-01-31T21:00:00', '1950-02-28T21:00:00', 1],
          ['2022-11-30T21:00:00', '2022-12-31T21:00:00', 1],
          ['2022-12-31T21:00:00', '2023-01-31T21:00:00', 1],
          ['2023-01-31T21:00:00', '2023-02-28T21:00:00', 6],
          ['2023-02-28T21:00:00', '2023-03-31T21:00:00', 20],
          ['2023-12-31T21:00:00', '2024-01-31T21:00:00', 1],
        ] as [string, string, number][]
      ).map(bucket),
    );
  });

  it('counts by calendar year, the 2024 election falling in 2023 in UTC', async () => {
    expect(await buckets('YEAR', 'UTC')).toEqual(
      (
        [
          ['1949-01-01T00:00:00', '1950-01-01T00:00:00', 1],
          ['1950-01-01T00:00:00', '1951-01-01T00:00:00', 1],
          ['2022-01-01T00:00:00', '2023-01-01T00:00:00', 1],
          ['2023-01-01T00:00:00', '2024-01-01T00:00:00', 28],
        ] as [string, string, number][]
      ).map(bucket),
    );
    expect(await buckets('YEAR', 'Europe/Moscow')).toEqual(
      (
        [
          ['1948-12-31T21:00:00', '1949-12-31T21:00:00', 1],
          ['1949-12-31T21:00:00', '1950-12-31T21:00:00', 1],
          ['2021-12-31T21:00:00', '2022-12-31T21:00:00', 1],
          ['2022-12-31T21:00:00', '2023-12-31T21:00:00', 27],
          ['2023-12-31T21:00:00', '2024-12-31T21:00:00', 1],
        ] as [string, string, number][]
      ).map(bucket),
    );
  });
});

describe('timeline buckets and filters', () => {
  it('counts only the events the filter matches', async () => {
    const query = `query ($putin: ID!) {
      timelineBuckets(size: DAY, timeZone: "Europe/Moscow", filter: { actors: [$putin], role: HOST }) { start end count }
    }`;
    const { data: actor } = await execute(`{ actor(slug: "vladimir-putin") { id } }`);
    const { data, errors } = await execute(query, { putin: actor!.actor.id });
    expect({ data, errors }).toEqual({
      data: {
        timelineBuckets: [
          bucket(['2023-03-19T21:00:00', '2023-03-20T21:00:00', 2]),
          bucket(['2023-03-20T21:00:00', '2023-03-21T21:00:00', 1]),
        ],
      },
    });
    expect(await buckets('DAY', 'UTC', { statuses: ['CANCELLED'] })).toEqual([]);
  });

  it('counts a span in the unit it starts in, even when the filter window starts later', async () => {
    expect(await buckets('MONTH', 'UTC', { from: '2023-03-25T00:00:00Z', kinds: ['OTHER'] })).toEqual([
      bucket(['2022-11-01T00:00:00', '2022-12-01T00:00:00', 1]),
    ]);
  });

  it.each([
    ['DAY', 'UTC', null],
    ['DAY', 'Asia/Shanghai', { tags: ['icc'] }],
    ['WEEK', 'Europe/Moscow', { from: '2023-03-01T00:00:00Z', to: '2023-03-21T00:00:00Z' }],
    ['MONTH', 'America/New_York', { search: '普京' }],
    ['YEAR', 'Europe/Kyiv', { statuses: ['PLANNED'] }],
    ['HOUR', 'Europe/London', { kinds: ['STATEMENT'] }],
  ])('sums its %s counts in %s to the timeline’s totalCount for filter %j', async (size, timeZone, filter) => {
    const { data, errors } = await execute(
      `query ($size: BucketSize!, $timeZone: String, $filter: TimelineFilter) {
        timelineBuckets(size: $size, timeZone: $timeZone, filter: $filter) { start end count }
        timeline(filter: $filter) { totalCount }
      }`,
      { size, timeZone, filter },
    );
    expect(errors).toBeUndefined();
    const found: Bucket[] = data!.timelineBuckets;
    expect(found.reduce((sum, { count }) => sum + count, 0)).toBe(data!.timeline.totalCount);
    expect(data!.timeline.totalCount).toBeGreaterThan(0);
    for (const [index, { start, end, count }] of found.entries()) {
      expect(count).toBeGreaterThan(0);
      expect(Date.parse(start)).toBeLessThan(Date.parse(end));
      if (index > 0) expect(Date.parse(found[index - 1]!.end)).toBeLessThanOrEqual(Date.parse(start));
    }
  });
});

describe('timeline buckets with invalid input', () => {
  it.each([
    ['an unknown zone', 'Mars/Olympus_Mons'],
    ['an empty string', ''],
    ['a zone with a trailing space', 'Europe/Moscow '],
    ['an offset', '+03:00'],
    ['a zone plus an offset', 'UTC+3'],
    ['the server’s local zone', 'localtime'],
    ['a 100-character name (quoted only in part)', 'x'.repeat(100)],
  ])('rejects %s as the time zone', async (_description, timeZone) => {
    const { data, errors, sqlStatements } = await execute(BUCKETS_QUERY, { size: 'DAY', timeZone });
    expect({ data, errors, sqlStatements }).toEqual({
      data: null,
      errors: [
        {
          message: `"${timeZone.slice(0, 64)}" is not an IANA time zone.`,
          locations: expect.any(Array),
          path: ['timelineBuckets'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'timeZone', stacktrace: expect.any(Array) },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('rejects an invalid filter as the timeline does', async () => {
    const { data, errors } = await execute(BUCKETS_QUERY, {
      size: 'DAY',
      filter: { from: '2023-03-21T00:00:00Z', to: '2023-03-20T00:00:00Z' },
    });
    expect({ data, errors }).toEqual({
      data: null,
      errors: [
        {
          message: '`to` must be later than `from`.',
          locations: expect.any(Array),
          path: ['timelineBuckets'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'filter.to', stacktrace: expect.any(Array) },
        },
      ],
    });
  });
});
