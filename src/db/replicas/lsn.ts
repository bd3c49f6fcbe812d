/** A PostgreSQL write-ahead log position (`pg_lsn`), as a number that compares as positions do. */
export type Lsn = bigint;

const LSN_TEXT = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

/** `text` (PostgreSQL's `X/Y` form, as `pg_lsn::text` prints it) as an {@link Lsn}; null if it is not one. */
export function parseLsn(text: string | undefined | null): Lsn | null {
  const match = LSN_TEXT.exec((text ?? '').trim());
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** `lsn` in PostgreSQL's `X/Y` form, which {@link parseLsn} reads back and `::pg_lsn` accepts. */
export function formatLsn(lsn: Lsn): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** The later of two positions, null standing for none. */
export function laterLsn(a: Lsn | null, b: Lsn | null): Lsn | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
