import path from 'node:path';

/** How a bench run is configured (command-line flags of `npm run bench`). */
export interface BenchOptions {
  /** Number of synthetic events (10k, 100k, 1M, …). */
  events: number;
  /** The revision every event is brought to after generation, for the as-of workloads (1: none). */
  revisions: number;
  /** Seconds of timed load per workload. */
  durationSeconds: number;
  /** Seconds of untimed load before each timed run. */
  warmupSeconds: number;
  /** Concurrent connections of the load generator. */
  connections: number;
  /** Only these workload ids (all when empty). */
  only: string[];
  /** Record a CPU profile of the GraphQL server and summarise it. */
  profile: boolean;
  /** Fail unless the plans of the workloads' statements avoid sequential scans of `event`. */
  strictPlans: boolean;
  /** Another build's `dist/src/index.js` to time instead of this one (to compare builds in one run). */
  server: string | null;
  /** Another GraphQL server timed on the same data and page (W1, W2) in the same run. */
  anchor: 'postgraphile' | null;
  /** How often each workload is timed, the servers taking turns (floor, Annals, anchor) each round. */
  rounds: number;
  /** Run the live timelines workload (subscriptions) instead of the HTTP workloads. */
  live: boolean;
}

/** Events up to this many are revised to {@link DEFAULT_REVISIONS} unless --revisions says otherwise. */
const REVISED_BY_DEFAULT_UP_TO = 10_000;
const DEFAULT_REVISIONS = 5;

const USAGE = `npm run bench -- [--events 100k] [--revisions 5] [--duration 10] [--warmup 3] [--connections 16]
                    [--only W1,A2] [--profile] [--server path] [--anchor postgraphile] [--rounds 2] [--smoke] [--live]
  --events       synthetic events: a number, or with k/m (10k, 100k, 1m); default 100k
  --revisions    revise every event to this revision after generating it (rounds of UPDATEs, for the
                 as-of workloads A1..A4, which need 3 or more); default ${DEFAULT_REVISIONS} up to 10k events, else 1 (none)
  --duration     seconds of timed load per workload; default 10
  --warmup       seconds of load before each timed run; default 3
  --connections  concurrent connections; default 16
  --only         comma-separated workload ids (W1..W8, A1..A4, S1: the search set, S2: searches in buckets and an actor's timeline, each one query at a time)
  --profile      write a CPU profile of the GraphQL server to .bench/profiles and summarise it
  --server       time another build's dist/src/index.js (e.g. a checkout of an older commit)
  --anchor       also time PostGraphile 5 (Amber preset) on the same data and W1/W2 page, checked to
                 give the same events and values first
  --rounds       time each workload this many times, the servers taking turns; default 1, 2 with --anchor
  --smoke        a few seconds on 1,000 events (what CI runs)
  --live         the live timelines workload instead: 1,000 subscriptions, latency of one change,
                 changes at 50/s for --duration seconds, RSS per 1,000 subscriptions, SQL per change`;

function parseCount(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(raw.trim());
  if (!match) throw new Error(`"${raw}" is not a count such as 100000, 100k or 1m`);
  const scale = { '': 1, k: 1_000, m: 1_000_000 }[match[2]!.toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(match[1]) * scale);
}

function parsePositive(flag: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${flag} needs a positive number, got "${raw}"`);
  return value;
}

function parseRevisions(raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw new Error(`--revisions needs a whole number from 1 to 100, got "${raw}"`);
  }
  return value;
}

/** Parses the flags; throws an Error carrying the usage text on anything it does not know. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let revisions: number | null = null;
  const options: BenchOptions = {
    events: 100_000,
    revisions: 1,
    durationSeconds: 10,
    warmupSeconds: 3,
    connections: 16,
    only: [],
    profile: false,
    strictPlans: true,
    server: null,
    anchor: null,
    rounds: 0,
    live: false,
  };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]!;
    const value = () => argv[++index];
    if (flag === '--events') options.events = parseCount(value() ?? '');
    else if (flag === '--revisions') revisions = parseRevisions(value());
    else if (flag === '--duration') options.durationSeconds = parsePositive(flag, value());
    else if (flag === '--warmup') options.warmupSeconds = Number(value() ?? '0');
    else if (flag === '--connections') options.connections = Math.round(parsePositive(flag, value()));
    else if (flag === '--only') options.only = (value() ?? '').split(',').filter(Boolean);
    else if (flag === '--profile') options.profile = true;
    else if (flag === '--live') options.live = true;
    else if (flag === '--server') options.server = path.resolve(value() ?? '');
    else if (flag === '--anchor') {
      const anchor = value();
      if (anchor !== 'postgraphile') throw new Error(`--anchor takes postgraphile, got "${anchor}"\n${USAGE}`);
      options.anchor = anchor;
    } else if (flag === '--rounds') options.rounds = Math.round(parsePositive(flag, value()));
    else if (flag === '--smoke') {
      Object.assign(options, { events: 1_000, durationSeconds: 1, warmupSeconds: 0.5, connections: 4 });
      options.strictPlans = false;
    } else throw new Error(`unknown flag ${flag}\n${USAGE}`);
  }
  if (options.events < 1_000) throw new Error(`--events must be at least 1000\n${USAGE}`);
  options.revisions = revisions ?? (options.events <= REVISED_BY_DEFAULT_UP_TO ? DEFAULT_REVISIONS : 1);
  options.rounds ||= options.anchor ? 2 : 1;
  return options;
}
