/** What the planner's statistics say about the searched tables, as far as choosing a search strategy needs. */
export interface SearchStatistics {
  eventRows: number;
  citationRows: number;
  /** Share of rows holding each of the most common grams, per table; `floor` for a gram not listed. */
  eventGrams: GramShares;
  citationGrams: GramShares;
  /** Start times dividing the events into parts of about equal size, in order; empty when there are none. */
  startQuantiles: Date[];
}

/** The most common grams of a table's `search_grams` with the share of rows holding each. */
export interface GramShares {
  shares: Map<string, number>;
  /** Half the least common listed share: PostgreSQL's own guess for a gram not listed. 1 without statistics. */
  floor: number;
}

/** How long statistics read from the database are used before they are read again. */
const STATISTICS_LIFETIME_MS = 60_000;

let cached: { statistics: SearchStatistics; readAt: number } | null = null;

/** The statistics read within the last minute, or null when they must be read (see {@link STATISTICS_SQL}). */
export function freshSearchStatistics(now = Date.now()): SearchStatistics | null {
  return cached && now - cached.readAt < STATISTICS_LIFETIME_MS ? cached.statistics : null;
}

function statsRow(table: string, column: string, fields: string): string {
  return `(SELECT json_build_object(${fields}) FROM pg_stats
            WHERE tablename = '${table}' AND attname = '${column}' AND schemaname = ANY (current_schemas(false))
            ORDER BY array_position(current_schemas(false), schemaname::text) LIMIT 1)`;
}

function rowCount(table: string): string {
  return `(SELECT greatest(c.reltuples, 0)::float8 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname = '${table}' AND c.relkind = 'r' AND n.nspname = ANY (current_schemas(false))
            ORDER BY array_position(current_schemas(false), n.nspname::text) LIMIT 1)`;
}

const GRAM_FIELDS = `'grams', most_common_elems::text::text[], 'shares', most_common_elem_freqs`;

/** A JSON expression of everything {@link SearchStatistics} holds, in the first schema of the search path that has the tables. */
export const STATISTICS_SQL = `json_build_object(
    'eventRows', ${rowCount('event')},
    'citationRows', ${rowCount('citation')},
    'eventGrams', ${statsRow('event', 'search_grams', GRAM_FIELDS)},
    'citationGrams', ${statsRow('citation', 'search_grams', GRAM_FIELDS)},
    'startQuantiles', ${statsRow('event', 'start_at', `'bounds', histogram_bounds::text::timestamptz[]`)})`;

interface RawGrams {
  grams: string[] | null;
  shares: number[] | null;
}

function gramShares(raw: RawGrams | null): GramShares {
  const grams = raw?.grams ?? [];
  const shares = raw?.shares ?? [];
  if (!grams.length) return { shares: new Map(), floor: 1 };
  // most_common_elem_freqs ends with the lowest and highest frequency and that of NULLs.
  return { shares: new Map(grams.map((gram, index) => [gram, shares[index]!])), floor: shares[grams.length]! / 2 };
}

/** Keeps the statistics read by {@link STATISTICS_SQL} (its JSON, parsed) for a minute, and returns them. */
export function rememberSearchStatistics(
  raw: {
    eventRows: number | null;
    citationRows: number | null;
    eventGrams: RawGrams | null;
    citationGrams: RawGrams | null;
    startQuantiles: { bounds: string[] | null } | null;
  },
  now = Date.now(),
): SearchStatistics {
  const statistics: SearchStatistics = {
    eventRows: Math.max(1, Math.round(raw.eventRows ?? 0)),
    citationRows: Math.max(0, Math.round(raw.citationRows ?? 0)),
    eventGrams: gramShares(raw.eventGrams),
    citationGrams: gramShares(raw.citationGrams),
    startQuantiles: (raw.startQuantiles?.bounds ?? []).map((bound) => new Date(bound)),
  };
  cached = { statistics, readAt: now };
  return statistics;
}

/**
 * The share of rows whose grams hold all of `grams`: that of the rarest listed gram, or, when that
 * is more, the unlisted grams' taken as independent, as PostgreSQL takes them (so that a word found
 * nowhere is rare, not merely as common as the least common gram listed); 1 for no gram at all.
 */
export function gramShare(statistics: GramShares, grams: readonly string[]): number {
  const listed = grams.filter((gram) => statistics.shares.has(gram));
  const rarestListed = Math.min(1, ...listed.map((gram) => statistics.shares.get(gram)!));
  return Math.min(rarestListed, statistics.floor ** (grams.length - listed.length));
}

/** The gram of `grams` held by the fewest rows (an unlisted one first), or null for none. */
export function rarestGram(statistics: GramShares, grams: readonly string[]): string | null {
  const share = (gram: string) => statistics.shares.get(gram) ?? statistics.floor;
  return grams.reduce<string | null>(
    (rarest, gram) => (rarest === null || share(gram) < share(rarest) ? gram : rarest),
    null,
  );
}
