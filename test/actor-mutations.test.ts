import { parseGlobalId, toGlobalId } from '../src/shared/global-id';
import { useTestDatabase } from './helpers/database';
import { failures, useGraphQLAsJson } from './helpers/graphql';
import { useTokens } from './helpers/tokens';

const database = useTestDatabase();
const execute = useGraphQLAsJson(database);
const tokens = useTokens(database);

const ACTOR = `id slug kind originalLanguage names { lang text } aliases description(lang: "en") sameAs revision`;
const HISTORY = `history { nodes { revision action author reason changes { field before after } } }`;

type Token = { authorization?: string };
/** A request without an `Authorization` header. */
const ANONYMOUS: Token = {};

async function createActor(input: Record<string, unknown>, token: Token = tokens.editor) {
  return execute(
    `mutation ($input: CreateActorInput!) { createActor(input: $input) { actor { ${ACTOR} ${HISTORY} } } }`,
    { input: { kind: 'PERSON', originalLanguage: 'en', ...input } },
    token,
  );
}

async function createdActorId(input: Record<string, unknown>): Promise<string> {
  const { data, errors } = await createActor(input);
  expect(errors).toBeUndefined();
  return data!.createActor.actor.id;
}

async function updateActor(input: Record<string, unknown>, token: Token = tokens.editor) {
  return execute(
    `mutation ($input: UpdateActorInput!) { updateActor(input: $input) { actor { ${ACTOR} ${HISTORY} } } }`,
    { input },
    token,
  );
}

async function deleteActor(input: Record<string, unknown>, token: Token = tokens.admin) {
  return execute(
    `mutation ($input: DeleteActorInput!) { deleteActor(input: $input) { deletedActorId } }`,
    { input },
    token,
  );
}

async function mergeActors(input: Record<string, unknown>, token: Token = tokens.admin) {
  return execute(
    `mutation ($input: MergeActorsInput!) { mergeActors(input: $input) { actor { ${ACTOR} ${HISTORY} } } }`,
    { input },
    token,
  );
}

async function succeed(query: string, variables?: Record<string, unknown>, token: Token = tokens.editor) {
  const { data, errors } = await execute(query, variables, token);
  expect(errors).toBeUndefined();
  return data!;
}

async function addParticipant(eventId: string, actorId: string, role: string, note: string | null = null) {
  await succeed(`mutation ($input: AddParticipantInput!) { addParticipant(input: $input) { event { id } } }`, {
    input: { eventId, actorId, role, note },
  });
}

async function addCitation(input: Record<string, unknown>): Promise<string> {
  const data = await succeed(
    `mutation ($input: AddCitationInput!) { addCitation(input: $input) { citation { id } } }`,
    { input },
  );
  return data.addCitation.citation.id;
}

async function createSource(slug: string, publisherId: string): Promise<string> {
  const data = await succeed(
    `mutation ($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }`,
    { input: { slug, kind: 'NEWS_ARTICLE', title: `About ${slug}`, language: 'en', publisherId } },
  );
  return data.createSource.source.id;
}

async function idsOf(slugs: { events?: string[]; actors?: string[] }): Promise<Record<string, string>> {
  const fields = [
    ...(slugs.events ?? []).map((slug, index) => `e${index}: event(slug: "${slug}") { id }`),
    ...(slugs.actors ?? []).map((slug, index) => `a${index}: actor(slug: "${slug}") { id }`),
  ];
  const data = await succeed(`{ ${fields.join('\n')} }`);
  const ids: Record<string, string> = {};
  (slugs.events ?? []).forEach((slug, index) => (ids[slug] = data[`e${index}`].id));
  (slugs.actors ?? []).forEach((slug, index) => (ids[slug] = data[`a${index}`].id));
  return ids;
}

async function latestRevision(type: 'event' | 'actor', id: string) {
  const data = await succeed(
    `query ($id: ID!) { ${type}(id: $id) { revision history(first: 1) { nodes { revision action author reason changes { field before after } } } } }`,
    { id },
  );
  return data[type].history.nodes[0];
}

async function sqlRows<Row>(text: string, params: unknown[] = []): Promise<Row[]> {
  return (await database.pool.query(text, params)).rows as Row[];
}

async function actorCount(): Promise<number> {
  const [row] = await sqlRows<{ count: number }>(`SELECT count(*)::int AS count FROM actor`);
  return row!.count;
}

const LAVROV = {
  slug: 'sergei-lavrov',
  kind: 'PERSON',
  originalLanguage: 'ru',
  names: [
    { lang: 'en', text: 'Sergei Lavrov' },
    { lang: 'ru', text: 'Сергей Лавров' },
  ],
  aliases: ['Lavrov', ' Lavrov '],
  descriptions: [{ lang: 'en', text: 'Foreign Minister of Russia' }],
  sameAs: ['https://www.wikidata.org/wiki/Q4579'],
  reason: 'Named in a new article',
};

describe('createActor', () => {
  it('records a new actor as revision 1 whose history lists every field', async () => {
    const result = await createActor(LAVROV);
    expect(result).toEqual({
      data: {
        createActor: {
          actor: {
            id: expect.any(String),
            slug: 'sergei-lavrov',
            kind: 'PERSON',
            originalLanguage: 'ru',
            names: [
              { lang: 'ru', text: 'Сергей Лавров' },
              { lang: 'en', text: 'Sergei Lavrov' },
            ],
            aliases: ['Lavrov'],
            description: 'Foreign Minister of Russia',
            sameAs: ['https://www.wikidata.org/wiki/Q4579'],
            revision: 1,
            history: {
              nodes: [
                {
                  revision: 1,
                  action: 'CREATE',
                  author: 'test-editor',
                  reason: 'Named in a new article',
                  changes: [
                    { field: 'slug', before: null, after: 'sergei-lavrov' },
                    { field: 'kind', before: null, after: 'PERSON' },
                    { field: 'names', before: null, after: { en: 'Sergei Lavrov', ru: 'Сергей Лавров' } },
                    { field: 'originalLanguage', before: null, after: 'ru' },
                    { field: 'aliases', before: null, after: ['Lavrov'] },
                    { field: 'descriptions', before: null, after: { en: 'Foreign Minister of Russia' } },
                    { field: 'sameAs', before: null, after: ['https://www.wikidata.org/wiki/Q4579'] },
                  ],
                },
              ],
            },
          },
        },
      },
      sqlStatements: expect.any(Number),
    });
    const found = await succeed(`{ actor(slug: "sergei-lavrov") { id name(lang: "ru") } }`);
    expect(found.actor).toEqual({ id: result.data!.createActor.actor.id, name: 'Сергей Лавров' });
  });

  it('refuses a slug another actor has as CONFLICT on input.slug', async () => {
    const result = await createActor({ slug: 'vladimir-putin', names: [{ lang: 'en', text: 'Another Putin' }] });
    expect({ data: result.data, failures: failures(result) }).toEqual({
      data: null,
      failures: [{ code: 'CONFLICT', argument: 'input.slug' }],
    });
  });

  it.each([
    ['a malformed slug', { slug: 'Not A Slug' }, 'input.slug'],
    ['an unknown language tag', { originalLanguage: 'english!' }, 'input.originalLanguage'],
    ['names without the original language', { originalLanguage: 'ru' }, 'input.names'],
    ['no names at all', { names: [] }, 'input.names'],
    ['a blank name', { names: [{ lang: 'en', text: '  ' }] }, 'input.names[0].text'],
    ['an overlong name', { names: [{ lang: 'en', text: 'x'.repeat(201) }] }, 'input.names[0].text'],
    ['an overlong alias', { aliases: ['x'.repeat(201)] }, 'input.aliases[0]'],
    ['a duplicated alias', { aliases: ['Lavrov', 'Lavrov'] }, 'input.aliases[1]'],
    ['too many aliases', { aliases: Array.from({ length: 51 }, (_, i) => `alias ${i}`) }, 'input.aliases'],
    [
      'an overlong description',
      { descriptions: [{ lang: 'en', text: 'x'.repeat(2001) }] },
      'input.descriptions[0].text',
    ],
    ['a sameAs URL that is not http(s)', { sameAs: ['ftp://example.org/actor'] }, 'input.sameAs[0]'],
    ['a sameAs that is no URL', { sameAs: ['Q7747'] }, 'input.sameAs[0]'],
    ['an overlong reason', { reason: 'x'.repeat(2001) }, 'input.reason'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_case, overrides, argument) => {
    const countBefore = await actorCount();
    const result = await createActor({
      slug: 'refused-actor',
      names: [{ lang: 'en', text: 'Refused' }],
      ...overrides,
    });
    expect({ data: result.data, failures: failures(result) }).toEqual({
      data: null,
      failures: [{ code: 'BAD_USER_INPUT', argument }],
    });
    expect(await actorCount()).toBe(countBefore);
  });

  it('is UNAUTHENTICATED without a token and writes nothing', async () => {
    const result = await createActor(
      { slug: 'anonymous-actor', names: [{ lang: 'en', text: 'Anonymous' }] },
      ANONYMOUS,
    );
    expect(failures(result)).toEqual([{ code: 'UNAUTHENTICATED', argument: undefined }]);
    expect((await succeed(`{ actor(slug: "anonymous-actor") { id } }`)).actor).toBeNull();
  });
});

describe('updateActor', () => {
  let id: string;
  beforeAll(async () => {
    id = await createdActorId({
      slug: 'maria-zakharova',
      originalLanguage: 'ru',
      names: [{ lang: 'ru', text: 'Мария Захарова' }],
      aliases: ['Zakharova'],
    });
  });

  it('changes only the fields given and records their values before and after as the next revision', async () => {
    const result = await updateActor({
      id,
      expectedRevision: 1,
      names: [
        { lang: 'ru', text: 'Мария Захарова' },
        { lang: 'en', text: 'Maria Zakharova' },
      ],
      descriptions: [{ lang: 'en', text: 'Spokeswoman of the Russian foreign ministry' }],
      kind: 'PERSON',
      reason: 'English name',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateActor.actor).toEqual({
      id,
      slug: 'maria-zakharova',
      kind: 'PERSON',
      originalLanguage: 'ru',
      names: [
        { lang: 'ru', text: 'Мария Захарова' },
        { lang: 'en', text: 'Maria Zakharova' },
      ],
      aliases: ['Zakharova'],
      description: 'Spokeswoman of the Russian foreign ministry',
      sameAs: [],
      revision: 2,
      history: {
        nodes: [
          {
            revision: 2,
            action: 'UPDATE',
            author: 'test-editor',
            reason: 'English name',
            changes: [
              {
                field: 'names',
                before: { ru: 'Мария Захарова' },
                after: { ru: 'Мария Захарова', en: 'Maria Zakharova' },
              },
              { field: 'descriptions', before: {}, after: { en: 'Spokeswoman of the Russian foreign ministry' } },
            ],
          },
          expect.objectContaining({ revision: 1, action: 'CREATE' }),
        ],
      },
    });
  });

  it('records no revision for a change that changes nothing', async () => {
    const result = await updateActor({ id, slug: 'maria-zakharova', aliases: ['Zakharova'] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateActor.actor.revision).toBe(2);
    expect(result.data!.updateActor.actor.history.nodes).toHaveLength(2);
  });

  it('clears the descriptions given null and keeps fields left out', async () => {
    const result = await updateActor({ id, descriptions: null, sameAs: ['https://www.wikidata.org/wiki/Q20827604'] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateActor.actor).toMatchObject({
      description: null,
      sameAs: ['https://www.wikidata.org/wiki/Q20827604'],
      aliases: ['Zakharova'],
      revision: 3,
    });
  });

  it.each(['slug', 'kind', 'originalLanguage', 'names', 'aliases', 'sameAs'])(
    'refuses null for %s, which always has a value, as BAD_USER_INPUT naming it',
    async (field) => {
      expect(failures(await updateActor({ id, [field]: null }))).toEqual([
        { code: 'BAD_USER_INPUT', argument: `input.${field}` },
      ]);
    },
  );

  it('refuses an original language the names lack, as BAD_USER_INPUT on input.originalLanguage', async () => {
    const result = await updateActor({ id, originalLanguage: 'fr' });
    expect(failures(result)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'input.originalLanguage' }]);
  });

  it('refuses a stale expectedRevision as CONFLICT carrying the current revision', async () => {
    const result = await updateActor({ id, expectedRevision: 1, aliases: [] });
    expect(result.errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', argument: 'input.expectedRevision', currentRevision: 3 }),
    ]);
  });

  it("refuses another actor's slug as CONFLICT on input.slug", async () => {
    const result = await updateActor({ id, slug: 'xi-jinping' });
    expect(failures(result)).toEqual([{ code: 'CONFLICT', argument: 'input.slug' }]);
  });

  it('answers NOT_FOUND for an id no actor has, and BAD_USER_INPUT for an id of another type', async () => {
    expect(failures(await updateActor({ id: toGlobalId('Actor', '999999'), aliases: [] }))).toEqual([
      { code: 'NOT_FOUND', argument: 'input.id' },
    ]);
    expect(failures(await updateActor({ id: toGlobalId('Event', '1'), aliases: [] }))).toEqual([
      { code: 'BAD_USER_INPUT', argument: 'input.id' },
    ]);
  });

  it('is UNAUTHENTICATED without a token', async () => {
    expect(failures(await updateActor({ id, aliases: [] }, ANONYMOUS))).toEqual([
      { code: 'UNAUTHENTICATED', argument: undefined },
    ]);
  });
});

describe('deleteActor', () => {
  let ids: Record<string, string>;
  let actorId: string;
  let citationId: string;
  let sourceId: string;
  let putinRole: string;
  let deletedAt: string;
  let result: Awaited<ReturnType<typeof deleteActor>>;

  beforeAll(async () => {
    ids = await idsOf({ events: ['xi-putin-informal-talks', 'xi-leaves-moscow'], actors: ['vladimir-putin'] });
    actorId = await createdActorId({ slug: 'temporary-spokesperson', names: [{ lang: 'en', text: 'Spokesperson' }] });
    await addParticipant(ids['xi-putin-informal-talks']!, actorId, 'SPEAKER', 'Briefed the press');
    const seeded = await succeed(`{ event(slug: "xi-leaves-moscow") { citations { source { id } } } }`);
    sourceId = await createSource('temporary-spokesperson-article', actorId);
    citationId = await addCitation({
      eventId: ids['xi-leaves-moscow'],
      sourceId: seeded.event.citations[0].source.id,
      speakerId: actorId,
      attributedToId: ids['vladimir-putin'],
      quote: 'A quote',
    });
    const talks = await succeed(`{ event(slug: "xi-putin-informal-talks") { participants { role actor { slug } } } }`);
    putinRole = talks.event.participants.find(
      (participant: { actor: { slug: string } }) => participant.actor.slug === 'vladimir-putin',
    ).role;
    result = await deleteActor({ id: actorId, expectedRevision: 1, reason: 'Not a real person' });
    const [revision] = await sqlRows<{ recordedAt: Date }>(
      `SELECT recorded_at AS "recordedAt" FROM revision WHERE subject_type = 'ACTOR' AND action = 'DELETE' AND subject_id = $1`,
      [Buffer.from(actorId, 'base64url').toString('utf8').split(':')[1]],
    );
    deletedAt = new Date(revision!.recordedAt.getTime() - 1).toISOString();
  });

  it('needs an ADMIN token: an EDITOR is FORBIDDEN, no token UNAUTHENTICATED', async () => {
    const other = await createdActorId({ slug: 'kept-actor', names: [{ lang: 'en', text: 'Kept' }] });
    expect(failures(await deleteActor({ id: other }, tokens.editor))).toEqual([
      { code: 'FORBIDDEN', argument: undefined },
    ]);
    expect(failures(await deleteActor({ id: other }, ANONYMOUS))).toEqual([
      { code: 'UNAUTHENTICATED', argument: undefined },
    ]);
    expect((await succeed(`{ actor(slug: "kept-actor") { id } }`)).actor).toEqual({ id: other });
  });

  it('deletes the actor and answers its global id', async () => {
    expect(result).toEqual({ data: { deleteActor: { deletedActorId: actorId } }, sqlStatements: expect.any(Number) });
    const after = await succeed(
      `query ($id: ID!) { node(id: $id) { id } actor(slug: "temporary-spokesperson") { id } }`,
      {
        id: actorId,
      },
    );
    expect(after).toEqual({ node: null, actor: null });
  });

  it('removes its participations and gives each event that lost one a REMOVE_PARTICIPANT revision', async () => {
    const talks = await succeed(`{ event(slug: "xi-putin-informal-talks") { participants { actor { slug } } } }`);
    expect(
      talks.event.participants.map((participant: { actor: { slug: string } }) => participant.actor.slug),
    ).not.toContain('temporary-spokesperson');
    expect(await latestRevision('event', ids['xi-putin-informal-talks']!)).toEqual({
      revision: expect.any(Number),
      action: 'REMOVE_PARTICIPANT',
      author: 'test-admin',
      reason: 'Not a real person',
      changes: [
        {
          field: 'participants',
          before: { actor: actorId, role: 'SPEAKER', note: 'Briefed the press' },
          after: null,
        },
      ],
    });
    expect(putinRole).toEqual(expect.any(String));
  });

  it('keeps the citations that quoted it, without speaker, and records their change on the event', async () => {
    const citation = await succeed(
      `query ($id: ID!) { node(id: $id) { ... on Citation { quote speaker { id } attributedTo { slug } } } }`,
      { id: citationId },
    );
    expect(citation.node).toEqual({ quote: 'A quote', speaker: null, attributedTo: { slug: 'vladimir-putin' } });
    const revision = await latestRevision('event', ids['xi-leaves-moscow']!);
    expect(revision).toEqual({
      revision: expect.any(Number),
      action: 'UPDATE',
      author: 'test-admin',
      reason: 'Not a real person',
      changes: [
        {
          field: 'citations',
          before: expect.objectContaining({ id: citationId, speaker: actorId, attributedTo: ids['vladimir-putin'] }),
          after: expect.objectContaining({ id: citationId, speaker: null, attributedTo: ids['vladimir-putin'] }),
        },
      ],
    });
  });

  it('leaves the sources it published without publisher, each with a revision', async () => {
    const source = await succeed(
      `query ($id: ID!) { source(id: $id) { publisher { id } revision history(first: 1) { nodes { action changes { field before after } } } } }`,
      { id: sourceId },
    );
    expect(source.source).toEqual({
      publisher: null,
      revision: 2,
      history: { nodes: [{ action: 'UPDATE', changes: [{ field: 'publisher', before: actorId, after: null }] }] },
    });
  });

  it('keeps its history: asOf an instant before the deletion still shows it', async () => {
    const before = await succeed(
      `query ($id: ID!, $asOf: DateTime!) { actor(id: $id, asOf: $asOf) { slug name revision } }`,
      { id: actorId, asOf: deletedAt },
    );
    expect(before.actor).toEqual({ slug: 'temporary-spokesperson', name: 'Spokesperson', revision: 1 });
    const revisions = await sqlRows<{ revision: number; action: string }>(
      `SELECT revision, action FROM revision WHERE subject_type = 'ACTOR' AND subject_id = $1 ORDER BY revision`,
      [Buffer.from(actorId, 'base64url').toString('utf8').split(':')[1]],
    );
    expect(revisions).toEqual([
      { revision: 1, action: 'CREATE' },
      { revision: 2, action: 'DELETE' },
    ]);
  });

  it('answers NOT_FOUND for an id no actor has, and CONFLICT for a stale expectedRevision', async () => {
    expect(failures(await deleteActor({ id: actorId }))).toEqual([{ code: 'NOT_FOUND', argument: 'input.id' }]);
    const other = await createdActorId({ slug: 'stale-actor', names: [{ lang: 'en', text: 'Stale' }] });
    const stale = await deleteActor({ id: other, expectedRevision: 7 });
    expect(stale.errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', argument: 'input.expectedRevision', currentRevision: 1 }),
    ]);
  });
});

describe('mergeActors refusals', () => {
  let putin: string;
  let xi: string;
  beforeAll(async () => {
    const ids = await idsOf({ actors: ['vladimir-putin', 'xi-jinping'] });
    putin = ids['vladimir-putin']!;
    xi = ids['xi-jinping']!;
  });

  it('refuses to merge an actor into itself as BAD_USER_INPUT on input.mergedId', async () => {
    expect(failures(await mergeActors({ survivorId: putin, mergedId: putin }))).toEqual([
      { code: 'BAD_USER_INPUT', argument: 'input.mergedId' },
    ]);
  });

  it('needs an ADMIN token: an EDITOR is FORBIDDEN, no token UNAUTHENTICATED', async () => {
    expect(failures(await mergeActors({ survivorId: putin, mergedId: xi }, tokens.editor))).toEqual([
      { code: 'FORBIDDEN', argument: undefined },
    ]);
    expect(failures(await mergeActors({ survivorId: putin, mergedId: xi }, ANONYMOUS))).toEqual([
      { code: 'UNAUTHENTICATED', argument: undefined },
    ]);
  });

  it('refuses a stale expected revision of either actor as CONFLICT naming it, carrying the current revision', async () => {
    const survivor = await mergeActors({ survivorId: putin, mergedId: xi, survivorExpectedRevision: 5 });
    expect(survivor.errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', argument: 'input.survivorExpectedRevision', currentRevision: 1 }),
    ]);
    const merged = await mergeActors({ survivorId: putin, mergedId: xi, mergedExpectedRevision: 5 });
    expect(merged.errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', argument: 'input.mergedExpectedRevision', currentRevision: 1 }),
    ]);
  });

  it('answers NOT_FOUND naming the unknown id', async () => {
    expect(failures(await mergeActors({ survivorId: putin, mergedId: toGlobalId('Actor', '999999') }))).toEqual([
      { code: 'NOT_FOUND', argument: 'input.mergedId' },
    ]);
    expect(failures(await mergeActors({ survivorId: toGlobalId('Actor', '999998'), mergedId: xi }))).toEqual([
      { code: 'NOT_FOUND', argument: 'input.survivorId' },
    ]);
  });
});

describe('mergeActors', () => {
  interface Counts {
    participations: number;
    citations: number;
    putinRoles: string[];
    duplicateRoles: string[];
  }
  const counts = {} as { before: Counts; after: Counts };
  let ids: Record<string, string>;
  let duplicate: string;
  let putinNote: string | null;
  let putinRole: string;
  let citationId: string;
  let sourceId: string;
  let result: Awaited<ReturnType<typeof mergeActors>>;
  let beforeMerge: string;

  async function countRows(): Promise<Counts> {
    const [row] = await sqlRows<Counts>(
      `SELECT (SELECT count(*)::int FROM participation) AS participations,
              (SELECT count(*)::int FROM citation) AS citations,
              ARRAY(SELECT event_id || ':' || role FROM participation WHERE actor_id = $1 ORDER BY 1) AS "putinRoles",
              ARRAY(SELECT event_id || ':' || role FROM participation WHERE actor_id = $2 ORDER BY 1) AS "duplicateRoles"`,
      [parseGlobalId(ids['vladimir-putin']!)!.id, parseGlobalId(duplicate)!.id],
    );
    return row!;
  }

  beforeAll(async () => {
    ids = await idsOf({
      events: ['xi-putin-informal-talks', 'xi-leaves-moscow'],
      actors: ['vladimir-putin', 'xi-jinping'],
    });
    const talks = await succeed(
      `{ event(slug: "xi-putin-informal-talks") { participants { role note actor { slug } } } }`,
    );
    const putinPart = talks.event.participants.find(
      (participant: { actor: { slug: string } }) => participant.actor.slug === 'vladimir-putin',
    );
    putinRole = putinPart.role;
    putinNote = putinPart.note;
    duplicate = await createdActorId({
      slug: 'vladimir-putin-2',
      originalLanguage: 'ru',
      names: [
        { lang: 'ru', text: 'Владимир Путин' },
        { lang: 'en', text: 'V. V. Putin' },
        { lang: 'fr', text: 'Vladimir Poutine' },
      ],
      aliases: ['Putin', 'VVP'],
      descriptions: [
        { lang: 'en', text: 'A duplicate record' },
        { lang: 'fr', text: 'Président de la Russie' },
      ],
      sameAs: ['https://www.wikidata.org/wiki/Q7747', 'https://fr.wikipedia.org/wiki/Vladimir_Poutine'],
    });
    await addParticipant(ids['xi-putin-informal-talks']!, duplicate, putinRole, 'Listed twice');
    await addParticipant(ids['xi-leaves-moscow']!, duplicate, 'MENTIONED');
    const seeded = await succeed(`{ event(slug: "xi-leaves-moscow") { citations { source { id } } } }`);
    citationId = await addCitation({
      eventId: ids['xi-leaves-moscow'],
      sourceId: seeded.event.citations[0].source.id,
      speakerId: duplicate,
      attributedToId: duplicate,
      quote: 'Said by the duplicate',
    });
    sourceId = await createSource('duplicate-putin-interview', duplicate);
    counts.before = await countRows();
    result = await mergeActors({
      survivorId: ids['vladimir-putin'],
      mergedId: duplicate,
      survivorExpectedRevision: 1,
      mergedExpectedRevision: 1,
      reason: 'Same person',
    });
    counts.after = await countRows();
    const [revision] = await sqlRows<{ recordedAt: Date }>(
      `SELECT recorded_at AS "recordedAt" FROM revision WHERE subject_type = 'ACTOR' AND subject_id = $1 AND action = 'MERGE'`,
      [parseGlobalId(duplicate)!.id],
    );
    beforeMerge = new Date(revision!.recordedAt.getTime() - 1).toISOString();
  });

  it("folds the merged actor's names, aliases, descriptions and sameAs into the survivor and records it", async () => {
    expect(result.errors).toBeUndefined();
    const actor = result.data!.mergeActors.actor;
    expect({ ...actor, history: actor.history.nodes[0] }).toEqual({
      id: ids['vladimir-putin'],
      slug: 'vladimir-putin',
      kind: 'PERSON',
      originalLanguage: 'ru',
      names: [
        { lang: 'ru', text: 'Владимир Путин' },
        { lang: 'en', text: 'Vladimir Putin' },
        { lang: 'fr', text: 'Vladimir Poutine' },
        { lang: 'zh-Hans', text: '普京' },
      ],
      aliases: [
        'Putin',
        '普丁',
        'Vladimir Vladimirovich Putin',
        'Путин',
        'Владимир Владимирович Путин',
        '弗拉基米尔·普京',
        'V. V. Putin',
        'VVP',
      ],
      description: 'President of Russia',
      sameAs: ['https://www.wikidata.org/wiki/Q7747', 'https://fr.wikipedia.org/wiki/Vladimir_Poutine'],
      revision: 2,
      history: {
        revision: 2,
        action: 'MERGE',
        author: 'test-admin',
        reason: 'Same person',
        changes: [
          {
            field: 'names',
            before: { 'zh-Hans': '普京', en: 'Vladimir Putin', ru: 'Владимир Путин' },
            after: { 'zh-Hans': '普京', en: 'Vladimir Putin', ru: 'Владимир Путин', fr: 'Vladimir Poutine' },
          },
          {
            field: 'aliases',
            before: actor.aliases.slice(0, 6),
            after: actor.aliases,
          },
          {
            field: 'descriptions',
            before: { en: 'President of Russia', 'zh-Hans': '俄罗斯总统' },
            after: { en: 'President of Russia', 'zh-Hans': '俄罗斯总统', fr: 'Président de la Russie' },
          },
          {
            field: 'sameAs',
            before: ['https://www.wikidata.org/wiki/Q7747'],
            after: ['https://www.wikidata.org/wiki/Q7747', 'https://fr.wikipedia.org/wiki/Vladimir_Poutine'],
          },
          { field: 'mergedActor', before: null, after: { id: duplicate, slug: 'vladimir-putin-2' } },
        ],
      },
    });
  });

  it('moves every participation to the survivor, dropping only the one the survivor already had', async () => {
    expect(counts.after).toEqual({
      participations: counts.before.participations - 1,
      citations: counts.before.citations,
      putinRoles: [...new Set([...counts.before.putinRoles, ...counts.before.duplicateRoles])].sort(),
      duplicateRoles: [],
    });
    const talks = await succeed(
      `{ event(slug: "xi-putin-informal-talks") { participants { role note actor { slug } } } }`,
    );
    expect(
      talks.event.participants.filter((participant: { actor: { slug: string } }) =>
        participant.actor.slug.startsWith('vladimir-putin'),
      ),
    ).toEqual([{ role: putinRole, note: putinNote ?? 'Listed twice', actor: { slug: 'vladimir-putin' } }]);
  });

  it('makes the survivor the speaker and attribution of its citations and the publisher of its sources', async () => {
    const data = await succeed(
      `query ($citation: ID!, $source: ID!) {
        citation: node(id: $citation) { ... on Citation { quote speaker { slug } attributedTo { slug } } }
        source(id: $source) { publisher { slug } revision history(first: 1) { nodes { action changes { field before after } } } }
      }`,
      { citation: citationId, source: sourceId },
    );
    expect(data).toEqual({
      citation: {
        quote: 'Said by the duplicate',
        speaker: { slug: 'vladimir-putin' },
        attributedTo: { slug: 'vladimir-putin' },
      },
      source: {
        publisher: { slug: 'vladimir-putin' },
        revision: 2,
        history: {
          nodes: [
            { action: 'MERGE', changes: [{ field: 'publisher', before: duplicate, after: ids['vladimir-putin'] }] },
          ],
        },
      },
    });
  });

  it('gives each event it changed one MERGE revision listing the moved participations and citations', async () => {
    expect(await latestRevision('event', ids['xi-putin-informal-talks']!)).toEqual({
      revision: expect.any(Number),
      action: 'MERGE',
      author: 'test-admin',
      reason: 'Same person',
      changes: [
        {
          field: 'participants',
          before: { actor: duplicate, role: putinRole, note: 'Listed twice' },
          after: { actor: ids['vladimir-putin'], role: putinRole, note: putinNote ?? 'Listed twice' },
        },
      ],
    });
    expect(await latestRevision('event', ids['xi-leaves-moscow']!)).toEqual({
      revision: expect.any(Number),
      action: 'MERGE',
      author: 'test-admin',
      reason: 'Same person',
      changes: [
        {
          field: 'participants',
          before: { actor: duplicate, role: 'MENTIONED', note: null },
          after: { actor: ids['vladimir-putin'], role: 'MENTIONED', note: null },
        },
        {
          field: 'citations',
          before: expect.objectContaining({ id: citationId, speaker: duplicate, attributedTo: duplicate }),
          after: expect.objectContaining({
            id: citationId,
            speaker: ids['vladimir-putin'],
            attributedTo: ids['vladimir-putin'],
          }),
        },
      ],
    });
  });

  it('gives the merged actor a last MERGE revision naming the survivor', async () => {
    const revisions = await sqlRows<{ revision: number; action: string; changes: { field: string }[] }>(
      `SELECT revision, action, changes FROM revision WHERE subject_type = 'ACTOR' AND subject_id = $1 ORDER BY revision`,
      [parseGlobalId(duplicate)!.id],
    );
    expect(revisions.map(({ revision, action }) => ({ revision, action }))).toEqual([
      { revision: 1, action: 'CREATE' },
      { revision: 2, action: 'MERGE' },
    ]);
    expect(revisions[1]!.changes.at(-1)).toEqual({
      field: 'mergedInto',
      before: null,
      after: { id: ids['vladimir-putin'], slug: 'vladimir-putin' },
    });
  });

  it("resolves the merged actor's global id and slug to the survivor in node, nodes and actor", async () => {
    const data = await succeed(
      `query ($merged: ID!, $putin: ID!) {
        node(id: $merged) { id ... on Actor { slug } }
        nodes(ids: [$merged, $putin]) { id }
        byId: actor(id: $merged) { id slug }
        bySlug: actor(slug: "vladimir-putin-2") { id slug }
      }`,
      { merged: duplicate, putin: ids['vladimir-putin'] },
    );
    const survivor = { id: ids['vladimir-putin'], slug: 'vladimir-putin' };
    expect(data).toEqual({
      node: survivor,
      nodes: [{ id: ids['vladimir-putin'] }, { id: ids['vladimir-putin'] }],
      byId: survivor,
      bySlug: survivor,
    });
  });

  it("filters the timeline by the merged actor's id as by the survivor's", async () => {
    const timeline = async (actors: string[], actorMatch = 'ANY') =>
      (
        await succeed(
          `query ($actors: [ID!]!, $match: ActorMatch) { timeline(first: 100, filter: { actors: $actors, actorMatch: $match }) { nodes { slug } } }`,
          { actors, match: actorMatch },
        )
      ).timeline.nodes.map((event: { slug: string }) => event.slug);
    const bySurvivor = await timeline([ids['vladimir-putin']!]);
    expect(bySurvivor).toContain('xi-leaves-moscow');
    expect(await timeline([duplicate])).toEqual(bySurvivor);
    expect(await timeline([duplicate, ids['xi-jinping']!], 'ALL')).toEqual(
      await timeline([ids['vladimir-putin']!, ids['xi-jinping']!], 'ALL'),
    );
  });

  it('still shows the merged actor as it was asOf an instant before the merge', async () => {
    const data = await succeed(
      `query ($asOf: DateTime!, $merged: ID!) {
        bySlug: actor(slug: "vladimir-putin-2", asOf: $asOf) { id slug name(lang: "fr") aliases revision }
        byId: actor(id: $merged, asOf: $asOf) { id slug }
        putin: actor(slug: "vladimir-putin", asOf: $asOf) { revision aliases }
      }`,
      { asOf: beforeMerge, merged: duplicate },
    );
    expect(data).toEqual({
      bySlug: {
        id: duplicate,
        slug: 'vladimir-putin-2',
        name: 'Vladimir Poutine',
        aliases: ['Putin', 'VVP'],
        revision: 1,
      },
      byId: { id: duplicate, slug: 'vladimir-putin-2' },
      putin: { revision: 1, aliases: result.data!.mergeActors.actor.aliases.slice(0, 6) },
    });
  });

  it("keeps the merged actor's slug taken: creating or renaming to it is CONFLICT on input.slug", async () => {
    const created = await createActor({ slug: 'vladimir-putin-2', names: [{ lang: 'en', text: 'Putin again' }] });
    expect(failures(created)).toEqual([{ code: 'CONFLICT', argument: 'input.slug' }]);
    const renamed = await updateActor({ id: ids['xi-jinping'], slug: 'vladimir-putin-2' });
    expect(failures(renamed)).toEqual([{ code: 'CONFLICT', argument: 'input.slug' }]);
  });

  it('leads the ids and slugs of actors merged earlier to the latest survivor', async () => {
    const first = await createdActorId({ slug: 'putin-record-a', names: [{ lang: 'en', text: 'Putin A' }] });
    const second = await createdActorId({ slug: 'putin-record-b', names: [{ lang: 'en', text: 'Putin B' }] });
    expect((await mergeActors({ survivorId: second, mergedId: first })).errors).toBeUndefined();
    const merged = await mergeActors({ survivorId: ids['vladimir-putin'], mergedId: second });
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeActors.actor.aliases).toEqual(expect.arrayContaining(['Putin B', 'Putin A']));
    const data = await succeed(
      `query ($first: ID!) { byId: actor(id: $first) { slug } bySlug: actor(slug: "putin-record-a") { slug } }`,
      { first },
    );
    expect(data).toEqual({ byId: { slug: 'vladimir-putin' }, bySlug: { slug: 'vladimir-putin' } });
    const again = await mergeActors({ survivorId: ids['vladimir-putin'], mergedId: first });
    expect(failures(again)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'input.mergedId' }]);
  });
});
