import net from 'node:net';
import { Pool } from 'pg';
import { createDataSource } from '../src/db/data-source';
import { toGlobalId } from '../src/shared/global-id';
import { type TestDatabase, useTestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';

const database = useTestDatabase();
const execute = useGraphQL(database);
const executeInProduction = useGraphQL(database, { production: true });

const STACKTRACE = expect.arrayContaining([expect.any(String)]);

describe('GRAPHQL_PARSE_FAILED', () => {
  it('is the code of a document that does not parse, with the place it stops', async () => {
    expect(await executeInProduction('{ timeline(')).toEqual({
      errors: [
        {
          message: 'Syntax Error: Expected Name, found <EOF>.',
          locations: [{ line: 1, column: 12 }],
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('carries a stacktrace outside production', async () => {
    expect(await execute('{ timeline(')).toEqual({
      errors: [
        {
          message: 'Syntax Error: Expected Name, found <EOF>.',
          locations: [{ line: 1, column: 12 }],
          extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: STACKTRACE },
        },
      ],
      sqlStatements: 0,
    });
  });
});

describe('GRAPHQL_VALIDATION_FAILED', () => {
  it('is the code of every field the schema lacks, each with its location, and no suggestion in production', async () => {
    expect(await executeInProduction('{ timelin { edges { cursor } }\n  evnt(slug: "x") { slug } }')).toEqual({
      errors: [
        {
          message: 'Cannot query field "timelin" on type "Query".',
          locations: [{ line: 1, column: 3 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
        {
          message: 'Cannot query field "evnt" on type "Query".',
          locations: [{ line: 2, column: 3 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('suggests the field meant outside production', async () => {
    expect(await execute('{ timelin { edges { cursor } } }')).toEqual({
      errors: [
        {
          message: 'Cannot query field "timelin" on type "Query". Did you mean "timeline"?',
          locations: [{ line: 1, column: 3 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: STACKTRACE },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('is the code of an argument literal of the wrong type', async () => {
    expect(await executeInProduction('{ timeline(first: "ten") { edges { cursor } } }')).toEqual({
      errors: [
        {
          message: 'Int cannot represent non-integer value: "ten"',
          locations: [{ line: 1, column: 19 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('is the code of an unknown enum value written in the document', async () => {
    expect(await executeInProduction('{ timeline(filter: { kinds: [PARTY] }) { edges { cursor } } }')).toEqual({
      errors: [
        {
          message: 'Value "PARTY" does not exist in "EventKind" enum.',
          locations: [{ line: 1, column: 30 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
      sqlStatements: 0,
    });
  });
});

describe('OPERATION_RESOLUTION_FAILURE', () => {
  it('is the code of a document with several operations and no operation name', async () => {
    expect(await executeInProduction('query A { __typename } query B { __typename }')).toEqual({
      errors: [
        {
          message: 'Must provide operation name if query contains multiple operations.',
          extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
        },
      ],
      sqlStatements: 0,
    });
  });
});

describe('BAD_USER_INPUT from variables', () => {
  const BY_KINDS = 'query ($kinds: [EventKind!]) { timeline(filter: { kinds: $kinds }) { edges { cursor } } }';

  it('is the code of an unknown enum value in the variables, naming the variable and the position', async () => {
    expect(await executeInProduction(BY_KINDS, { kinds: ['MEETING', 'PARTY'] })).toEqual({
      errors: [
        {
          message:
            'Variable "$kinds" got invalid value "PARTY" at "kinds[1]"; Value "PARTY" does not exist in "EventKind" enum.',
          locations: [{ line: 1, column: 8 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('is the code of a required variable left out', async () => {
    expect(
      await executeInProduction('query ($first: Int!) { timeline(first: $first) { edges { cursor } } }', {}),
    ).toEqual({
      errors: [
        {
          message: 'Variable "$first" of required type "Int!" was not provided.',
          locations: [{ line: 1, column: 8 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('is the code of a DateTime without a time and offset', async () => {
    expect(
      await executeInProduction('query ($from: DateTime) { timeline(filter: { from: $from }) { edges { cursor } } }', {
        from: '2023-03-20',
      }),
    ).toEqual({
      errors: [
        {
          message:
            'Variable "$from" got invalid value "2023-03-20"; DateTime cannot represent an invalid date-time-string 2023-03-20.',
          locations: [{ line: 1, column: 8 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
      sqlStatements: 0,
    });
  });
});

describe('BAD_USER_INPUT from resolvers', () => {
  it('names the argument of a page size out of range, and nulls the non-null timeline up to data', async () => {
    expect(await executeInProduction('{ timeline(first: 0) { edges { cursor } } }')).toEqual({
      data: null,
      errors: [
        {
          message: '`first` must be between 1 and 100; got 0.',
          locations: [{ line: 1, column: 3 }],
          path: ['timeline'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('keeps the stacktrace of a client error out of production only', async () => {
    expect(await execute('{ timeline(first: 101) { edges { cursor } } }')).toEqual({
      data: null,
      errors: [
        {
          message: '`first` must be between 1 and 100; got 101.',
          locations: [{ line: 1, column: 3 }],
          path: ['timeline'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'first', stacktrace: STACKTRACE },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('nulls only the field with a malformed global id, leaving its siblings', async () => {
    expect(
      await executeInProduction(`{
        known: event(slug: "icc-arrest-warrant-putin") { slug }
        malformed: node(id: "not-an-id") { id }
      }`),
    ).toEqual({
      data: { known: { slug: 'icc-arrest-warrant-putin' }, malformed: null },
      errors: [
        {
          message: '"not-an-id" is not a valid global id.',
          locations: [{ line: 3, column: 9 }],
          path: ['malformed'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
        },
      ],
      sqlStatements: 1,
    });
  });

  it('names the list entry that is a global id of the wrong type', async () => {
    const sourceId = toGlobalId('Source', '1');
    expect(
      await executeInProduction(
        'query ($actors: [ID!]) { timeline(filter: { actors: $actors }) { edges { cursor } } }',
        {
          actors: [toGlobalId('Actor', '1'), sourceId],
        },
      ),
    ).toEqual({
      data: null,
      errors: [
        {
          message: 'Expected an id of type Actor but got one of type Source.',
          locations: [{ line: 1, column: 26 }],
          path: ['timeline'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'filter.actors[1]' },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('rejects giving both id and slug of an event', async () => {
    expect(await executeInProduction('{ event(id: "x", slug: "y") { slug } }')).toEqual({
      data: { event: null },
      errors: [
        {
          message: 'Pass exactly one of `id` and `slug`.',
          locations: [{ line: 1, column: 3 }],
          path: ['event'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'slug' },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('rejects a cursor the timeline did not issue', async () => {
    expect(await executeInProduction('{ timeline(after: "zzz") { edges { cursor } } }')).toEqual({
      data: null,
      errors: [
        {
          message: '"zzz" is not a cursor this timeline issued.',
          locations: [{ line: 1, column: 3 }],
          path: ['timeline'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('rejects a time zone that is not in the IANA database', async () => {
    expect(await executeInProduction('{ timelineBuckets(size: DAY, timeZone: "Mars/Olympus") { count } }')).toEqual({
      data: null,
      errors: [
        {
          message: '"Mars/Olympus" is not an IANA time zone.',
          locations: [{ line: 1, column: 3 }],
          path: ['timelineBuckets'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'timeZone' },
        },
      ],
      sqlStatements: 0,
    });
  });

  it('rejects more than 100 ids at once', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => toGlobalId('Event', String(i + 1)));
    expect(await executeInProduction('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids })).toEqual({
      data: null,
      errors: [
        {
          message: '`ids` has 101 entries; at most 100 are allowed.',
          locations: [{ line: 1, column: 24 }],
          path: ['nodes'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'ids' },
        },
      ],
      sqlStatements: 0,
    });
  });
});

describe('a failed query', () => {
  async function fingerprint(): Promise<unknown> {
    return database.dataSource.query(`
      SELECT (SELECT count(*)::int FROM event) AS events, (SELECT max(updated_at) FROM event) AS "eventsUpdated",
             (SELECT count(*)::int FROM actor) AS actors, (SELECT max(updated_at) FROM actor) AS "actorsUpdated",
             (SELECT count(*)::int FROM source) AS sources, (SELECT count(*)::int FROM place) AS places,
             (SELECT count(*)::int FROM participation) AS participations, (SELECT count(*)::int FROM citation) AS citations,
             (SELECT count(*)::int FROM event_relation) AS relations`);
  }

  it('leaves every table as it was', async () => {
    const before = await fingerprint();
    const results = await Promise.all([
      executeInProduction('{ timeline(first: 0) { edges { cursor } } }'),
      executeInProduction('{ a: event(slug: "icc-arrest-warrant-putin") { slug } b: node(id: "x") { id } }'),
      executeInProduction('{ timeline('),
    ]);
    expect(results.map((result) => result.errors?.length)).toEqual([1, 1, 1]);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('INTERNAL_SERVER_ERROR', () => {
  // This block breaks its own database: the citation table is gone.
  const broken = useTestDatabase();
  const executeBrokenInProduction = useGraphQL(broken, { production: true });
  const executeBroken = useGraphQL(broken);
  beforeAll(async () => {
    await broken.dataSource.query('DROP TABLE citation CASCADE');
  });

  const QUERY = '{ event(slug: "xi-putin-formal-talks") { slug citations { quote } } }';

  it('is all a client learns in production of an unexpected failure: no message, SQL or stacktrace', async () => {
    expect(await executeBrokenInProduction(QUERY)).toEqual({
      data: { event: null },
      errors: [
        {
          message: 'Internal server error.',
          locations: [{ line: 1, column: 47 }],
          path: ['event', 'citations'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
      sqlStatements: 2,
    });
  });

  it('nulls only the failing field, leaving its siblings', async () => {
    expect(
      await executeBrokenInProduction(`{
        intact: event(slug: "xi-putin-formal-talks") { slug participants { role } }
        failing: event(slug: "xi-leaves-moscow") { citations { quote } }
      }`),
    ).toEqual({
      data: { intact: { slug: 'xi-putin-formal-talks', participants: expect.any(Array) }, failing: null },
      errors: [
        {
          message: 'Internal server error.',
          locations: [{ line: 3, column: 52 }],
          path: ['failing', 'citations'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
      sqlStatements: 4,
    });
  });

  it('keeps the database message and a stacktrace outside production', async () => {
    expect(await executeBroken(QUERY)).toEqual({
      data: { event: null },
      errors: [
        {
          message: 'relation "citation" does not exist',
          locations: [{ line: 1, column: 47 }],
          path: ['event', 'citations'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: STACKTRACE },
        },
      ],
      sqlStatements: 2,
    });
  });
});

describe('SERVICE_UNAVAILABLE', () => {
  // Nothing listens on port 1, so every connection attempt is refused.
  const url = 'postgres://x@127.0.0.1:1/x';
  const unreachable: TestDatabase = {
    url,
    dataSource: createDataSource(url),
    pool: new Pool({ connectionString: url }),
  };
  const executeUnreachableInProduction = useGraphQL(unreachable, { production: true });
  const executeUnreachable = useGraphQL(unreachable);
  afterAll(async () => {
    await unreachable.pool.end();
  });

  const UNAVAILABLE = {
    message: 'The database is unavailable; try again shortly.',
    locations: [{ line: 1, column: 3 }],
    path: ['timeline'],
    extensions: { code: 'SERVICE_UNAVAILABLE' },
  };

  it('is the code of a query when the database cannot be reached', async () => {
    expect(await executeUnreachableInProduction('{ timeline(first: 1) { edges { cursor } } }')).toEqual({
      data: null,
      errors: [UNAVAILABLE],
      sqlStatements: 1,
    });
  });

  it('says the same, without a stacktrace, outside production', async () => {
    expect(await executeUnreachable('{ timeline(first: 1) { edges { cursor } } }')).toEqual({
      data: null,
      errors: [UNAVAILABLE],
      sqlStatements: 1,
    });
  });

  it('is the code of each field whose batch fails, with its own path', async () => {
    const id = toGlobalId('Event', '1');
    const result = await executeUnreachableInProduction(`{ a: node(id: "${id}") { id } b: event(slug: "x") { slug } }`);
    // The errors come in the order the two statements failed in; compare them by path.
    const errors = [...(result.errors ?? [])].sort((x, y) => String(x.path).localeCompare(String(y.path)));
    expect({ ...result, errors }).toEqual({
      data: { a: null, b: null },
      errors: [
        { ...UNAVAILABLE, path: ['a'] },
        { ...UNAVAILABLE, locations: [{ line: 1, column: 36 }], path: ['b'] },
      ],
      sqlStatements: 2,
    });
  });

  describe('when the server drops every connection it accepts', () => {
    const dropping = net.createServer((socket) => socket.destroy());
    const lost = {} as { url: string; dataSource: TestDatabase['dataSource']; pool: Pool };
    const executeLost = useGraphQL(lost, { production: true });
    beforeAll(async () => {
      await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
      lost.url = `postgres://x@127.0.0.1:${(dropping.address() as net.AddressInfo).port}/x`;
      lost.dataSource = createDataSource(lost.url);
      lost.pool = new Pool({ connectionString: lost.url });
    });
    afterAll(async () => {
      await lost.pool?.end();
      await new Promise((resolve) => dropping.close(resolve));
    });

    it('is the code of a query whose connection is cut', async () => {
      expect(await executeLost('{ timeline(first: 1) { edges { cursor } } }')).toEqual({
        data: null,
        errors: [UNAVAILABLE],
        sqlStatements: 1,
      });
    });
  });
});
