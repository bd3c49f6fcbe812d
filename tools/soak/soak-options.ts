/** How a soak run is configured (command-line flags of `npm run soak`). */
export interface SoakOptions {
  /** Seconds of measured load. */
  durationSeconds: number;
  /** Seconds of load before the measured run, after which the starting RSS is taken. */
  warmupSeconds: number;
  /** Concurrent connections of the load generator. */
  connections: number;
  /** Events in the bench dataset the server reads (generated once, then reused). */
  events: number;
  /**
   * How often to kill -9 the embedded PostgreSQL's postmaster during the measured run; with it the
   * server runs on its own embedded PostgreSQL (DATABASE_URL is ignored) and the load includes writes.
   */
  killDatabase: number;
}

const USAGE = `npm run soak -- [--duration 60] [--warmup 10] [--connections 8] [--events 1000] [--kill-database 0]
  --duration       seconds of measured mixed read load; default 60
  --warmup         seconds of load before it, after which the starting RSS is taken; default 10
  --connections    concurrent connections; default 8
  --events         events in the generated dataset (the bench's, reused when present); default 1000
  --kill-database  kill -9 the server's embedded PostgreSQL this many times, evenly spread over the
                   measured run, with writes in the load; checks the outage answers, the recovery
                   and that no acknowledged write is lost; default 0 (DATABASE_URL, reads only)`;

function wholeNumber(flag: string, raw: string | undefined, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${flag} needs a whole number ≥ ${min}, got "${raw}"\n${USAGE}`);
  return value;
}

/** Parses the flags; throws an Error carrying the usage text on anything it does not know. */
export function parseSoakOptions(argv: readonly string[]): SoakOptions {
  const options: SoakOptions = {
    durationSeconds: 60,
    warmupSeconds: 10,
    connections: 8,
    events: 1_000,
    killDatabase: 0,
  };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]!;
    const value = () => argv[++index];
    if (flag === '--duration') options.durationSeconds = wholeNumber(flag, value(), 1);
    else if (flag === '--warmup') options.warmupSeconds = wholeNumber(flag, value(), 0);
    else if (flag === '--connections') options.connections = wholeNumber(flag, value(), 1);
    else if (flag === '--events') options.events = wholeNumber(flag, value(), 1_000);
    else if (flag === '--kill-database') options.killDatabase = wholeNumber(flag, value(), 0);
    else throw new Error(`unknown flag ${flag}\n${USAGE}`);
  }
  return options;
}
