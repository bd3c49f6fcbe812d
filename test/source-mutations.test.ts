import { parseGlobalId, toGlobalId } from '../src/shared/global-id';
import { useTestDatabase } from './helpers/database';
import { failures, useGraphQLAsJson } from './helpers/graphql';
import { useTokens } from './helpers/tokens';

const database = useTestDatabase();
const execute = useGraphQLAsJson(database);
const tokens = useTokens(database);

const SOURCE = `id slug kind title url author language publishedAt publisher { slug } revision`;
const HISTORY = `history { nodes { revision action author reason changes { field before after } } }`;

type Token = { authorization?: string };
/** A request without an `Authorization` header. */
const ANONYMOUS: Token = {};

async function createSource(input: Record<string, unknown>, token: Token = tokens.editor) {
  return execute(
    `mutation ($input: CreateSourceInput!) { createSource(input: $input) { source { ${SOURCE} ${HISTORY} } } }`,
    { input: { kind: 'NEWS_ARTICLE', language: 'en', ...input } },
    token,
  );
}

async function updateSource(input: Record<string, unknown>, token: Token = tokens.editor) {
  return execute(
    `mutation ($input: UpdateSourceInput!) { updateSource(input: $input) { source { ${SOURCE} ${HISTORY} } } }`,
    { input },
    token,
  );
}

async function deleteSource(input: Record<string, unknown>, token: Token = tokens.admin) {
  return execute(
    `mutation ($input: DeleteSourceInput!) { deleteSource(input: $input) { deletedSourceId } }`,
    { input },
    token,
  );
}

async function sourceCount(): Promise<number> {
  const { rows } = await database.pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM source`);
  return rows[0]!.count;
}

async function succeed(query: string, variables?: Record<string, unknown>) {
  const { data, errors } = await execute(query, variables, tokens.editor);
  expect(errors).toBeUndefined();
  return data!;
}

let reuters: string;
let rfi: string;
beforeAll(async () => {
  const data = await succeed(`{ reuters: actor(slug: "reuters") { id } rfi: actor(slug: "rfi") { id } }`);
  reuters = data.reuters.id;
  rfi = data.rfi.id;
});

describe('createSource', () => {
  it('records a new source as revision 1 whose history lists every field', async () => {
    const result = await createSource({
      slug: 'reuters-2023-03-22-xi-leaves',
      title: '  Xi leaves Moscow  ',
      url: 'https://www.reuters.com/world/xi-leaves-moscow-2023-03-22/',
      publisherId: reuters,
      author: 'Guy Faulconbridge',
      publishedAt: '2023-03-22T10:15:00.000Z',
      reason: 'Wire report',
    });
    expect(result).toEqual({
      data: {
        createSource: {
          source: {
            id: expect.any(String),
            slug: 'reuters-2023-03-22-xi-leaves',
            kind: 'NEWS_ARTICLE',
            title: 'Xi leaves Moscow',
            url: 'https://www.reuters.com/world/xi-leaves-moscow-2023-03-22/',
            author: 'Guy Faulconbridge',
            language: 'en',
            publishedAt: '2023-03-22T10:15:00.000Z',
            publisher: { slug: 'reuters' },
            revision: 1,
            history: {
              nodes: [
                {
                  revision: 1,
                  action: 'CREATE',
                  author: 'test-editor',
                  reason: 'Wire report',
                  changes: [
                    { field: 'slug', before: null, after: 'reuters-2023-03-22-xi-leaves' },
                    { field: 'kind', before: null, after: 'NEWS_ARTICLE' },
                    { field: 'title', before: null, after: 'Xi leaves Moscow' },
                    {
                      field: 'url',
                      before: null,
                      after: 'https://www.reuters.com/world/xi-leaves-moscow-2023-03-22/',
                    },
                    { field: 'publisher', before: null, after: reuters },
                    { field: 'author', before: null, after: 'Guy Faulconbridge' },
                    { field: 'language', before: null, after: 'en' },
                    { field: 'publishedAt', before: null, after: '2023-03-22T10:15:00.000Z' },
                  ],
                },
              ],
            },
          },
        },
      },
      sqlStatements: expect.any(Number),
    });
  });

  it('needs only a slug, kind, title and language', async () => {
    const result = await createSource({ slug: 'untitled-note', title: 'A note' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createSource.source).toMatchObject({
      url: null,
      author: null,
      publishedAt: null,
      publisher: null,
    });
  });

  it('refuses a slug another source has as CONFLICT on input.slug', async () => {
    const result = await createSource({ slug: 'rfi-2023-03-21-xi-moscow', title: 'Again' });
    expect({ data: result.data, failures: failures(result) }).toEqual({
      data: null,
      failures: [{ code: 'CONFLICT', argument: 'input.slug' }],
    });
  });

  it.each([
    ['a malformed slug', { slug: 'Bad Slug' }, 'input.slug'],
    ['a blank title', { title: '   ' }, 'input.title'],
    ['an overlong title', { title: 'x'.repeat(501) }, 'input.title'],
    ['a title of two lines', { title: 'First\nSecond' }, 'input.title'],
    ['an ftp URL', { url: 'ftp://example.org/file' }, 'input.url'],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'input.url'],
    ['an overlong author', { author: 'x'.repeat(201) }, 'input.author'],
    ['an unknown language tag', { language: 'english!' }, 'input.language'],
    ['an overlong reason', { reason: 'x'.repeat(2001) }, 'input.reason'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_case, overrides, argument) => {
    const countBefore = await sourceCount();
    const result = await createSource({ slug: 'refused-source', title: 'Refused', ...overrides });
    expect({ data: result.data, failures: failures(result) }).toEqual({
      data: null,
      failures: [{ code: 'BAD_USER_INPUT', argument }],
    });
    expect(await sourceCount()).toBe(countBefore);
  });

  it('answers NOT_FOUND for an unknown publisher and BAD_USER_INPUT for a publisher id of another type', async () => {
    expect(
      failures(await createSource({ slug: 'lost-publisher', title: 'X', publisherId: toGlobalId('Actor', '999999') })),
    ).toEqual([{ code: 'NOT_FOUND', argument: 'input.publisherId' }]);
    expect(
      failures(await createSource({ slug: 'odd-publisher', title: 'X', publisherId: toGlobalId('Source', '1') })),
    ).toEqual([{ code: 'BAD_USER_INPUT', argument: 'input.publisherId' }]);
  });

  it('is UNAUTHENTICATED without a token', async () => {
    expect(failures(await createSource({ slug: 'anonymous-source', title: 'X' }, ANONYMOUS))).toEqual([
      { code: 'UNAUTHENTICATED', argument: undefined },
    ]);
  });
});

describe('updateSource', () => {
  let id: string;
  beforeAll(async () => {
    const { data, errors } = await createSource({
      slug: 'rfi-analysis',
      title: 'Analysis',
      url: 'https://www.rfi.fr/analysis',
      author: 'Someone',
      publisherId: reuters,
      publishedAt: '2023-03-23T08:00:00.000Z',
    });
    expect(errors).toBeUndefined();
    id = data!.createSource.source.id;
  });

  it('changes the fields given, clears those given null, and records each as the next revision', async () => {
    const result = await updateSource({
      id,
      expectedRevision: 1,
      title: 'Analysis: what Xi wants',
      publisherId: rfi,
      url: null,
      author: null,
      publishedAt: null,
      reason: 'Corrected',
    });
    expect(result.errors).toBeUndefined();
    const { history, ...source } = result.data!.updateSource.source;
    expect({ source, latest: history.nodes[0] }).toEqual({
      source: {
        id,
        slug: 'rfi-analysis',
        kind: 'NEWS_ARTICLE',
        title: 'Analysis: what Xi wants',
        url: null,
        author: null,
        language: 'en',
        publishedAt: null,
        publisher: { slug: 'rfi' },
        revision: 2,
      },
      latest: {
        revision: 2,
        action: 'UPDATE',
        author: 'test-editor',
        reason: 'Corrected',
        changes: [
          { field: 'title', before: 'Analysis', after: 'Analysis: what Xi wants' },
          { field: 'url', before: 'https://www.rfi.fr/analysis', after: null },
          { field: 'publisher', before: reuters, after: rfi },
          { field: 'author', before: 'Someone', after: null },
          { field: 'publishedAt', before: '2023-03-23T08:00:00.000Z', after: null },
        ],
      },
    });
  });

  it('records no revision for a change that changes nothing', async () => {
    const result = await updateSource({ id, title: 'Analysis: what Xi wants', kind: 'NEWS_ARTICLE' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateSource.source.revision).toBe(2);
    expect(result.data!.updateSource.source.history.nodes).toHaveLength(2);
  });

  it.each(['slug', 'kind', 'title', 'language'])(
    'refuses null for %s, which always has a value, as BAD_USER_INPUT naming it',
    async (field) => {
      expect(failures(await updateSource({ id, [field]: null }))).toEqual([
        { code: 'BAD_USER_INPUT', argument: `input.${field}` },
      ]);
    },
  );

  it('refuses a stale expectedRevision as CONFLICT carrying the current revision', async () => {
    const result = await updateSource({ id, expectedRevision: 1, title: 'Stale' });
    expect(result.errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', argument: 'input.expectedRevision', currentRevision: 2 }),
    ]);
  });

  it("refuses another source's slug as CONFLICT on input.slug", async () => {
    expect(failures(await updateSource({ id, slug: 'rfi-2023-03-21-xi-moscow' }))).toEqual([
      { code: 'CONFLICT', argument: 'input.slug' },
    ]);
  });

  it('answers NOT_FOUND for an id no source has', async () => {
    expect(failures(await updateSource({ id: toGlobalId('Source', '999999'), title: 'X' }))).toEqual([
      { code: 'NOT_FOUND', argument: 'input.id' },
    ]);
  });

  it('is UNAUTHENTICATED without a token', async () => {
    expect(failures(await updateSource({ id, title: 'X' }, ANONYMOUS))).toEqual([
      { code: 'UNAUTHENTICATED', argument: undefined },
    ]);
  });
});

describe('deleteSource', () => {
  const SLUG = 'rfi-2023-03-21-xi-moscow';
  let id: string;
  let cited: { eventId: string; citations: { id: string; quote: string | null }[] }[];
  let citationCount: number;
  let deletedAt: string;
  let result: Awaited<ReturnType<typeof deleteSource>>;

  beforeAll(async () => {
    const rows = await database.pool.query<{ id: string }>(`SELECT id::text FROM source WHERE slug = $1`, [SLUG]);
    id = toGlobalId('Source', rows.rows[0]!.id);
    const citations = await database.pool.query<{ eventId: string; id: string; quote: string | null }>(
      `SELECT event_id::text AS "eventId", id::text, quote FROM citation WHERE source_id = $1 ORDER BY event_id, id`,
      [parseGlobalId(id)!.id],
    );
    const byEvent = new Map<string, { id: string; quote: string | null }[]>();
    for (const citation of citations.rows) {
      const eventId = toGlobalId('Event', citation.eventId);
      byEvent.set(eventId, [
        ...(byEvent.get(eventId) ?? []),
        { id: toGlobalId('Citation', citation.id), quote: citation.quote },
      ]);
    }
    cited = [...byEvent].map(([eventId, eventCitations]) => ({ eventId, citations: eventCitations }));
    citationCount = citations.rowCount ?? 0;
    result = await deleteSource({ id, expectedRevision: 1, reason: 'Retracted' });
    const [revision] = (
      await database.pool.query<{ recordedAt: Date }>(
        `SELECT recorded_at AS "recordedAt" FROM revision WHERE subject_type = 'SOURCE' AND subject_id = $1 AND action = 'DELETE'`,
        [parseGlobalId(id)!.id],
      )
    ).rows;
    deletedAt = new Date(revision!.recordedAt.getTime() - 1).toISOString();
  });

  it('needs an ADMIN token: an EDITOR is FORBIDDEN, no token UNAUTHENTICATED', async () => {
    const created = await createSource({ slug: 'kept-source', title: 'Kept' });
    const keptId = created.data!.createSource.source.id;
    expect(failures(await deleteSource({ id: keptId }, tokens.editor))).toEqual([
      { code: 'FORBIDDEN', argument: undefined },
    ]);
    expect(failures(await deleteSource({ id: keptId }, ANONYMOUS))).toEqual([
      { code: 'UNAUTHENTICATED', argument: undefined },
    ]);
  });

  it('deletes a cited source with its citations and answers its global id', async () => {
    expect(citationCount).toBeGreaterThan(0);
    expect(result).toEqual({ data: { deleteSource: { deletedSourceId: id } }, sqlStatements: expect.any(Number) });
    const after = await succeed(`query ($id: ID!) { node(id: $id) { id } source(id: $id) { id } }`, { id });
    expect(after).toEqual({ node: null, source: null });
    const citations = await database.pool.query(`SELECT 1 FROM citation WHERE source_id = $1`, [parseGlobalId(id)!.id]);
    expect(citations.rowCount).toBe(0);
  });

  it('gives each event that lost citations one REMOVE_CITATION revision listing them', async () => {
    for (const { eventId, citations } of cited) {
      const data = await succeed(
        `query ($id: ID!) { event(id: $id) { citations { id } history(first: 1) { nodes { action author reason changes { field before after } } } } }`,
        { id: eventId },
      );
      expect(data.event.citations.map((citation: { id: string }) => citation.id)).not.toEqual(
        expect.arrayContaining(citations.map((citation) => citation.id)),
      );
      expect(data.event.history.nodes[0]).toEqual({
        action: 'REMOVE_CITATION',
        author: 'test-admin',
        reason: 'Retracted',
        changes: citations.map((citation) => ({
          field: 'citations',
          before: expect.objectContaining({ id: citation.id, source: id, quote: citation.quote }),
          after: null,
        })),
      });
    }
  });

  it('keeps its history: asOf an instant before the deletion still shows it and its citations', async () => {
    const data = await succeed(
      `query ($id: ID!, $asOf: DateTime!) { source(id: $id, asOf: $asOf) { slug revision citations { id } } }`,
      { id, asOf: deletedAt },
    );
    expect(data.source).toEqual({ slug: SLUG, revision: 1, citations: expect.any(Array) });
    expect(data.source.citations).toHaveLength(citationCount);
  });

  it('answers NOT_FOUND for an id no source has, and CONFLICT for a stale expectedRevision', async () => {
    expect(failures(await deleteSource({ id }))).toEqual([{ code: 'NOT_FOUND', argument: 'input.id' }]);
    const created = await createSource({ slug: 'stale-source', title: 'Stale' });
    const stale = await deleteSource({ id: created.data!.createSource.source.id, expectedRevision: 3 });
    expect(stale.errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', argument: 'input.expectedRevision', currentRevision: 1 }),
    ]);
  });
});
