import { parse, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { selectedEventIncludes, TIMELINE_EVENT_PATHS } from '../src/events/event-includes';
import { useTestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';

/** The resolve info of the operation's first root field, as far as selection planning reads it. */
function infoOf(document: string): GraphQLResolveInfo {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0]], fragments } as unknown as GraphQLResolveInfo;
}

describe('planning the relations fetched with a page of events', () => {
  it.each([
    ['nothing below the events', '{ timeline { edges { node { title } } } }', false, false],
    ['participants under edges', '{ timeline { edges { node { participants { role } } } } }', true, false],
    ['citations under nodes', '{ timeline { nodes { citations { quote } } } }', false, true],
    ['sources, which come from citations', '{ timeline { nodes { sources { title } } } }', false, true],
    [
      'both, through a named fragment',
      '{ timeline { edges { node { ...E } } } } fragment E on Event { participants { role } citations { quote } }',
      true,
      true,
    ],
    [
      'participants in an inline fragment',
      '{ timeline { nodes { ... on Event { participants { role } } } } }',
      true,
      false,
    ],
    ['participants of something else', '{ timeline { pageInfo { hasNextPage } } }', false, false],
  ])('finds %s', (_, document, participants, citations) => {
    expect(selectedEventIncludes(infoOf(document), TIMELINE_EVENT_PATHS)).toEqual({ participants, citations });
  });
});

describe('a timeline page with its relations planned into the page statement', () => {
  const database = useTestDatabase();
  const execute = useGraphQL(database);

  const RELATIONS = `participants { role actor { slug name } } citations { quote source { slug title publishedAt } }`;

  it('costs one statement, and gives what the loaders give when they fetch the same relations', async () => {
    const planned = await execute(`{ timeline(first: 40) { edges { node { slug ${RELATIONS} } } } }`);
    expect(planned.errors).toBeUndefined();
    expect(planned.sqlStatements).toBe(1);
    const slugs = planned.data!.timeline.edges.map((edge: { node: { slug: string } }) => edge.node.slug);
    const loaded = await Promise.all(
      slugs.map((slug: string) =>
        execute(`query ($slug: String!) { event(slug: $slug) { slug ${RELATIONS} } }`, { slug }),
      ),
    );
    expect(loaded.map((result) => result.data!.event)).toEqual(
      planned.data!.timeline.edges.map((edge: { node: unknown }) => edge.node),
    );
    expect(loaded.every((result) => result.sqlStatements > 1)).toBe(true);
  });

  it("plans an actor's timeline and a source's events the same way", async () => {
    const actor = await execute(`{ actor(slug: "vladimir-putin") { timeline(first: 20) { nodes { ${RELATIONS} } } } }`);
    const source = await execute(
      `{ timeline(first: 1) { nodes { sources { events(first: 20) { nodes { ${RELATIONS} } } } } } }`,
    );
    expect([actor.errors, source.errors]).toEqual([undefined, undefined]);
    expect(actor.data!.actor.timeline.nodes.length).toBeGreaterThan(3);
    expect(actor.sqlStatements).toBe(2);
    expect(source.sqlStatements).toBe(2);
  });

  it('leaves relations the page does not show to the loaders, and fetches none of them', async () => {
    const spy = jest.spyOn(database.pool, 'query');
    try {
      const result = await execute(`{ timeline(first: 40) { nodes { slug time { local } } } }`);
      expect(result.errors).toBeUndefined();
      expect(result.sqlStatements).toBe(1);
      expect(spy.mock.calls.map(([text]) => String(text))).toEqual([expect.not.stringMatching(/json_agg/)]);
    } finally {
      spy.mockRestore();
    }
  });
});
