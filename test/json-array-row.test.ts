import { ACTOR_FIELDS } from '../src/actors/actor.row';
import { JsonArrayRow } from '../src/db/json-array-row';
import { reviveDate, selectList, type RowFields } from '../src/db/row-fields';
import { CITATION_FIELDS } from '../src/events/citation.queries';
import { PARTICIPATION_FIELDS } from '../src/events/participation.queries';
import { SOURCE_FIELDS } from '../src/sources/source.row';
import { useTestDatabase } from './helpers/database';

const database = useTestDatabase();

/** Every row of `from`, read with `fields` both as plain columns and as one JSON array each, in one list. */
async function readBothWays(fields: RowFields, from: string, order: string) {
  const shape = new JsonArrayRow(fields);
  const plain = (await database.pool.query(`SELECT ${selectList(fields)} FROM ${from} ORDER BY ${order}`)).rows;
  const { rows } = await database.pool.query(
    `SELECT array_to_json(ARRAY(SELECT json_build_array(${shape.elements.join(', ')}) FROM ${from} ORDER BY ${order})) AS v`,
  );
  return { plain, packed: (rows[0] as { v: unknown[][] }).v.map((values) => shape.read(values)) };
}

/** The timestamps of rows read from JSON, as Dates like pg gives them. */
function withDates(rows: Record<string, unknown>[], properties: string[]) {
  return rows.map((row) => ({ ...row, ...Object.fromEntries(properties.map((p) => [p, reviveDate(row[p])])) }));
}

describe('rows read as JSON arrays, as planned relations travel', () => {
  it.each([
    ['actor', ACTOR_FIELDS, 'actor a', 'a.id', []],
    ['source', SOURCE_FIELDS, 'source s', 's.id', ['publishedAt']],
    ['participation', PARTICIPATION_FIELDS, 'participation p', 'p.event_id, p.actor_id, p.role', []],
    [
      'citation',
      CITATION_FIELDS,
      'citation c JOIN event e ON e.id = c.event_id',
      'c.id',
      ['claimedStart', 'claimedEnd', 'claimedUntil'],
    ],
  ])('reads every %s field as the plain columns give it', async (_table, fields, from, order, dates) => {
    const { plain, packed } = await readBothWays(fields, from, order);
    expect(plain.length).toBeGreaterThan(1);
    expect(withDates(packed, dates)).toEqual(plain);
  });

  it('reads a row from where it starts in a longer array, and gives literals without sending them', () => {
    const shape = new JsonArrayRow({ __typename: `'Actor'`, id: 'a.id::text', names: 'a.names' });
    expect(shape.elements).toEqual(['a.id::text', 'a.names']);
    expect(shape.width).toBe(2);
    expect(shape.read(['x', '7', { en: 'Seven' }], 1)).toEqual({
      __typename: 'Actor',
      id: '7',
      names: { en: 'Seven' },
    });
    expect(shape.read(['7'])).toEqual({ __typename: 'Actor', id: '7', names: null });
  });
});
