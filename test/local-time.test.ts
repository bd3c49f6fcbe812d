import { type TimePrecision } from '../src/shared/precision';
import { formatLocalTime, LOCAL_TIME_SQL_FORMAT, localTimeFromSql } from '../src/shared/local-time';
import { useTestDatabase } from './helpers/database';

const database = useTestDatabase();

const PRECISIONS: TimePrecision[] = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE'];
const ZONES = ['UTC', 'Europe/Moscow', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Asia/Shanghai'];
const INSTANTS = [
  '2023-03-20T11:30:00Z',
  '2023-03-17T00:00:00Z',
  '2024-03-10T06:59:00Z', // New York's clocks go forward at 07:00 UTC
  '2024-11-03T05:30:00Z', // and back at 06:00 UTC
  '1950-02-17T21:00:00Z',
  '0001-06-01T12:00:00Z',
  '-000001-06-01T12:00:00Z', // 2 BC
  '-000043-03-15T12:00:00Z', // 44 BC
  '0000-06-01T12:00:00Z', // 1 BC
];

describe('local times rendered by PostgreSQL', () => {
  it('read exactly as formatLocalTime writes them, in every zone and precision, BC years included', async () => {
    const cases = INSTANTS.flatMap((instant) => ZONES.map((zone) => ({ instant: new Date(instant), zone })));
    const { rows } = await database.pool.query<{ rendered: string }>(
      `SELECT to_char(c.instant AT TIME ZONE c.zone, '${LOCAL_TIME_SQL_FORMAT}') AS rendered
         FROM unnest($1::timestamptz[], $2::text[]) WITH ORDINALITY AS c(instant, zone, n) ORDER BY c.n`,
      [cases.map((c) => c.instant), cases.map((c) => c.zone)],
    );
    const fromSql = cases.flatMap((c, index) =>
      PRECISIONS.map((precision) => [c.zone, precision, localTimeFromSql(rows[index]!.rendered, precision)]),
    );
    const fromIntl = cases.flatMap((c) =>
      PRECISIONS.map((precision) => [c.zone, precision, formatLocalTime(c.instant, c.zone, precision)]),
    );
    expect(fromSql).toEqual(fromIntl);
  });

  it('write years before 1 CE astronomically', () => {
    expect(localTimeFromSql('0044-03-15T12:00 BC', 'DAY')).toBe('-0043-03-15');
    expect(localTimeFromSql('0001-06-01T12:00 BC', 'MONTH')).toBe('0000-06');
    expect(localTimeFromSql('2023-03-20T14:30 AD', 'HOUR')).toBe('2023-03-20T14');
  });
});
