import {
  execute,
  getNamedType,
  isLeafType,
  parse,
  type GraphQLField,
  type GraphQLObjectType,
  type OperationDefinitionNode,
} from 'graphql';
import { createRequestContext } from '../src/graphql/context';
import { RENDERED_OPERATIONS } from '../src/graphql/rendered-operations';
import { renderOperation } from '../src/graphql/rendering/render-operation';
import { getSchema } from '../src/graphql/schema';
import { useTestDatabase } from './helpers/database';
import { useGraphQLAsJson } from './helpers/graphql';

const database = useTestDatabase();
const execute$ = useGraphQLAsJson(database);
const schema = getSchema();

/** Variables every generated selection may use, for fields with arguments. */
const ARGUMENT_VARIABLES: Record<string, string> = { lang: '$lang', role: '$role' };

/**
 * Every renderable field of `typeName`, as the registry declares them, each once as is and, when
 * it takes arguments, once more under an alias with them; object fields with the same selection
 * of their own type. Generated from the registry, so that a renderer added is a renderer tested.
 */
function selectionOf(typeName: string, depth = 0): string {
  const type = schema.getType(typeName) as GraphQLObjectType;
  const renderers = RENDERED_OPERATIONS.renderers[typeName] ?? {};
  const parts = ['__typename'];
  for (const name of Object.keys(renderers)) {
    if (name === 'timeline' || name === 'events') continue; // connections: tested on their own below
    const field = type.getFields()[name] as GraphQLField<unknown, unknown>;
    expect(field).toBeDefined();
    const named = getNamedType(field.type);
    const sub = isLeafType(named) ? '' : ` { ${selectionOf(named.name, depth + 1)} }`;
    parts.push(`${name}${sub}`);
    const args = field.args.filter((arg) => ARGUMENT_VARIABLES[arg.name]);
    if (args.length) {
      const list = args.map((arg) => `${arg.name}: ${ARGUMENT_VARIABLES[arg.name]}`).join(', ');
      parts.push(`${name}With${depth}: ${name}(${list})${sub}`);
    }
  }
  return parts.join(' ');
}

const TIMELINE_VARIABLES = `$first: Int, $last: Int, $after: String, $before: String, $filter: TimelineFilter,
      $order: TimelineOrder, $lang: String, $role: ParticipantRole`;
const TIMELINE_ARGUMENTS = 'first: $first, last: $last, after: $after, before: $before, filter: $filter, order: $order';

function connectionSelection(pageInfo: string): string {
  return `__typename
      edges { __typename cursor node { ${selectionOf('Event')} } }
      nodes { id }
      pageInfo { __typename ${pageInfo} }`;
}

function timelineQuery(pageInfo: string): string {
  return `query Rendered(${TIMELINE_VARIABLES}) {
    timeline(${TIMELINE_ARGUMENTS}) { ${connectionSelection(pageInfo)} }
  }`;
}

function actorQuery(lookup: string, pageInfo: string): string {
  return `query RenderedActor($slug: String, $id: ID, ${TIMELINE_VARIABLES}) {
    actor(${lookup}) { ${selectionOf('Actor')} timeline(${TIMELINE_ARGUMENTS}) { ${connectionSelection(pageInfo)} } }
  }`;
}

/** The operation answered by PostgreSQL's rendering, and by the resolvers (graphql-js), as JSON. */
async function bothWays(query: string, variables: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const renderedContext = createRequestContext(database.pool);
  const rendered = await renderOperation(
    schema,
    document,
    operation,
    variables,
    renderedContext.sql,
    RENDERED_OPERATIONS,
  );
  const resolved = await execute({
    schema,
    document,
    variableValues: variables,
    contextValue: createRequestContext(database.pool),
  });
  return {
    rendered: rendered && JSON.parse(JSON.stringify(rendered)),
    resolved: JSON.parse(JSON.stringify(resolved)),
    renderedStatements: renderedContext.statements,
  };
}

const LANGS = [null, '', 'en', 'EN-gb', 'en-US', 'zh-Hans-CN', 'zh', 'ZH-hant', 'de-CH', 'fr', 'e'];

describe('timeline pages rendered by PostgreSQL', () => {
  beforeAll(async () => {
    // Rows at the edges of what the renderings must write as the resolvers do: years before 1 CE
    // and after 9999, the last minute before 1970, ends, zones, titles and names in several tags and cases.
    await database.pool.query(`
      WITH picked AS (SELECT id, row_number() OVER (ORDER BY start_at, id) AS n FROM event)
      UPDATE event e SET
        start_at = CASE p.n WHEN 1 THEN '0044-03-15 12:34:00+00 BC'::timestamptz
                            WHEN 2 THEN '12000-06-01 08:00:00+00'::timestamptz
                            WHEN 3 THEN '0001-01-01 00:00:00+00 BC'::timestamptz
                            ELSE '1969-12-31 23:59:00+00'::timestamptz END,
        end_at = CASE p.n WHEN 2 THEN '12001-06-01 08:00:00+00'::timestamptz ELSE NULL END,
        precision = 'MINUTE', time_zone = CASE p.n WHEN 4 THEN 'Asia/Kolkata' ELSE 'UTC' END,
        original_language = CASE p.n WHEN 1 THEN 'zh-Hans' ELSE original_language END,
        titles = CASE p.n WHEN 1 THEN '{"zh-Hans": "甲", "en": "A", "en-GB": "B", "zh": "C", "ZH-Hant": "D", "de-CH-1901": "E", "de": "F"}'::jsonb
                          WHEN 2 THEN titles || '{"EN": "upper", "en": "lower"}'::jsonb ELSE titles END
        FROM picked p WHERE p.id = e.id AND p.n <= 4;
      UPDATE actor SET names = names || '{"en-GB": "British name", "zh": "名"}'::jsonb,
        descriptions = '{"fr": "une description", "en": "a description"}'::jsonb
        WHERE id IN (SELECT id FROM actor ORDER BY id LIMIT 3);
    `);
  });

  it('renders every field the registry declares, as the resolvers give it, in one statement', async () => {
    for (const lang of LANGS) {
      for (const role of [null, 'HOST', 'GUEST']) {
        const { rendered, resolved, renderedStatements } = await bothWays(
          timelineQuery('hasNextPage startCursor endCursor'),
          {
            first: 30,
            lang,
            role,
          },
        );
        expect(rendered).not.toBeNull();
        expect(resolved.errors).toBeUndefined();
        expect(rendered).toEqual(resolved);
        expect(renderedStatements).toBe(1);
      }
    }
  });

  it('renders pages in both orders, forward and backward, after and before cursors, filtered', async () => {
    const first = await bothWays(timelineQuery('hasNextPage hasPreviousPage startCursor endCursor'), { first: 5 });
    const edges = first.resolved.data.timeline.edges as { cursor: string }[];
    const cursor = edges[2]!.cursor;
    const cases: [string, Record<string, unknown>][] = [
      ['hasNextPage startCursor endCursor', { first: 3, after: cursor }],
      ['hasPreviousPage startCursor endCursor', { last: 3, before: cursor }],
      ['hasNextPage hasPreviousPage startCursor endCursor', { last: 4 }],
      ['hasNextPage hasPreviousPage startCursor endCursor', { first: 100, order: 'REVERSE_CHRONOLOGICAL' }],
      ['hasNextPage startCursor endCursor', { first: 2, after: cursor, order: 'REVERSE_CHRONOLOGICAL' }],
      ['hasNextPage hasPreviousPage', { first: 10, filter: { kinds: ['MEETING', 'STATEMENT'] } }],
      ['hasNextPage', { first: 10, filter: { from: '2023-03-17T00:00:00Z', to: '2023-03-22T00:00:00Z' } }],
      ['hasNextPage endCursor', { first: 10, filter: { from: '2023-03-20T00:00:00Z', statuses: ['OCCURRED'] } }],
      ['hasNextPage', { first: 10, filter: { tags: ['icc'] } }],
      ['hasNextPage', { first: 10, filter: { from: '3000-01-01T00:00:00Z' } }],
    ];
    expect(first.rendered).toEqual(first.resolved);
    for (const [pageInfo, variables] of cases) {
      const { rendered, resolved } = await bothWays(timelineQuery(pageInfo), { lang: 'en', ...variables });
      expect(resolved.errors).toBeUndefined();
      expect({ variables, rendered }).toEqual({ variables, rendered: resolved });
    }
  });

  it('leaves to the resolvers what it cannot render, with the same answer through Apollo', async () => {
    const declined: [string, Record<string, unknown>][] = [
      [`{ timeline(first: 2) { totalCount edges { node { id } } } }`, {}],
      [`{ timeline(first: 2) { edges { node { id titles { lang text } } } } }`, {}],
      [`{ timeline(first: 2, filter: { search: "Putin" }) { edges { node { id } } } }`, {}],
      [`{ timeline(first: 2, asOf: "2030-01-01T00:00:00Z") { edges { node { id } } } }`, {}],
      [`{ timeline(first: 2) { edges { node { id } } } a: timeline(first: 1) { nodes { id } } }`, {}],
      [`query($c: String!) { timeline(first: 2, after: $c) { pageInfo { hasPreviousPage } } }`, { c: 'ZTE6MDox' }],
      [`{ actor(slug: "a", id: "b") { id } }`, {}],
      [`{ actor(id: "RXZlbnQ6MQ") { id } }`, {}],
      [`{ actor(slug: "vladimir-putin") { id timeline(first: 2) { totalCount } } }`, {}],
      [`{ actor(slug: "vladimir-putin", asOf: "2030-01-01T00:00:00Z") { id } }`, {}],
      [`{ timeline(first: 500) { nodes { id } } }`, {}],
      [`{ timeline(after: "nonsense") { nodes { id } } }`, {}],
    ];
    for (const [query, variables] of declined) {
      const { rendered } = await bothWays(query, variables);
      expect({ query, rendered }).toEqual({ query, rendered: null });
    }
    const invalid = await execute$(`{ timeline(first: 500) { nodes { id } } }`);
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers through Apollo what the resolvers answer, with fragments, aliases and directives', async () => {
    const query = `query($skip: Boolean!) {
      page: timeline(first: 4) {
        ... on EventConnection { edges { c: cursor node { ...E } } }
        pageInfo { hasNextPage @skip(if: $skip) endCursor }
      }
    }
    fragment E on Event { id kind t: title(lang: "en") time { start local } ... on Event { status } }`;
    for (const skip of [true, false]) {
      const { rendered, resolved } = await bothWays(query, { skip });
      expect(rendered).not.toBeNull();
      expect(rendered).toEqual(resolved);
      const viaApollo = await execute$(query, { skip });
      expect(viaApollo.data).toEqual(resolved.data);
      expect(viaApollo.sqlStatements).toBe(1);
    }
  });

  it('renders an actor and its timeline, looked up by slug or by id, as the resolvers give them', async () => {
    const { rows } = await database.pool.query<{ slug: string }>(
      `SELECT a.slug FROM actor a ORDER BY (SELECT count(*) FROM participation p WHERE p.actor_id = a.id) DESC, a.id LIMIT 3`,
    );
    const cases: [string, Record<string, unknown>][] = [];
    for (const { slug } of rows) {
      cases.push(
        ['slug: $slug', { slug, first: 3 }],
        ['slug: $slug', { slug, first: 2, lang: 'en', role: 'HOST', order: 'REVERSE_CHRONOLOGICAL' }],
        ['slug: $slug', { slug, last: 2, lang: 'zh-Hans-CN', filter: { role: 'GUEST' } }],
        ['slug: $slug', { slug, first: 5, filter: { kinds: ['MEETING', 'STATEMENT', 'VISIT'] } }],
        ['slug: $slug', { slug, first: 5, filter: { from: '2023-03-20T00:00:00Z' } }],
      );
    }
    const byId = await execute$(`query($slug: String!) { actor(slug: $slug) { id } }`, { slug: rows[0]!.slug });
    cases.push(
      ['id: $id', { id: byId.data!.actor.id, first: 4 }],
      ['slug: $slug', { slug: 'no-such-actor', first: 4 }],
    );
    for (const [lookup, variables] of cases) {
      const { rendered, resolved, renderedStatements } = await bothWays(
        actorQuery(lookup, 'hasNextPage startCursor endCursor'),
        variables,
      );
      expect(resolved.errors).toBeUndefined();
      expect(rendered).not.toBeNull();
      expect({ variables, rendered }).toEqual({ variables, rendered: resolved });
      expect(renderedStatements).toBe(1);
    }
  });

  it('renders the timelines of actors and sources nested in a page, each as its own resolver gives it', async () => {
    const query = `query($lang: String) {
      timeline(first: 4, order: REVERSE_CHRONOLOGICAL) {
        edges { node { id
          participants { role actor { id name(lang: $lang)
            timeline(first: 2, filter: { kinds: [MEETING, STATEMENT] }) {
              edges { cursor node { id title(lang: $lang) } } pageInfo { hasNextPage startCursor endCursor } } } }
          citations { source { id title events(last: 2) { nodes { id time { start local } } pageInfo { hasPreviousPage } } } } } }
      }
    }`;
    for (const lang of [null, 'en']) {
      const { rendered, resolved, renderedStatements } = await bothWays(query, { lang });
      expect(resolved.errors).toBeUndefined();
      expect(rendered).not.toBeNull();
      expect(rendered).toEqual(resolved);
      expect(renderedStatements).toBe(1);
    }
  });
});
