import { ACTOR_FIELDS } from '../src/actors/actor.row';
import { JsonArrayRow } from '../src/db/json-array-row';
import { queryJsonRows } from '../src/db/json-rows';
import { CountingSqlClient } from '../src/db/sql-client';
import { selectList, type RowFields } from '../src/db/row-fields';
import { CITATION_FIELDS, CITATION_INSTANTS } from '../src/events/citation.queries';
import { EVENT_INSTANTS, EVENT_ROW_FIELDS } from '../src/events/event.row';
import { PARTICIPATION_FIELDS } from '../src/events/participation.queries';
import { SOURCE_FIELDS, SOURCE_INSTANTS } from '../src/sources/source.row';
import { useTestDatabase } from './helpers/database';

const database = useTestDatabase();

/** Every row of `from`, read with `fields` both as plain columns and as one JSON array each, in one list. */
async function readBothWays(fields: RowFields, from: string, order: string, instants?: ReadonlySet<string>) {
  const shape = new JsonArrayRow(fields, instants);
  const plain = (await database.pool.query(`SELECT ${selectList(fields)} FROM ${from} ORDER BY ${order}`)).rows;
  const packed = await queryJsonRows(
    new CountingSqlClient(database.pool),
    `SELECT ${shape.selectItem} FROM ${from} ORDER BY ${order}`,
    [],
  );
  return { plain, packed: packed.map((values) => shape.read(values)) };
}

describe('rows read as JSON arrays, as pages of events and their relations travel', () => {
  it.each([
    ['event', EVENT_ROW_FIELDS, 'event e', 'e.id', EVENT_INSTANTS],
    ['actor', ACTOR_FIELDS, 'actor a', 'a.id', undefined],
    ['source', SOURCE_FIELDS, 'source s', 's.id', SOURCE_INSTANTS],
    ['participation', PARTICIPATION_FIELDS, 'participation p', 'p.event_id, p.actor_id, p.role', undefined],
    ['citation', CITATION_FIELDS, 'citation c JOIN event e ON e.id = c.event_id', 'c.id', CITATION_INSTANTS],
  ])('reads every %s field as the plain columns give it', async (_table, fields, from, order, instants) => {
    const { plain, packed } = await readBothWays(fields, from, order, instants);
    expect(plain.length).toBeGreaterThan(1);
    expect(packed).toEqual(plain);
  });

  it('reads instants of any year, to the millisecond pg gives, and keeps the statement order', async () => {
    const instants = [
      '4713-01-01 00:00:00+00 BC',
      '0044-03-15 12:00:00.123456+00 BC',
      '0001-01-01 00:00:00+00',
      '0099-12-31 23:59:59.999999+00',
      '1969-12-31 23:59:59.999999+00',
      '1970-01-01 00:00:00.000999+00',
      '2023-03-17 10:00:00.5+03',
      '9999-12-31 23:59:59.999+00',
      '12000-06-01 00:00:00+00',
    ];
    const values = instants.map((at, index) => `(${index}, timestamptz '${at}')`).join(', ');
    const { plain, packed } = await readBothWays(
      { position: 't.position', at: 't.at', none: 'NULL::timestamptz' },
      `(VALUES ${values}) AS t(position, at)`,
      't.position DESC',
      new Set(['at', 'none']),
    );
    expect(plain).toHaveLength(instants.length);
    expect(packed).toEqual(plain);
    expect(packed.map((row) => (row.at as Date).getTime())).toEqual(plain.map((row) => (row.at as Date).getTime()));
    expect(packed[0]!.position).toBe(instants.length - 1);
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

  it('does not send the given property: it takes the value handed to read, in its place among the others', () => {
    const shape = new JsonArrayRow({ __typename: `'Actor'`, id: 'a.id::text', names: 'a.names' }, new Set(), {}, 'id');
    expect(shape.elements).toEqual(['a.names']);
    const row = shape.read(['3', { en: 'Seven' }], 1, '7');
    expect(row).toEqual({ __typename: 'Actor', id: '7', names: { en: 'Seven' } });
    expect(Object.keys(row)).toEqual(['__typename', 'id', 'names']);
  });
});
