import { MAX_NAMED_STATEMENTS, StatementNames } from '../src/db/statement-names';
import { useTestDatabase } from './helpers/database';

const database = useTestDatabase();

describe('names for statements sent often', () => {
  it('leaves a statement unnamed the first time and names it from the second on, always the same', () => {
    const names = new StatementNames();
    expect(names.nameFor('SELECT 1')).toBeUndefined();
    const name = names.nameFor('SELECT 1');
    expect(name).toMatch(/^annals_[0-9a-f]{20}$/);
    expect(names.nameFor('SELECT 1')).toBe(name);
    expect(names.nameFor('SELECT 2')).toBeUndefined();
  });

  it(`names at most ${MAX_NAMED_STATEMENTS} statements, and keeps naming those`, () => {
    const names = new StatementNames();
    const texts = Array.from({ length: MAX_NAMED_STATEMENTS + 10 }, (_, index) => `SELECT ${index}`);
    for (const text of [...texts, ...texts]) names.nameFor(text);
    const named = texts.filter((text) => names.nameFor(text) !== undefined);
    expect(named).toEqual(texts.slice(0, MAX_NAMED_STATEMENTS));
  });

  it('forgets statements sent once long ago, so that counting them takes bounded memory', () => {
    const names = new StatementNames();
    names.nameFor('SELECT rare');
    for (let index = 0; index < 2_000; index += 1) names.nameFor(`SELECT once ${index}`);
    expect(names.nameFor('SELECT rare')).toBeUndefined();
  });
});

describe('the plans of named statements', () => {
  it("are made for each execution's values, never generic, so a time window is planned for its width", async () => {
    const { rows } = await database.pool.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode');
    expect(rows[0]!.plan_cache_mode).toBe('force_custom_plan');
  });
});
