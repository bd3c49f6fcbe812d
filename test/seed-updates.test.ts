import { updateBundledSeedRecords } from '../src/seed/rfi-seed';
import { startAppServer } from './helpers/app-server';
import { useTestDatabase } from './helpers/database';
import { useGraphQLAsJson } from './helpers/graphql';
import { useTokens } from './helpers/tokens';

const database = useTestDatabase();
const execute = useGraphQLAsJson(database);
const tokens = useTokens(database);

const OLD_NOTE = 'Not stated in the article; included from public reporting (see FACTS.md) to complete the timeline.';

/** Puts back what the seed of before this change loaded: no Chinese name for Vereshchuk, Xi's departure OCCURRED. */
async function loadEarlierSeedValues(): Promise<void> {
  await database.dataSource.query(`
    UPDATE actor SET names = names - 'zh-Hans' WHERE slug = 'iryna-vereshchuk';
    UPDATE event SET status = 'OCCURRED' WHERE slug = 'xi-leaves-moscow';
    UPDATE citation SET note = '${OLD_NOTE}'
     WHERE event_id = (SELECT id FROM event WHERE slug = 'xi-leaves-moscow') AND position = 0;
  `);
}

const STATE = `{
  actor(slug: "iryna-vereshchuk") { name(lang: "zh-Hans") revision history(first: 1) { nodes { author reason changes { field before after } } } }
  event(slug: "xi-leaves-moscow") { status revision citations { note } history(first: 1) { nodes { author changes { field before after } } } }
}`;

describe('bringing unedited records of an earlier seed up to the current one', () => {
  it('changes names, statuses and notes the seed created and nobody edited, each with a revision by "seed"', async () => {
    await loadEarlierSeedValues();
    const before = await execute(STATE);
    expect(before.data!.actor.name).toBe('Ірина Верещук');
    expect(before.data!.event.status).toBe('OCCURRED');
    await expect(updateBundledSeedRecords(database.dataSource)).resolves.toEqual({ actors: 1, events: 1 });
    const after = await execute(STATE);
    expect(after.data!.actor).toMatchObject({ name: 'Iryna Vereshchuk', revision: 2 });
    expect(after.data!.actor.history.nodes[0]).toMatchObject({
      author: 'seed',
      reason: expect.stringContaining('Seed data corrected'),
      changes: [
        {
          field: 'names',
          before: expect.not.objectContaining({ 'zh-Hans': expect.anything() }),
          after: expect.objectContaining({ 'zh-Hans': 'Iryna Vereshchuk' }),
        },
      ],
    });
    expect(after.data!.event).toMatchObject({ status: 'PLANNED', revision: 2 });
    expect(after.data!.event.citations[0].note).toMatch(/^Not stated in the article\. On the article's date/);
    expect(after.data!.event.history.nodes[0]).toEqual({
      author: 'seed',
      changes: [
        { field: 'status', before: 'OCCURRED', after: 'PLANNED' },
        { field: 'citations[0].note', before: OLD_NOTE, after: after.data!.event.citations[0].note },
      ],
    });
  });

  it('changes nothing when run again', async () => {
    await expect(updateBundledSeedRecords(database.dataSource)).resolves.toEqual({ actors: 0, events: 0 });
  });

  it('leaves a record an editor changed as the editor left it', async () => {
    const { data } = await execute(`{ actor(slug: "karim-khan") { id } }`);
    const edited = await execute(
      `mutation ($id: ID!) { updateActor(input: { id: $id, names: [{ lang: "en", text: "Karim Khan" }] }) { actor { revision } } }`,
      { id: data!.actor.id },
      tokens.editor,
    );
    expect(edited.errors).toBeUndefined();
    await expect(updateBundledSeedRecords(database.dataSource)).resolves.toEqual({ actors: 0, events: 0 });
    const after = await execute(`{ actor(slug: "karim-khan") { names { lang text } revision } }`);
    expect(after.data!.actor).toEqual({ names: [{ lang: 'en', text: 'Karim Khan' }], revision: 2 });
  });

  it('happens when the app starts on a database of the earlier seed', async () => {
    await loadEarlierSeedValues();
    const { app } = await startAppServer({ DATABASE_URL: database.url, NODE_ENV: 'test' });
    try {
      const after = await execute(STATE);
      expect(after.data!.actor.name).toBe('Iryna Vereshchuk');
      expect(after.data!.event.status).toBe('PLANNED');
    } finally {
      await app.close();
    }
  });
});
