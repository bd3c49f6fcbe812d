import { type AddressInfo } from 'node:net';
import { type ApolloServer } from '@apollo/server';
import {
  getIntrospectionQuery,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputField,
} from 'graphql';
import { pino } from 'pino';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { createApolloServer } from '../src/graphql/apollo';
import { createRequestContext, type RequestContext } from '../src/graphql/context';
import { LISTS_CAPPED_WHERE_USED, MAX_LIST_LENGTH } from '../src/graphql/limits/list-arguments';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../src/graphql/limits/query-limits';
import { getSchema } from '../src/graphql/schema';
import { useTestDatabase, type TestDatabase } from './helpers/database';
import { useTokens } from './helpers/tokens';

const STACKTRACE = expect.arrayContaining([expect.any(String)]);
const LIMIT = DEFAULT_QUERY_LIMITS.maxCost;

/**
 * Runs operations through a real Apollo Server held to `limits` (the defaults unless given),
 * answering the whole result, its extensions included, with the HTTP status Apollo chose (unset
 * for a plain success) and the SQL statements the request sent.
 */
function useLimitedGraphQL(database: TestDatabase, limits: Partial<QueryLimits> = {}, { production = false } = {}) {
  let apollo: ApolloServer<RequestContext>;
  beforeAll(async () => {
    apollo = createApolloServer(pino({ level: 'silent' }), production, { ...DEFAULT_QUERY_LIMITS, ...limits });
    await apollo.start();
  });
  afterAll(async () => {
    await apollo?.stop();
  });
  return async (query: string, variables?: Record<string, unknown>, authorization?: string) => {
    const contextValue = createRequestContext(database.pool, authorization);
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return {
      status: response.http.status,
      ...JSON.parse(JSON.stringify(response.body.singleResult)),
      sqlStatements: contextValue.statements,
    } as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- results are inspected loosely
  };
}

/** A formatted limit error as the default (non-production) server gives it. */
function limitError(code: string, message: string, limit: number, actual: number) {
  return { message, extensions: { code, limit, actual, stacktrace: STACKTRACE } };
}

/** `__schema { types { fields { type { ofType … { name } } } } }`, `levels` fields deep. */
function introspectionOfDepth(levels: number): string {
  const ofTypes = levels - 5;
  return `{ __schema { types { fields { type { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } } } } }`;
}

const database = useTestDatabase();
const execute = useLimitedGraphQL(database);
const tokens = useTokens(database);

describe('the depth limit', () => {
  const executeAtDepth3 = useLimitedGraphQL(database, { maxDepth: 3 });

  it("lets GraphiQL's introspection query through, 15 levels deep, with every option", async () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    const result = await execute(query);
    expect(result).toEqual({
      data: { __schema: expect.objectContaining({ queryType: expect.objectContaining({ name: 'Query' }) }) },
      extensions: { cost: { requested: 109_644, limit: LIMIT } },
      sqlStatements: 0,
    });
    expect(result.data.__schema.types.map((type: { name: string }) => type.name)).toContain('Event');
  });

  it('accepts an operation exactly 15 levels deep', async () => {
    const result = await execute(introspectionOfDepth(15));
    expect({ errors: result.errors, extensions: result.extensions }).toEqual({
      errors: undefined,
      extensions: { cost: { requested: 4821, limit: LIMIT } },
    });
  });

  it('refuses an operation 16 levels deep with QUERY_TOO_DEEP, HTTP 400 and its cost, before any SQL', async () => {
    expect(await execute(introspectionOfDepth(16))).toEqual({
      status: 400,
      errors: [limitError('QUERY_TOO_DEEP', 'The operation is 16 levels deep; at most 15 are allowed.', 15, 16)],
      extensions: { cost: { requested: 5221, limit: LIMIT } },
      sqlStatements: 0,
    });
  });

  it('counts the fields of a fragment where it is spread', async () => {
    const query = `{ event(slug: "xi-leaves-moscow") { ...Deep } }
      fragment Deep on Event { participants { actor { timeline(first: 1) { nodes { slug } } } } }`;
    const refused = await executeAtDepth3(query);
    expect(refused.errors).toEqual([
      limitError('QUERY_TOO_DEEP', 'The operation is 6 levels deep; at most 3 are allowed.', 3, 6),
    ]);
  });
});

describe('the alias limit', () => {
  const aliases = (count: number, prefix = 'a') =>
    Array.from({ length: count }, (_, index) => `${prefix}${index + 1}: slug`).join(' ');

  it('accepts 15 aliases', async () => {
    expect(await execute(`{ event(slug: "xi-leaves-moscow") { ${aliases(15)} } }`)).toEqual({
      data: {
        event: Object.fromEntries(Array.from({ length: 15 }, (_, index) => [`a${index + 1}`, 'xi-leaves-moscow'])),
      },
      extensions: { cost: { requested: 1, limit: LIMIT } },
      sqlStatements: 1,
    });
  });

  it('refuses 16 aliases with QUERY_TOO_MANY_ALIASES before any SQL', async () => {
    expect(await execute(`{ event(slug: "xi-leaves-moscow") { ${aliases(16)} } }`)).toEqual({
      status: 400,
      errors: [limitError('QUERY_TOO_MANY_ALIASES', 'The operation uses 16 aliases; at most 15 are allowed.', 15, 16)],
      extensions: { cost: { requested: 1, limit: LIMIT } },
      sqlStatements: 0,
    });
  });

  it('counts the aliases of a fragment once for each spread', async () => {
    const query = `{ a: event(slug: "xi-leaves-moscow") { ...Slugs } b: event(slug: "xi-leaves-moscow") { ...Slugs } }
      fragment Slugs on Event { ${aliases(7, 's')} }`;
    expect((await execute(query)).errors).toEqual([
      limitError('QUERY_TOO_MANY_ALIASES', 'The operation uses 16 aliases; at most 15 are allowed.', 15, 16),
    ]);
  });
});

describe('the directive limit', () => {
  const executeAt5Directives = useLimitedGraphQL(database, { maxDirectives: 5 });
  const slugs = (count: number) => 'slug @skip(if: false) '.repeat(count);

  it('accepts 50 directives', async () => {
    expect(await execute(`{ event(slug: "xi-leaves-moscow") { ${slugs(50)} } }`)).toEqual({
      data: { event: { slug: 'xi-leaves-moscow' } },
      extensions: { cost: { requested: 1, limit: LIMIT } },
      sqlStatements: 1,
    });
  });

  it('refuses 51 directives with QUERY_TOO_MANY_DIRECTIVES before any SQL', async () => {
    expect(await execute(`{ event(slug: "xi-leaves-moscow") { ${slugs(51)} } }`)).toEqual({
      status: 400,
      errors: [
        limitError('QUERY_TOO_MANY_DIRECTIVES', 'The operation uses 51 directives; at most 50 are allowed.', 50, 51),
      ],
      extensions: { cost: { requested: 1, limit: LIMIT } },
      sqlStatements: 0,
    });
  });

  it('counts the directives on fields, inline fragments and spreads, and those of a fragment once per spread', async () => {
    const query = `query ($skip: Boolean = false) {
        event(slug: "xi-leaves-moscow") { ...Slug @include(if: true) ...Slug ... @skip(if: $skip) { kind } }
      }
      fragment Slug on Event { slug @skip(if: false) kind @include(if: true) }`;
    expect((await executeAt5Directives(query)).errors).toEqual([
      limitError('QUERY_TOO_MANY_DIRECTIVES', 'The operation uses 6 directives; at most 5 are allowed.', 5, 6),
    ]);
  });
});

describe('the token limit', () => {
  /** `{ __typename …F…F }` of `count` tokens: spreads of one fragment do not tax validation as repeated fields do. */
  const document = (count: number) => {
    const typenames = count % 2 ? 2 : 1;
    const spreads = (count - 9 - typenames) / 2;
    return `{ ${'__typename '.repeat(typenames)}${'...F '.repeat(spreads)}} fragment F on Query { __typename }`;
  };

  it('accepts a document of 1000 tokens', async () => {
    expect(await execute(document(1000))).toEqual({
      data: { __typename: 'Query' },
      extensions: { cost: { requested: 0, limit: LIMIT } },
      sqlStatements: 0,
    });
  });

  it('refuses a document of 1001 tokens with QUERY_TOO_MANY_TOKENS, giving the count and where parsing stopped', async () => {
    expect(await execute(document(1001))).toEqual({
      status: 400,
      errors: [
        {
          ...limitError('QUERY_TOO_MANY_TOKENS', 'The document has 1001 tokens; at most 1000 are allowed.', 1000, 1001),
          locations: [{ line: 1, column: 2535 }],
        },
      ],
      extensions: { cost: { requested: 0, limit: LIMIT } },
      sqlStatements: 0,
    });
  });

  it('does not count comments', async () => {
    const result = await execute(`# ${'comment '.repeat(2000)}\n${document(1000)}`);
    expect(result.data).toEqual({ __typename: 'Query' });
  });
});

describe('the root field limit', () => {
  const twenty = `{
    __typename
    viewer { name }
    event(slug: "xi-leaves-moscow") { slug }
    actor(slug: "vladimir-putin") { slug }
    nodes(ids: []) { id }
    ${Array.from({ length: 15 }, (_, index) => `t${index + 1}: __typename`).join(' ')}
  }`;

  it('accepts 20 root fields, counting each alias apart and a repeated field once', async () => {
    expect(await execute(twenty.replace('{', '{ __typename viewer { name }'))).toEqual({
      data: {
        __typename: 'Query',
        viewer: null,
        event: { slug: 'xi-leaves-moscow' },
        actor: { slug: 'vladimir-putin' },
        nodes: [],
        ...Object.fromEntries(Array.from({ length: 15 }, (_, index) => [`t${index + 1}`, 'Query'])),
      },
      extensions: { cost: { requested: 4, limit: LIMIT } },
      sqlStatements: 2,
    });
  });

  it('refuses 21 root fields with QUERY_TOO_MANY_ROOT_FIELDS before any SQL', async () => {
    expect(await execute(twenty.replace('{', '{ source(id: "U291cmNlOjE=") { slug }'))).toEqual({
      status: 400,
      errors: [
        limitError(
          'QUERY_TOO_MANY_ROOT_FIELDS',
          'The operation selects 21 root fields; at most 20 are allowed.',
          20,
          21,
        ),
      ],
      extensions: { cost: { requested: 4, limit: LIMIT } },
      sqlStatements: 0,
    });
  });
});

describe('the cost', () => {
  const TIMELINE_WITH_ACTORS =
    '{ timeline(first: 5) { edges { node { slug participants { role actor { slug } } } } } }';

  it('is reported in extensions.cost of a successful response', async () => {
    expect(await execute(TIMELINE_WITH_ACTORS)).toEqual({
      data: {
        timeline: { edges: expect.arrayContaining([{ node: expect.objectContaining({ slug: expect.any(String) }) }]) },
      },
      extensions: { cost: { requested: 211, limit: LIMIT } },
      sqlStatements: expect.any(Number),
    });
  });

  it.each<[string, string, Record<string, unknown>, number]>([
    ['a connection counts itself, then its edges and nodes times first', TIMELINE_WITH_ACTORS, {}, 211],
    ['a connection without first or last counts 20 entries', '{ actors { nodes { slug } } }', {}, 21],
    [
      'last counts like first, and pageInfo as one object',
      '{ timeline(last: 3) { nodes { slug } pageInfo { hasNextPage } } }',
      {},
      5,
    ],
    [
      'first may come from a variable, and a fragment counts where it is spread',
      'query ($n: Int) { timeline(first: $n) { nodes { ...Sources } } } fragment Sources on Event { citations { source { slug } } }',
      { n: 3 },
      124,
    ],
    [
      "a variable's default value counts when it is not given",
      'query ($n: Int = 4) { timeline(first: $n) { nodes { slug } } }',
      {},
      5,
    ],
    [
      'a field that @skip leaves out costs nothing',
      'query ($skip: Boolean!) { timeline(first: 10) { nodes { slug participants @skip(if: $skip) { actor { slug } } } } }',
      { skip: true },
      11,
    ],
    [
      'a field that @skip keeps counts',
      'query ($skip: Boolean!) { timeline(first: 10) { nodes { slug participants @skip(if: $skip) { actor { slug } } } } }',
      { skip: false },
      411,
    ],
    [
      'a fragment spread that @include(if: false) leaves out costs nothing',
      '{ timeline(first: 10) { nodes { ...Roles @include(if: false) } } } fragment Roles on Event { participants { role } }',
      {},
      11,
    ],
    [
      'nodes(ids) counts one entry per id, each at the cost of its costliest type',
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Event { participants { role } } ... on Actor { timeline(first: 2) { nodes { slug } } } } }',
      { ids: ['RXZlbnQ6MQ==', 'RXZlbnQ6Mg==', 'QWN0b3I6MQ=='] },
      63,
    ],
    ['search counts 20 hits by default', '{ search(query: "普京") { __typename } }', {}, 20],
    ['search counts first hits', '{ search(query: "普京", first: 5) { ... on Event { titles { text } } } }', {}, 105],
    [
      'nested connections multiply',
      '{ actors(first: 10) { nodes { timeline(first: 10) { edges { node { slug } } } } } }',
      {},
      221,
    ],
    [
      'a page over 100, which the field refuses, counts as 100',
      '{ timeline(first: 1000) { nodes { slug } } }',
      {},
      101,
    ],
    [
      'a mutation counts its payload like a query',
      'mutation ($input: AddParticipantInput!) { addParticipant(input: $input) { event { participants { actor { slug } } } } }',
      { input: { eventId: 'RXZlbnQ6MQ==', actorId: 'QWN0b3I6MQ==', role: 'HOST' } },
      42,
    ],
    ['scalars and __typename cost nothing', '{ __typename }', {}, 0],
    ['a document that does not parse costs 0', '{ timeline(', {}, 0],
    ['a document that fails validation costs 0', '{ timeline { noSuchField } }', {}, 0],
  ])('is computed before execution: %s', async (_case, query, variables, requested) => {
    expect((await execute(query, variables)).extensions).toEqual({ cost: { requested, limit: LIMIT } });
  });

  it('refuses a query that may return more than 500,000 objects with QUERY_TOO_COSTLY, before any SQL', async () => {
    const query = `{ timeline(first: 100) { nodes { participants { actor {
      timeline(first: 100) { nodes { participants { actor { slug } } } } } } } } }`;
    expect(await execute(query)).toEqual({
      status: 400,
      errors: [
        limitError(
          'QUERY_TOO_COSTLY',
          'The operation may return up to 8206101 objects; at most 500000 are allowed. Ask for smaller pages (first/last) or fewer nested lists.',
          LIMIT,
          8_206_101,
        ),
      ],
      extensions: { cost: { requested: 8_206_101, limit: LIMIT } },
      sqlStatements: 0,
    });
  });

  it('refuses a costly mutation before it looks up the token or writes anything', async () => {
    const query = `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { participants { actor {
      timeline(first: 100) { nodes { participants { actor { timeline(first: 100) { nodes { slug } } } } } } } } } } }`;
    const result = await execute(query, { input: { id: 'RXZlbnQ6MQ==', tags: ['x'] } }, tokens.editor.authorization);
    expect({
      codes: result.errors.map((error: { extensions: { code: string } }) => error.extensions.code),
      sql: result.sqlStatements,
    }).toEqual({
      codes: ['QUERY_TOO_COSTLY'],
      sql: 0,
    });
    expect(result.extensions).toEqual({ cost: { requested: 4_122_062, limit: LIMIT } });
  });

  describe('at a limit of 211', () => {
    const at211 = useLimitedGraphQL(database, { maxCost: 211 });
    const at210 = useLimitedGraphQL(database, { maxCost: 210 });

    it('runs a query that costs 211', async () => {
      const result = await at211(TIMELINE_WITH_ACTORS);
      expect({ errors: result.errors, extensions: result.extensions }).toEqual({
        errors: undefined,
        extensions: { cost: { requested: 211, limit: 211 } },
      });
    });

    it('refuses it at a limit of 210', async () => {
      expect(await at210(TIMELINE_WITH_ACTORS)).toEqual({
        status: 400,
        errors: [
          limitError(
            'QUERY_TOO_COSTLY',
            'The operation may return up to 211 objects; at most 210 are allowed. Ask for smaller pages (first/last) or fewer nested lists.',
            210,
            211,
          ),
        ],
        extensions: { cost: { requested: 211, limit: 210 } },
        sqlStatements: 0,
      });
    });
  });
});

describe('in production', () => {
  const executeInProduction = useLimitedGraphQL(database, {}, { production: true });

  it('gives the limit, the actual value and the cost without a stacktrace', async () => {
    expect(await executeInProduction(introspectionOfDepth(16))).toEqual({
      status: 400,
      errors: [
        {
          message: 'The operation is 16 levels deep; at most 15 are allowed.',
          extensions: { code: 'QUERY_TOO_DEEP', limit: 15, actual: 16 },
        },
      ],
      extensions: { cost: { requested: 5221, limit: LIMIT } },
      sqlStatements: 0,
    });
  });
});

describe('list arguments', () => {
  const CREATE_EVENT = 'mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { slug } } }';
  const participant = { actorId: 'QWN0b3I6MQ==', role: 'PARTICIPANT' };
  const citation = { sourceId: 'U291cmNlOjE=' };
  const newEvent = (fields: Record<string, unknown>) => ({
    input: {
      slug: 'capped-lists',
      kind: 'MEETING',
      status: 'OCCURRED',
      originalLanguage: 'en',
      time: { start: '2023-03-21T00:00:00Z', precision: 'DAY', timeZone: 'UTC' },
      titles: [{ lang: 'en', text: 'Capped lists' }],
      ...fields,
    },
  });

  it.each([
    ['participants', participant],
    ['citations', citation],
  ])('refuses 101 %s in createEvent with BAD_USER_INPUT naming the list, before any SQL', async (field, entry) => {
    const variables = newEvent({ [field]: new Array(101).fill(entry) });
    expect(await execute(CREATE_EVENT, variables, tokens.editor.authorization)).toEqual({
      status: 400,
      errors: [
        {
          message: `\`input.${field}\` has 101 entries; at most 100 are allowed.`,
          extensions: { code: 'BAD_USER_INPUT', argument: `input.${field}`, stacktrace: STACKTRACE },
        },
      ],
      extensions: { cost: { requested: 2, limit: LIMIT } },
      sqlStatements: 0,
    });
  });

  it.each([['participants', participant] as const, ['citations', citation] as const])(
    'lets 100 %s through to createEvent, which then asks for a token',
    async (field, entry) => {
      const result = await execute(CREATE_EVENT, newEvent({ [field]: new Array(100).fill(entry) }));
      expect(result.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual([
        'UNAUTHENTICATED',
      ]);
    },
  );

  it('caps every list argument and list input field of the schema, at 100 unless capped tighter where it is used', () => {
    const schema = getSchema();
    const caps: Record<string, number> = {};
    const note = (coordinate: string, { type }: GraphQLArgument | GraphQLInputField) => {
      if (isListType(getNullableType(type)))
        caps[coordinate] = LISTS_CAPPED_WHERE_USED.get(coordinate) ?? MAX_LIST_LENGTH;
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args) note(`${type.name}.${field.name}(${arg.name}:)`, arg);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) note(`${type.name}.${field.name}`, field);
      }
    }
    expect(caps).toEqual({
      'Query.nodes(ids:)': 100,
      'TimelineFilter.actors': 100,
      'TimelineFilter.kinds': 100,
      'TimelineFilter.sources': 100,
      'TimelineFilter.statuses': 100,
      'TimelineFilter.tags': 100,
      'CreateActorInput.aliases': 50,
      'CreateActorInput.descriptions': 50,
      'CreateActorInput.names': 50,
      'CreateActorInput.sameAs': 20,
      'UpdateActorInput.aliases': 50,
      'UpdateActorInput.descriptions': 50,
      'UpdateActorInput.names': 50,
      'UpdateActorInput.sameAs': 20,
      'CreateEventInput.citations': 100,
      'CreateEventInput.participants': 100,
      'CreateEventInput.summaries': 50,
      'CreateEventInput.tags': 50,
      'CreateEventInput.titles': 50,
      'UpdateEventInput.summaries': 50,
      'UpdateEventInput.tags': 50,
      'UpdateEventInput.titles': 50,
    });
    expect([...LISTS_CAPPED_WHERE_USED.keys()].filter((coordinate) => !(coordinate in caps))).toEqual([]);
  });

  describe('capped where they are used', () => {
    const ids = { event: '', actor: '' };
    beforeAll(async () => {
      const { data } = await execute('{ event(slug: "xi-leaves-moscow") { id } actor(slug: "vladimir-putin") { id } }');
      ids.event = data.event.id;
      ids.actor = data.actor.id;
    });

    const entryOf: Record<string, () => unknown> = {
      ids: () => ids.event,
      actors: () => ids.actor,
      sources: () => 'U291cmNlOjE=',
      kinds: () => 'MEETING',
      statuses: () => 'PLANNED',
      tags: () => 'tag',
      aliases: () => 'alias',
      sameAs: () => 'https://example.org/',
      names: () => ({ lang: 'en', text: 'Name' }),
      descriptions: () => ({ lang: 'en', text: 'Description' }),
      titles: () => ({ lang: 'en', text: 'Title' }),
      summaries: () => ({ lang: 'en', text: 'Summary' }),
    };

    function requestFor(coordinate: string, entries: unknown[]): [string, Record<string, unknown>, string] {
      const [type, field] = coordinate.split('.') as [string, string];
      if (coordinate === 'Query.nodes(ids:)')
        return ['query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: entries }, 'ids'];
      if (type === 'TimelineFilter') {
        return [
          'query ($filter: TimelineFilter) { timeline(filter: $filter) { totalCount } }',
          { filter: { [field]: entries } },
          `filter.${field}`,
        ];
      }
      const actor = {
        slug: 'capped-actor',
        kind: 'PERSON',
        originalLanguage: 'en',
        names: [{ lang: 'en', text: 'Capped' }],
      };
      const inputs: Record<string, [string, Record<string, unknown>]> = {
        CreateActorInput: ['createActor', actor],
        UpdateActorInput: ['updateActor', { id: ids.actor }],
        CreateEventInput: ['createEvent', newEvent({}).input],
        UpdateEventInput: ['updateEvent', { id: ids.event }],
      };
      const [mutation, input] = inputs[type]!;
      const payload = mutation.endsWith('Actor') ? 'actor { slug }' : 'event { slug }';
      return [
        `mutation ($input: ${type}!) { ${mutation}(input: $input) { ${payload} } }`,
        { input: { ...input, [field]: entries } },
        `input.${field}`,
      ];
    }

    it.each([...LISTS_CAPPED_WHERE_USED])(
      'refuses %s over %i entries with BAD_USER_INPUT naming it',
      async (coordinate, cap) => {
        const field = coordinate.replace(/^.*\.|\(.*$/g, '').replace(/^nodes$/, 'ids');
        const entries = Array.from({ length: cap + 1 }, entryOf[field]!);
        const [query, variables, argument] = requestFor(coordinate, entries);
        const result = await execute(query, variables, tokens.editor.authorization);
        expect(
          result.errors.map((error: { extensions: Record<string, unknown> }) => [
            error.extensions.code,
            error.extensions.argument,
          ]),
        ).toEqual([['BAD_USER_INPUT', argument]]);
      },
    );
  });
});

describe('the limits over HTTP, configured by environment', () => {
  let app: App;
  let base = '';
  beforeAll(async () => {
    const env = {
      DATABASE_URL: database.url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      MAX_QUERY_DEPTH: '3',
      MAX_QUERY_TOKENS: '20',
      MAX_QUERY_COST: '50',
    };
    app = await createApp(loadConfig(env), pino({ level: 'silent' }));
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
  });

  async function post(query: string) {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  it('reports the cost of a successful request in extensions.cost', async () => {
    expect(await post('{ event(slug: "icc-arrest-warrant-putin") { slug time { precision } } }')).toEqual({
      status: 200,
      body: {
        data: { event: { slug: 'icc-arrest-warrant-putin', time: { precision: 'DAY' } } },
        extensions: { cost: { requested: 2, limit: 50 } },
      },
    });
  });

  it('answers an operation deeper than MAX_QUERY_DEPTH with 400 and QUERY_TOO_DEEP', async () => {
    expect(await post('{ event(slug: "icc-arrest-warrant-putin") { participants { actor { slug } } } }')).toEqual({
      status: 400,
      body: {
        errors: [limitError('QUERY_TOO_DEEP', 'The operation is 4 levels deep; at most 3 are allowed.', 3, 4)],
        extensions: { cost: { requested: 41, limit: 50 } },
      },
    });
  });

  it('answers a document over MAX_QUERY_TOKENS with 400 and QUERY_TOO_MANY_TOKENS', async () => {
    expect(await post(`{ ${'__typename '.repeat(19)}}`)).toEqual({
      status: 400,
      body: {
        errors: [
          {
            ...limitError('QUERY_TOO_MANY_TOKENS', 'The document has 21 tokens; at most 20 are allowed.', 20, 21),
            locations: [{ line: 1, column: 212 }],
          },
        ],
        extensions: { cost: { requested: 0, limit: 50 } },
      },
    });
  });

  it('runs an operation that costs MAX_QUERY_COST and answers one that costs more with 400 and QUERY_TOO_COSTLY', async () => {
    const within = await post('{ actors(first: 49) { nodes { slug } } }');
    expect({ status: within.status, extensions: (within.body as { extensions: unknown }).extensions }).toEqual({
      status: 200,
      extensions: { cost: { requested: 50, limit: 50 } },
    });
    expect(await post('{ actors(first: 50) { nodes { slug } } }')).toEqual({
      status: 400,
      body: {
        errors: [
          limitError(
            'QUERY_TOO_COSTLY',
            'The operation may return up to 51 objects; at most 50 are allowed. Ask for smaller pages (first/last) or fewer nested lists.',
            50,
            51,
          ),
        ],
        extensions: { cost: { requested: 51, limit: 50 } },
      },
    });
  });
});

describe('a request repeated with the same document', () => {
  const executeUpTo500 = useLimitedGraphQL(database, { maxCost: 500 });
  const query = `query Page($first: Int!) { timeline(first: $first) { nodes { slug participants { actor { slug } } } } }`;

  it('is costed for its own variables each time, and refused each time it is over', async () => {
    const answers = [];
    for (const first of [2, 2, 100, 2, 100]) answers.push(await executeUpTo500(query, { first }));
    expect(answers.map((answer) => answer.extensions.cost.requested)).toEqual([83, 83, 4101, 83, 4101]);
    expect(answers.map((answer) => answer.errors?.[0]?.extensions?.code ?? null)).toEqual([
      null,
      null,
      'QUERY_TOO_COSTLY',
      null,
      'QUERY_TOO_COSTLY',
    ]);
    expect(answers.map((answer) => answer.sqlStatements)).toEqual([1, 1, 0, 1, 0]);
  });
});
