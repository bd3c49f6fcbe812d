import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import { planEventSelection, TIMELINE_EVENT_PATHS, type EventPlan } from '../src/events/event-plan';
import { getSchema } from '../src/graphql/schema';
import { useTestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';

/** The resolve info of the operation's first root field, as far as selection planning reads it. */
function infoOf(document: string, variableValues: Record<string, unknown> = {}): GraphQLResolveInfo {
  const schema = getSchema();
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const root = operation.selectionSet.selections[0]!;
  if (root.kind !== 'Field') throw new Error('the first selection must be a field');
  const returnType = schema.getQueryType()!.getFields()[root.name.value]!.type;
  return { schema, fieldNodes: [root], fragments, variableValues, returnType } as unknown as GraphQLResolveInfo;
}

/** A plan with its sets as sorted arrays, for comparing. */
function sorted(plan: EventPlan) {
  const list = (set: ReadonlySet<string> | null) => (set ? [...set].sort() : null);
  const relation = (r: EventPlan['participants']) => r && { own: list(r.own), related: list(r.related) };
  return { event: list(plan.event), participants: relation(plan.participants), citations: relation(plan.citations) };
}

describe('planning what a page of events reads', () => {
  it('reads only the columns the selected fields read, and the relations with theirs', () => {
    const plan = planEventSelection(
      infoOf(`{ timeline { edges { cursor node { ...E } } } }
        fragment E on Event { id title kind status time { start local }
          participants { role actor { id name } } citations { quote source { id title url } } }`),
      TIMELINE_EVENT_PATHS,
    );
    expect(sorted(plan)).toEqual({
      event: [
        '__typename',
        'coversUntil',
        'endAt',
        'endLocal',
        'id',
        'kind',
        'originalLanguage',
        'precision',
        'slug',
        'startAt',
        'startLocal',
        'status',
        'timeApproximate',
        'timeAsWritten',
        'timeZone',
        'titles',
      ],
      participants: {
        own: ['actorId', 'role'],
        related: ['__typename', 'id', 'names', 'originalLanguage', 'slug'],
      },
      citations: { own: ['__typename', 'id', 'quote', 'sourceId'], related: ['__typename', 'id', 'title', 'url'] },
    });
  });

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
    [
      'participants left out by @skip',
      '{ timeline { nodes { participants @skip(if: true) { role } } } }',
      false,
      false,
    ],
    [
      'participants kept by @include with a variable',
      'query ($on: Boolean!) { timeline { nodes { participants @include(if: $on) { role } } } }',
      true,
      false,
    ],
  ])('plans the relations for %s', (_, document, participants, citations) => {
    const plan = planEventSelection(infoOf(document, { on: true }), TIMELINE_EVENT_PATHS);
    expect({ participants: plan.participants !== null, citations: plan.citations !== null }).toEqual({
      participants,
      citations,
    });
  });

  it('reads whole citations and sources when `sources` is selected, since that field reads them from the loaders', () => {
    const plan = planEventSelection(
      infoOf('{ timeline { nodes { sources { title } citations { quote } } } }'),
      TIMELINE_EVENT_PATHS,
    );
    expect(plan.citations).toEqual({ own: null, related: null });
  });

  it('reads the whole row of a type whose selected field declares no reads', () => {
    const plan = planEventSelection(
      infoOf('{ timeline { nodes { participants { actor { id undeclared: aliases someField } } } } }'),
      TIMELINE_EVENT_PATHS,
    );
    expect(plan.participants?.related).toBeNull();
  });

  it('ignores fields of fragments on other types', () => {
    const plan = planEventSelection(infoOf('{ nodes(ids: []) { ... on Actor { aliases } ... on Event { slug } } }'), [
      [],
    ]);
    expect(sorted(plan).event).toEqual(['__typename', 'id', 'slug', 'startAt']);
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
      expect(spy.mock.calls.map(([text]) => String(text))).toEqual([expect.not.stringMatching(/json_agg|summaries/)]);
    } finally {
      spy.mockRestore();
    }
  });

  it('does not hand rows with some columns to the loaders, where another field could read what they lack', async () => {
    const { data, errors } = await execute(`{
      timeline(first: 40) { nodes { participants { actor { name } } } }
      actor(slug: "vladimir-putin") { slug aliases sameAs description(lang: "en") }
    }`);
    expect(errors).toBeUndefined();
    const alone = await execute(`{ actor(slug: "vladimir-putin") { slug aliases sameAs description(lang: "en") } }`);
    expect(data!.actor).toEqual(alone.data!.actor);
  });
});

/**
 * A selection of `field` down to leaves: the field's scalar and enum subfields without required
 * arguments, a connection's `totalCount`, or `__typename`; with `lang` when the field takes it.
 */
function selectionOf(field: GraphQLField<unknown, unknown>, lang: string | null): string {
  const args = lang !== null && field.args.some((arg) => arg.name === 'lang') ? `(lang: "${lang}")` : '';
  const type = getNamedType(field.type);
  if (isLeafType(type)) return `${field.name}${args}`;
  if (!isObjectType(type)) return `${field.name}${args} { __typename }`;
  const fields = Object.values(type.getFields());
  if (fields.some((sub) => sub.name === 'totalCount')) return `${field.name}${args} { totalCount }`;
  const leaves = fields
    .filter((sub) => isLeafType(getNamedType(sub.type)) && !sub.args.some((arg) => isNonNullType(arg.type)))
    .map((sub) => sub.name);
  return `${field.name}${args} { ${leaves.length ? leaves.join(' ') : '__typename'} }`;
}

describe('every field read from a planned row', () => {
  const database = useTestDatabase();
  const execute = useGraphQL(database);
  const schema = getSchema();

  /** The events' fields at `inner` (a selection of Event, with FIELD where the field goes). */
  async function plannedAndWhole(inner: string) {
    const planned = await execute(`{ timeline(first: 100) { nodes { slug ${inner} } } }`);
    expect(planned.errors).toBeUndefined();
    const nodes = planned.data!.timeline.nodes as { slug: string }[];
    const whole: unknown[] = [];
    for (let start = 0; start < nodes.length; start += 15) {
      const aliases = nodes
        .slice(start, start + 15)
        .map((node, index) => `e${index}: event(slug: "${node.slug}") { slug ${inner} }`);
      const result = await execute(`{ ${aliases.join(' ')} }`);
      expect(result.errors).toBeUndefined();
      whole.push(...Object.values(result.data!));
    }
    return { planned: nodes, whole };
  }

  const cases: [string, string][] = [];
  for (const [typeName, wrap] of [
    ['Event', (field: string) => field],
    ['Participation', (field: string) => `participants { ${field} }`],
    ['Actor', (field: string) => `participants { actor { ${field} } }`],
    ['Citation', (field: string) => `citations { ${field} }`],
    ['Source', (field: string) => `citations { source { ${field} } }`],
  ] as const) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
    for (const field of Object.values(type.getFields())) {
      for (const lang of field.args.some((arg) => arg.name === 'lang') ? [null, 'en', 'ru', 'zh'] : [null]) {
        cases.push([`${typeName}.${field.name}${lang ? ` (lang ${lang})` : ''}`, wrap(selectionOf(field, lang))]);
      }
    }
  }

  it.each(cases)('%s resolves the same from a planned row as from a whole one', async (_, inner) => {
    const { planned, whole } = await plannedAndWhole(inner);
    expect(planned).toEqual(whole);
  });
});
