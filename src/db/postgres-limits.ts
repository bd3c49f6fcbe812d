/** The largest PostgreSQL bigint: no row id exceeds it, and a larger value fails a ::bigint cast. */
export const MAX_BIGINT = 9223372036854775807n;

/** Safely inside PostgreSQL's earliest timestamptz (4714-11-24 BC), in epoch milliseconds. */
export const MIN_TIMESTAMP_MS = Date.UTC(-4712, 0, 1);
