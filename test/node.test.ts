import { useTestDatabase } from './helpers/database';
import { badUserInput, type Execute, useGraphQL } from './helpers/graphql';

const database = useTestDatabase();
const executeInProcess = useGraphQL(database);
/** Results as a client receives them over HTTP: JSON, so DateTime values are ISO strings. */
const execute: Execute = async (query, variables) =>
  JSON.parse(JSON.stringify(await executeInProcess(query, variables)));

/** A global id as the API encodes it, for ids the API never handed out. */
const globalId = (type: string, id: string | number) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

const NODE_FIELDS = `
  __typename
  id
  ... on Event { slug title(lang: "en") }
  ... on Actor { slug name(lang: "en") }
  ... on Source { slug title }
`;

interface Ids {
  talks: string;
  warrant: string;
  putin: string;
  reuters: string;
  article: string;
  interview: string;
}

const ids = {} as Ids;

beforeAll(async () => {
  const { data, errors } = await execute(`{
    talks: event(slug: "xi-putin-informal-talks") { id }
    warrant: event(slug: "icc-arrest-warrant-putin") { id }
    putin: actor(slug: "vladimir-putin") { id }
    reuters: actor(slug: "reuters") { id }
    article: event(slug: "xi-putin-formal-talks") { sources { id } }
    interview: event(slug: "vereshchuk-awaits-word-on-xi-zelensky-call") { sources { id slug } }
  }`);
  expect(errors).toBeUndefined();
  ids.talks = data!.talks.id;
  ids.warrant = data!.warrant.id;
  ids.putin = data!.putin.id;
  ids.reuters = data!.reuters.id;
  ids.article = data!.article.sources[0].id;
  ids.interview = data!.interview.sources.find((source: { slug: string }) => source.slug.startsWith('corriere')).id;
});

const talks = () => ({
  __typename: 'Event',
  id: ids.talks,
  slug: 'xi-putin-informal-talks',
  title: 'Putin and Xi hold informal talks and dinner at the Kremlin',
});
const putin = () => ({ __typename: 'Actor', id: ids.putin, slug: 'vladimir-putin', name: 'Vladimir Putin' });
const article = () => ({
  __typename: 'Source',
  id: ids.article,
  slug: 'rfi-2023-03-21-xi-moscow',
  title: '习近平访俄甚过当年毛泽东拜会斯大林',
});

describe('node', () => {
  it('fetches an event again by its global id', async () => {
    const { data, errors } = await execute(`query ($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id: ids.talks });
    expect({ data, errors }).toEqual({ data: { node: talks() } });
  });

  it('fetches an actor and a source again by their global ids', async () => {
    const { data, errors } = await execute(
      `query ($actor: ID!, $source: ID!) { actor: node(id: $actor) { ${NODE_FIELDS} } source: node(id: $source) { ${NODE_FIELDS} } }`,
      { actor: ids.putin, source: ids.article },
    );
    expect({ data, errors }).toEqual({ data: { actor: putin(), source: article() } });
  });

  it('returns the same object as the typed lookups', async () => {
    const selection = `id slug kind status time { start local } tags participants { role actor { id } }`;
    const { data, errors } = await execute(
      `query ($id: ID!) {
        byNode: node(id: $id) { ... on Event { ${selection} } }
        byId: event(id: $id) { ${selection} }
        bySlug: event(slug: "xi-putin-informal-talks") { ${selection} }
      }`,
      { id: ids.talks },
    );
    expect(errors).toBeUndefined();
    expect(data!.byNode).toEqual(data!.bySlug);
    expect(data!.byId).toEqual(data!.bySlug);
    expect(data!.bySlug.participants).toEqual([
      { role: 'HOST', actor: { id: ids.putin } },
      { role: 'GUEST', actor: { id: expect.any(String) } },
    ]);
    const lookups = await execute(
      `query ($actor: ID!, $source: ID!) {
        actor(id: $actor) { id slug }
        source(id: $source) { id slug }
      }`,
      { actor: ids.putin, source: ids.article },
    );
    expect(lookups.data).toEqual({
      actor: { id: ids.putin, slug: 'vladimir-putin' },
      source: { id: ids.article, slug: 'rfi-2023-03-21-xi-moscow' },
    });
  });

  it('gives ids that are opaque and distinct across types', async () => {
    const all = [ids.talks, ids.warrant, ids.putin, ids.reuters, ids.article, ids.interview];
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('returns null for a well-formed id of a row that does not exist', async () => {
    for (const id of [
      globalId('Event', 999999),
      globalId('Actor', 999999),
      globalId('Source', 999999),
      globalId('Event', '9223372036854775807'),
    ]) {
      const { data, errors } = await execute(`query ($id: ID!) { node(id: $id) { id } }`, { id });
      expect({ data, errors }).toEqual({ data: { node: null } });
    }
    const typed = await execute(
      `query ($event: ID!, $actor: ID!, $source: ID!) { event(id: $event) { id } actor(id: $actor) { id } source(id: $source) { id } }`,
      { event: globalId('Event', 999999), actor: globalId('Actor', 999999), source: globalId('Source', 999999) },
    );
    expect({ data: typed.data, errors: typed.errors }).toEqual({ data: { event: null, actor: null, source: null } });
    const bySlug = await execute(`{ event(slug: "no-such-event") { id } actor(slug: "no-such-actor") { id } }`);
    expect({ data: bySlug.data, errors: bySlug.errors }).toEqual({ data: { event: null, actor: null } });
  });

  it.each([
    ['a slug', 'xi-putin-informal-talks'],
    ['an empty string', ''],
    ['a database id', '19'],
    ['an unknown type', globalId('Place', 1)],
    ['a lower-case type', globalId('event', 1)],
    ['id zero', globalId('Event', 0)],
    ['a negative id', globalId('Event', -1)],
    ['a leading zero', globalId('Event', '019')],
    ['an id beyond bigint', globalId('Event', '9223372036854775808')],
  ])('rejects %s as BAD_USER_INPUT', async (_description, id) => {
    const { data, errors, sqlStatements } = await execute(`query ($id: ID!) { node(id: $id) { id } }`, { id });
    expect({ data, errors, sqlStatements }).toEqual({
      data: { node: null },
      errors: [badUserInput(['node'], 'id', `"${id.slice(0, 40)}" is not a valid global id.`)],
      sqlStatements: 0,
    });
  });
});

describe('nodes', () => {
  it('keeps the order of the ids, with null where nothing exists', async () => {
    const { data, errors } = await execute(`query ($ids: [ID!]!) { nodes(ids: $ids) { ${NODE_FIELDS} } }`, {
      ids: [ids.article, ids.talks, globalId('Event', 999999), ids.putin, ids.talks, globalId('Actor', 999999)],
    });
    expect({ data, errors }).toEqual({
      data: { nodes: [article(), talks(), null, putin(), talks(), null] },
    });
  });

  it('returns an empty list for no ids', async () => {
    const { data, errors } = await execute(`{ nodes(ids: []) { id } }`);
    expect({ data, errors }).toEqual({ data: { nodes: [] } });
  });

  it('fetches each type in one batch', async () => {
    const result = await execute(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [ids.talks, ids.putin, ids.warrant, ids.reuters, ids.article, ids.interview],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes.map((node: { id: string }) => node.id)).toEqual([
      ids.talks,
      ids.putin,
      ids.warrant,
      ids.reuters,
      ids.article,
      ids.interview,
    ]);
    expect(result.sqlStatements).toBe(3);
  });

  it('names the position of a malformed id', async () => {
    const { data, errors } = await execute(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [ids.talks, 'not-a-global-id', ids.putin],
    });
    expect({ data, errors }).toEqual({
      data: null,
      errors: [badUserInput(['nodes'], 'ids[1]', '"not-a-global-id" is not a valid global id.')],
    });
  });

  it('takes 100 ids and rejects 101', async () => {
    const hundred = Array.from({ length: 100 }, (_, index) =>
      index % 2 ? ids.putin : globalId('Event', 1000 + index),
    );
    const accepted = await execute(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: hundred });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.nodes).toEqual(hundred.map((id, index) => (index % 2 ? { id } : null)));
    const rejected = await execute(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [...hundred, ids.talks],
    });
    expect({ data: rejected.data, errors: rejected.errors, sqlStatements: rejected.sqlStatements }).toEqual({
      data: null,
      errors: [badUserInput(['nodes'], 'ids', '`ids` has 101 entries; at most 100 are allowed.')],
      sqlStatements: 0,
    });
  });
});

describe('typed lookups', () => {
  it.each([
    ['event', 'putin', 'Expected an id of type Event but got one of type Actor.'],
    ['actor', 'talks', 'Expected an id of type Actor but got one of type Event.'],
    ['source', 'reuters', 'Expected an id of type Source but got one of type Actor.'],
  ] as const)('rejects an id of the wrong type in %s(id:)', async (field, idOf, message) => {
    const { data, errors, sqlStatements } = await execute(`query ($id: ID!) { ${field}(id: $id) { id } }`, {
      id: ids[idOf],
    });
    expect({ data, errors, sqlStatements }).toEqual({
      data: { [field]: null },
      errors: [badUserInput([field], 'id', message)],
      sqlStatements: 0,
    });
  });

  it('rejects a malformed id', async () => {
    const { data, errors } = await execute(`{ event(id: "Event:1") { id } }`);
    expect({ data, errors }).toEqual({
      data: { event: null },
      errors: [badUserInput(['event'], 'id', '"Event:1" is not a valid Event id.')],
    });
  });

  it('requires exactly one of id and slug', async () => {
    const neither = await execute(`{ event { id } }`);
    expect({ data: neither.data, errors: neither.errors }).toEqual({
      data: { event: null },
      errors: [badUserInput(['event'], 'id', 'Pass exactly one of `id` and `slug`.')],
    });
    const both = await execute(`query ($id: ID) { event(id: $id, slug: "xi-putin-informal-talks") { id } }`, {
      id: ids.talks,
    });
    expect({ data: both.data, errors: both.errors }).toEqual({
      data: { event: null },
      errors: [badUserInput(['event'], 'slug', 'Pass exactly one of `id` and `slug`.')],
    });
    const explicitNulls = await execute(`{ actor(id: null, slug: null) { id } }`);
    expect({ data: explicitNulls.data, errors: explicitNulls.errors }).toEqual({
      data: { actor: null },
      errors: [badUserInput(['actor'], 'id', 'Pass exactly one of `id` and `slug`.')],
    });
  });
});

describe('ids of deleted rows', () => {
  it('resolve to null once the row is gone', async () => {
    await database.pool.query(`DELETE FROM event WHERE slug = 'icc-arrest-warrant-putin'`);
    const { data, errors } = await execute(
      `query ($id: ID!, $ids: [ID!]!) { node(id: $id) { id } nodes(ids: $ids) { id } event(id: $id) { id } }`,
      { id: ids.warrant, ids: [ids.talks, ids.warrant, ids.putin] },
    );
    expect({ data, errors }).toEqual({
      data: { node: null, nodes: [{ id: ids.talks }, null, { id: ids.putin }], event: null },
    });
  });
});
