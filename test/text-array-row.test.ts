import { ACTOR_FIELDS, ACTOR_JSON_VALUED } from '../src/actors/actor.row';
import { reviveDate, selectList, type RowFields } from '../src/db/row-fields';
import { TextArrayRow } from '../src/db/text-array-row';
import { CITATION_FIELDS, CITATION_JSON_VALUED } from '../src/events/citation.queries';
import { PARTICIPATION_FIELDS } from '../src/events/participation.queries';
import { SOURCE_FIELDS, SOURCE_JSON_VALUED } from '../src/sources/source.row';
import { useTestDatabase } from './helpers/database';

const database = useTestDatabase();

/** Every row of `from`, read with `fields` both as plain columns and as one text array each. */
async function readBothWays(fields: RowFields, jsonValued: ReadonlySet<string>, from: string, order: string) {
  const shape = new TextArrayRow(fields, jsonValued);
  const plain = (await database.pool.query(`SELECT ${selectList(fields)} FROM ${from} ORDER BY ${order}`)).rows;
  const packed = (
    await database.pool.query(`SELECT ARRAY[${shape.elements.join(', ')}] AS v FROM ${from} ORDER BY ${order}`)
  ).rows as { v: (string | null)[] }[];
  return { plain, packed: packed.map(({ v }) => shape.read(v)) };
}

/** The timestamps of rows read from JSON, as Dates like pg gives them. */
function withDates(rows: Record<string, unknown>[], properties: string[]) {
  return rows.map((row) => ({ ...row, ...Object.fromEntries(properties.map((p) => [p, reviveDate(row[p])])) }));
}

describe('rows read as text arrays, as planned relations travel', () => {
  it.each([
    ['actor', ACTOR_FIELDS, ACTOR_JSON_VALUED, 'actor a', 'a.id', []],
    ['source', SOURCE_FIELDS, SOURCE_JSON_VALUED, 'source s', 's.id', ['publishedAt']],
    ['participation', PARTICIPATION_FIELDS, new Set<string>(), 'participation p', 'p.event_id, p.actor_id, p.role', []],
    [
      'citation',
      CITATION_FIELDS,
      CITATION_JSON_VALUED,
      'citation c JOIN event e ON e.id = c.event_id',
      'c.id',
      ['claimedStart', 'claimedEnd', 'claimedUntil'],
    ],
  ])('reads every %s field as the plain columns give it', async (_table, fields, jsonValued, from, order, dates) => {
    const { plain, packed } = await readBothWays(fields, jsonValued, from, order);
    expect(plain.length).toBeGreaterThan(1);
    expect(withDates(packed, dates)).toEqual(plain);
  });

  it('keeps text that looks like array syntax, quotes, NULL and empty strings as they are', async () => {
    const shape = new TextArrayRow({ a: 'x.a', b: 'x.b', c: 'x.c', d: 'x.d' }, new Set(['d']));
    const { rows } = await database.pool.query(
      `SELECT ARRAY(SELECT ARRAY[${shape.elements.join(', ')}] FROM (VALUES
         ('{a,"b"}', 'NULL', '', '{"k": [1, null]}'::jsonb), (E'back\\\\slash, "q"', NULL, ' ', NULL)) AS x(a, b, c, d)) AS v`,
    );
    const values = (rows[0] as { v: (string | null)[][] }).v;
    expect(values.map((row) => shape.read(row))).toEqual([
      { a: '{a,"b"}', b: 'NULL', c: '', d: { k: [1, null] } },
      { a: 'back\\slash, "q"', b: null, c: ' ', d: null },
    ]);
  });
});
