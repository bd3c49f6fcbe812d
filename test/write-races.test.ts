import { type Pool } from 'pg';
import { type DataSource } from 'typeorm';
import { createDataSource, poolOf } from '../src/db/data-source';
import { parseGlobalId } from '../src/shared/global-id';
import { type TestDatabase, useTestDatabase } from './helpers/database';
import { type GraphQLResult, useGraphQLAsJson } from './helpers/graphql';
import { useTokens } from './helpers/tokens';

const database = useTestDatabase();
const wide = {} as { url: string; dataSource: DataSource; pool: Pool };
const execute = useGraphQLAsJson(wide as TestDatabase);
const tokens = useTokens(database);

beforeAll(async () => {
  wide.url = database.url;
  wide.dataSource = await createDataSource(database.url, 12).initialize();
  wide.pool = poolOf(wide.dataSource);
});
afterAll(async () => {
  await wide.dataSource?.destroy();
});

/** How often each race is run. */
const RUNS = 30;

let counter = 0;
const unique = (prefix: string) => `${prefix}-${(counter += 1)}`;

function idOf(globalId: string): string {
  return parseGlobalId(globalId)!.id;
}

async function eventId(slug: string): Promise<string> {
  const { data } = await execute(`query ($slug: String) { event(slug: $slug) { id } }`, { slug });
  return data!.event.id;
}

async function createSource(): Promise<string> {
  const slug = unique('raced-source');
  const { data, errors } = await execute(
    `mutation ($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }`,
    { input: { slug, kind: 'NEWS_ARTICLE', language: 'en', title: slug } },
    tokens.editor,
  );
  expect(errors).toBeUndefined();
  return data!.createSource.source.id;
}

async function createActor(): Promise<string> {
  const slug = unique('raced-actor');
  const { data, errors } = await execute(
    `mutation ($input: CreateActorInput!) { createActor(input: $input) { actor { id } } }`,
    { input: { slug, kind: 'PERSON', originalLanguage: 'en', names: [{ lang: 'en', text: slug }] } },
    tokens.editor,
  );
  expect(errors).toBeUndefined();
  return data!.createActor.actor.id;
}

const ADD_CITATION = `mutation ($input: AddCitationInput!) { addCitation(input: $input) { citation { id } } }`;
const ADD_PARTICIPANT = `mutation ($input: AddParticipantInput!) { addParticipant(input: $input) { event { revision } } }`;
const DELETE_SOURCE = `mutation ($input: DeleteSourceInput!) { deleteSource(input: $input) { deletedSourceId } }`;
const DELETE_ACTOR = `mutation ($input: DeleteActorInput!) { deleteActor(input: $input) { deletedActorId } }`;
const MERGE_ACTORS = `mutation ($input: MergeActorsInput!) { mergeActors(input: $input) { actor { id } } }`;
const LINK_EVENTS = `mutation ($input: EventLinkInput!) { linkEvents(input: $input) { event { revision } } }`;

/** The outcome of one side of a race: success, or the code and argument of its single error. */
function outcome(result: GraphQLResult<unknown>): string {
  if (!result.errors) return 'ok';
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors;
  return `${String(error!.extensions?.code)} ${String(error!.extensions?.argument)}`;
}

/** Runs `race` RUNS times and returns how often each pair of outcomes came up. */
async function tally(race: (run: number) => Promise<[string, string]>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let run = 0; run < RUNS; run += 1) {
    const key = (await race(run)).join(' | ');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await wide.pool.query<{ count: number }>(`SELECT (${sql})::int AS count`, params);
  return rows[0]!.count;
}

describe('a write racing a delete of what it refers to', () => {
  it('addCitation against deleteSource: the citation is added before the delete or refused NOT_FOUND, never a server error', async () => {
    const event = await eventId('kirby-urges-xi-to-press-putin');
    const counts = await tally(async () => {
      const source = await createSource();
      const quote = unique('raced quote');
      const [added, deleted] = await Promise.all([
        execute(ADD_CITATION, { input: { eventId: event, sourceId: source, quote } }, tokens.editor),
        execute(DELETE_SOURCE, { input: { id: source } }, tokens.admin),
      ]);
      expect(outcome(deleted)).toBe('ok');
      expect(
        await count('SELECT count(*) FROM citation WHERE source_id = $1 OR quote = $2', [idOf(source), quote]),
      ).toBe(0);
      const addedRevisions = await count(
        `SELECT count(*) FROM revision WHERE subject_type = 'EVENT' AND subject_id = $1 AND action = 'ADD_CITATION'
            AND changes::text LIKE '%' || $2 || '%'`,
        [idOf(event), quote],
      );
      expect(addedRevisions).toBe(outcome(added) === 'ok' ? 1 : 0);
      return [outcome(added), outcome(deleted)];
    });
    expect(Object.keys(counts).every((key) => ['ok | ok', 'NOT_FOUND input.sourceId | ok'].includes(key))).toBe(true);
    expect(JSON.stringify(counts)).not.toContain('INTERNAL_SERVER_ERROR');
  }, 120_000);

  it('addParticipant against deleteActor: the participation is added before the delete or refused NOT_FOUND', async () => {
    const event = await eventId('kirby-urges-xi-to-press-putin');
    const counts = await tally(async () => {
      const actor = await createActor();
      const [added, deleted] = await Promise.all([
        execute(ADD_PARTICIPANT, { input: { eventId: event, actorId: actor, role: 'MENTIONED' } }, tokens.editor),
        execute(DELETE_ACTOR, { input: { id: actor } }, tokens.admin),
      ]);
      expect(outcome(deleted)).toBe('ok');
      expect(await count('SELECT count(*) FROM participation WHERE actor_id = $1', [idOf(actor)])).toBe(0);
      return [outcome(added), outcome(deleted)];
    });
    expect(Object.keys(counts).every((key) => ['ok | ok', 'NOT_FOUND input.actorId | ok'].includes(key))).toBe(true);
  }, 120_000);

  it('addParticipant against mergeActors: the participation lands on the survivor, whichever commits first', async () => {
    const event = await eventId('xi-putin-informal-talks');
    const counts = await tally(async () => {
      const [survivor, merged] = [await createActor(), await createActor()];
      const [added, merge] = await Promise.all([
        execute(ADD_PARTICIPANT, { input: { eventId: event, actorId: merged, role: 'MENTIONED' } }, tokens.editor),
        execute(MERGE_ACTORS, { input: { survivorId: survivor, mergedId: merged } }, tokens.admin),
      ]);
      expect(outcome(merge)).toBe('ok');
      expect(outcome(added)).toBe('ok');
      expect(await count('SELECT count(*) FROM participation WHERE actor_id = $1', [idOf(survivor)])).toBe(1);
      return [outcome(added), outcome(merge)];
    });
    expect(counts).toEqual({ 'ok | ok': RUNS });
  }, 120_000);

  it('linkEvents in both directions against deleteEvent: each is applied or refused cleanly', async () => {
    const counts = await tally(async (run) => {
      const { data } = await execute(
        `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id } } }`,
        {
          input: {
            slug: unique('raced-event'),
            kind: 'STATEMENT',
            status: 'OCCURRED',
            originalLanguage: 'en',
            titles: [{ lang: 'en', text: `Raced event ${run}` }],
            time: { start: '2023-03-21T00:00:00.000Z', precision: 'DAY', timeZone: 'UTC' },
          },
        },
        tokens.editor,
      );
      const raced = data!.createEvent.event.id as string;
      const other = await eventId('xi-putin-formal-talks');
      const [forward, backward, deleted] = await Promise.all([
        execute(LINK_EVENTS, { input: { eventId: raced, type: 'FOLLOWS', relatedEventId: other } }, tokens.editor),
        execute(LINK_EVENTS, { input: { eventId: other, type: 'CAUSED_BY', relatedEventId: raced } }, tokens.editor),
        execute(
          `mutation ($input: DeleteEventInput!) { deleteEvent(input: $input) { deletedEventId } }`,
          {
            input: { id: raced },
          },
          tokens.admin,
        ),
      ]);
      expect(outcome(deleted)).toBe('ok');
      expect(
        await count('SELECT count(*) FROM event_relation WHERE from_event_id = $1 OR to_event_id = $1', [idOf(raced)]),
      ).toBe(0);
      for (const link of [forward, backward]) {
        expect(['ok', 'NOT_FOUND input.eventId', 'NOT_FOUND input.relatedEventId']).toContain(outcome(link));
      }
      return [`${outcome(forward)} / ${outcome(backward)}`, outcome(deleted)];
    });
    expect(JSON.stringify(counts)).not.toMatch(/INTERNAL_SERVER_ERROR|CONFLICT/);
  }, 120_000);
});

describe('writes that deadlock', () => {
  it('are run again: addCitation against deleteSource of a source the event already cites never answers CONFLICT', async () => {
    const event = await eventId('xi-leaves-moscow');
    const counts = await tally(async () => {
      const source = await createSource();
      const cited = await execute(ADD_CITATION, { input: { eventId: event, sourceId: source } }, tokens.editor);
      expect(cited.errors).toBeUndefined();
      const [added, deleted] = await Promise.all([
        execute(ADD_CITATION, { input: { eventId: event, sourceId: source, quote: unique('q') } }, tokens.editor),
        execute(DELETE_SOURCE, { input: { id: source } }, tokens.admin),
      ]);
      expect(await count('SELECT count(*) FROM citation WHERE source_id = $1', [idOf(source)])).toBe(0);
      return [outcome(added), outcome(deleted)];
    });
    expect(Object.keys(counts).every((key) => ['ok | ok', 'NOT_FOUND input.sourceId | ok'].includes(key))).toBe(true);
  }, 120_000);
});
