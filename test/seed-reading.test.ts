import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RFI_SEED } from '../src/seed/rfi-seed';

const ROOT = path.resolve(__dirname, '..');
/** The article itself, where the shared folder sits beside the repository (as in CI). */
const ARTICLE = path.resolve(ROOT, '../shared/seeds/rfi-2023-03-21-xi-moscow.txt');
/** The article's date: what it supports is what the seed records. */
const ARTICLE_DATE = '2023-03-21';

const notes = RFI_SEED.events.flatMap((event) =>
  event.citations.map((citation) => ({ event: event.slug, note: citation.note ?? '' })),
);

describe('the seed as a reader sees it', () => {
  it('has no note that names a file the repository does not have', () => {
    const missing = notes.flatMap(({ event, note }) =>
      [...note.matchAll(/[\w./-]+\.(?:md|txt|json|ts)\b/g)]
        .map(([file]) => file)
        .filter((file) => !existsSync(path.join(ROOT, file)) && !existsSync(path.join(ROOT, 'docs', file)))
        .map((file) => `${event}: ${file}`),
    );
    expect(missing).toEqual([]);
  });

  it('names every actor in zh-Hans, as the article does wherever it names them', () => {
    expect(RFI_SEED.actors.filter((actor) => !actor.names['zh-Hans']).map((actor) => actor.slug)).toEqual([]);
    if (!existsSync(ARTICLE)) return;
    const article = readFileSync(ARTICLE, 'utf8');
    const named = RFI_SEED.actors.filter((actor) =>
      [...Object.values(actor.names), ...actor.aliases].some((name) => name.length > 2 && article.includes(name)),
    );
    expect(named.length).toBeGreaterThan(15);
    expect(named.filter((actor) => !article.includes(actor.names['zh-Hans']!)).map((actor) => actor.slug)).toEqual([]);
  });

  it("marks PLANNED the events still to come on the article's date, and says why in a citation note", () => {
    const toCome = RFI_SEED.events.filter(
      (event) => event.time.start > ARTICLE_DATE || event.slug === 'xi-putin-formal-talks',
    );
    expect(toCome.map((event) => [event.slug, event.status])).toEqual([
      ['xi-putin-formal-talks', 'PLANNED'],
      ['xi-leaves-moscow', 'PLANNED'],
      ['russian-presidential-election-2024', 'PLANNED'],
    ]);
    for (const event of toCome) {
      expect({ event: event.slug, says: event.citations.some((c) => c.note?.includes('PLANNED')) }).toEqual({
        event: event.slug,
        says: true,
      });
    }
    const others = RFI_SEED.events.filter((event) => !toCome.includes(event));
    expect(others.filter((event) => event.status !== 'OCCURRED').map((event) => event.slug)).toEqual([]);
  });
});
