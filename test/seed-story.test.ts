import { useTestDatabase } from './helpers/database';
import { useGraphQLAsJson } from './helpers/graphql';
import { useTokens } from './helpers/tokens';

const database = useTestDatabase();
const execute = useGraphQLAsJson(database);
const tokens = useTokens(database);

/** The README's walkthrough, step by step: the Tuesday talks took place and ended with two joint statements. */
describe('recording that the Tuesday talks of 2023-03-21 took place', () => {
  const ids: Record<string, string> = {};
  let recordedAt: string;

  beforeAll(async () => {
    const { data } = await execute(`{
      talks: event(slug: "xi-putin-formal-talks") { id }
      putin: actor(slug: "vladimir-putin") { id }
      xi: actor(slug: "xi-jinping") { id }
      kremlin: actor(slug: "kremlin") { id }
    }`);
    for (const [key, value] of Object.entries(data!)) ids[key] = (value as { id: string }).id;
  });

  it('starts from the article: the talks are PLANNED, at revision 1', async () => {
    const { data } = await execute(`{ event(slug: "xi-putin-formal-talks") { status revision time { local } } }`);
    expect(data!.event).toEqual({ status: 'PLANNED', revision: 1, time: { local: '2023-03-21' } });
  });

  it('adds the new source the editor cites', async () => {
    const { data, errors } = await execute(
      `mutation ($input: CreateSourceInput!) { createSource(input: $input) { source { id slug revision } } }`,
      {
        input: {
          slug: 'kremlin-joint-statements-2023-03-21',
          kind: 'OFFICIAL_STATEMENT',
          title: 'Joint statements of the Russian Federation and the People’s Republic of China, 21 March 2023',
          publisherId: ids.kremlin,
          language: 'en',
          publishedAt: '2023-03-21T15:00:00Z',
          reason: 'The statements signed at the end of the talks',
        },
      },
      tokens.editor,
    );
    expect(errors).toBeUndefined();
    expect(data!.createSource.source).toMatchObject({ slug: 'kremlin-joint-statements-2023-03-21', revision: 1 });
    ids.source = data!.createSource.source.id;
  });

  it('sets the talks to OCCURRED, citing the new source, as revision 2', async () => {
    const { data, errors } = await execute(
      `mutation ($input: SetEventStatusInput!) {
        setEventStatus(input: $input) {
          event { status revision citations { quote source { slug } } }
          citation { quote speaker { slug } }
        }
      }`,
      {
        input: {
          id: ids.talks,
          status: 'OCCURRED',
          expectedRevision: 1,
          citation: {
            sourceId: ids.source,
            speakerId: ids.putin,
            quote: 'The talks took place; two joint statements were signed.',
          },
          reason: 'The talks took place on Tuesday afternoon.',
        },
      },
      tokens.editor,
    );
    expect(errors).toBeUndefined();
    expect(data!.setEventStatus.event).toMatchObject({ status: 'OCCURRED', revision: 2 });
    expect(data!.setEventStatus.event.citations.at(-1)).toEqual({
      quote: 'The talks took place; two joint statements were signed.',
      source: { slug: 'kremlin-joint-statements-2023-03-21' },
    });
    expect(data!.setEventStatus.citation.speaker).toEqual({ slug: 'vladimir-putin' });
  });

  it.each([
    [
      'joint-statement-comprehensive-partnership-2023',
      'Joint statement on deepening the comprehensive partnership and strategic interaction for a new era',
      '关于深化新时代全面战略协作伙伴关系的联合声明',
    ],
    [
      'joint-statement-economic-cooperation-2030',
      'Joint statement on the plan for the main directions of economic cooperation until 2030',
      '关于2030年前中俄经济合作重点方向发展规划的联合声明',
    ],
  ])('records the joint statement %s as part of the talks', async (slug, english, chinese) => {
    const created = await execute(
      `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id slug revision } } }`,
      {
        input: {
          slug,
          kind: 'AGREEMENT',
          status: 'OCCURRED',
          time: { start: '2023-03-20T21:00:00Z', precision: 'DAY', timeZone: 'Europe/Moscow' },
          placeSlug: 'moscow-kremlin',
          tags: ['xi-moscow-visit-2023', 'china-russia'],
          originalLanguage: 'en',
          titles: [
            { lang: 'en', text: english },
            { lang: 'zh-Hans', text: chinese },
          ],
          participants: [
            { actorId: ids.putin, role: 'ISSUER' },
            { actorId: ids.xi, role: 'ISSUER' },
          ],
          citations: [{ sourceId: ids.source }],
        },
      },
      tokens.editor,
    );
    expect(created.errors).toBeUndefined();
    const linked = await execute(
      `mutation ($input: EventLinkInput!) { linkEvents(input: $input) { relatedEvent { slug revision } } }`,
      { input: { eventId: created.data!.createEvent.event.id, type: 'PART_OF', relatedEventId: ids.talks } },
      tokens.editor,
    );
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.linkEvents.relatedEvent.slug).toBe('xi-putin-formal-talks');
  });

  it('shows the change, who made it and why in the history, newest first', async () => {
    const { data } = await execute(`{
      event(slug: "xi-putin-formal-talks") {
        status revision
        related(type: HAS_PART) { event { slug } }
        history { totalCount nodes { revision action author reason recordedAt changes { field before after } } }
      }
    }`);
    const event = data!.event;
    expect(event.status).toBe('OCCURRED');
    expect(event.revision).toBe(4);
    expect(event.related.map((relation: { event: { slug: string } }) => relation.event.slug)).toEqual(
      expect.arrayContaining([
        'joint-statement-comprehensive-partnership-2023',
        'joint-statement-economic-cooperation-2030',
      ]),
    );
    expect(event.history.nodes.map((node: { action: string }) => node.action)).toEqual([
      'LINK',
      'LINK',
      'SET_STATUS',
      'CREATE',
    ]);
    const statusChange = event.history.nodes[2];
    expect(statusChange).toMatchObject({
      revision: 2,
      action: 'SET_STATUS',
      author: 'test-editor',
      reason: 'The talks took place on Tuesday afternoon.',
    });
    expect(statusChange.changes[0]).toEqual({ field: 'status', before: 'PLANNED', after: 'OCCURRED' });
    expect(statusChange.changes[1]).toMatchObject({ field: 'citations', before: null, after: { source: ids.source } });
    expect(event.history.nodes[3]).toMatchObject({ revision: 1, action: 'CREATE', author: 'seed' });
    recordedAt = statusChange.recordedAt;
  });

  it('answers as of the moment before the change: PLANNED, without the statements or the new source', async () => {
    const before = new Date(new Date(recordedAt).getTime() - 1).toISOString();
    const query = `query ($asOf: DateTime) {
      event(slug: "xi-putin-formal-talks", asOf: $asOf) {
        status revision related(type: HAS_PART) { event { slug } } citations { source { slug } }
        history { nodes { action } }
      }
      timeline(filter: { from: "2023-03-21T00:00:00+03:00", to: "2023-03-22T00:00:00+03:00" }, asOf: $asOf) {
        nodes { slug status }
      }
    }`;
    const then = await execute(query, { asOf: before });
    expect(then.errors).toBeUndefined();
    expect(then.data!.event.status).toBe('PLANNED');
    expect(then.data!.event.revision).toBe(1);
    expect(then.data!.event.related).toEqual([]);
    expect(
      then.data!.event.citations.map((citation: { source: { slug: string } }) => citation.source.slug),
    ).not.toContain('kremlin-joint-statements-2023-03-21');
    expect(then.data!.event.history.nodes).toEqual([{ action: 'CREATE' }]);
    const slugsThen = then.data!.timeline.nodes.map((node: { slug: string }) => node.slug);
    expect(slugsThen).toContain('xi-putin-formal-talks');
    expect(slugsThen).not.toContain('joint-statement-economic-cooperation-2030');

    const atChange = await execute(query, { asOf: recordedAt });
    expect(atChange.data!.event).toMatchObject({ status: 'OCCURRED', revision: 2 });
  });
});
