import { type Pool, type PoolClient, type QueryConfig } from 'pg';
import { pino } from 'pino';
import { createApolloServer } from '../../src/graphql/apollo';
import { createRequestContext } from '../../src/graphql/context';
import { type Workload } from './workloads';

/** One statement a workload sends, and its plan from EXPLAIN ANALYZE. */
export interface ExplainedStatement {
  sql: string;
  /** The transaction setup the statement ran (and was explained) after, e.g. an as-of read's; null for none. */
  setup: string | null;
  plan: string;
  executionMs: number;
  /** Sequential scans of `event` or `event_history` in the plan. */
  seqScansOfEvent: number;
  /** Whether the plan reads `event_history` (as-of reads of events do, and only they). */
  readsEventHistory: boolean;
  /** Whether the plan reads `event`, the current rows (current reads do; as-of reads must not). */
  readsEvent: boolean;
}

/** The statements of every workload's request, as the server sends them, explained. */
export type WorkloadPlans = Map<string, ExplainedStatement[]>;

interface RecordedStatement {
  text: string;
  params: unknown[];
  setup: string | null;
}

const BEGIN = /^\s*BEGIN\b/i;
const END = /^\s*(COMMIT|ROLLBACK)\b/i;

/**
 * A client of `pool` that records each statement with the transaction setup sent before it on
 * this connection (`BEGIN …; SET LOCAL …`, as AsOfSqlClient sends), so that the
 * statement can be explained under the same settings: search_path and annals.as_of decide which
 * tables and rows an as-of statement reads.
 */
async function recordingClient(pool: Pool, recorded: RecordedStatement[]): Promise<PoolClient> {
  const client = await pool.connect();
  let setup: string | null = null;
  return {
    query: (text: string, params: unknown[] = []) => {
      if (BEGIN.test(text)) setup = text;
      else if (END.test(text)) setup = null;
      else recorded.push({ text, params, setup });
      return client.query(text, params);
    },
    release: (error?: Error | boolean) => client.release(error),
  } as unknown as PoolClient;
}

function recordingPool(pool: Pool, recorded: RecordedStatement[]): Pool {
  return {
    query: (query: string | QueryConfig, params: unknown[] = []) => {
      const { text, values = params } = typeof query === 'string' ? { text: query } : query;
      recorded.push({ text, params: values, setup: null });
      return pool.query(text, values);
    },
    connect: () => recordingClient(pool, recorded),
  } as unknown as Pool;
}

/** EXPLAIN ANALYZE of the statement, in a transaction with its setup when it had one (rolled back). */
async function explain(pool: Pool, { text, params, setup }: RecordedStatement): Promise<ExplainedStatement> {
  const client = await pool.connect();
  let rows: { 'QUERY PLAN': string }[];
  try {
    if (setup) await client.query(setup);
    rows = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params)).rows;
  } finally {
    if (setup) await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
  const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
  return {
    sql: text.replace(/\s+/g, ' ').trim(),
    setup,
    plan,
    executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN),
    seqScansOfEvent: (plan.match(/Seq Scan on event(?:_history)?\b/g) ?? []).length,
    readsEventHistory: /\bon event_history\b/.test(plan),
    readsEvent: /\bon event\b/.test(plan),
  };
}

/**
 * Runs each workload's operation once in-process, through the same Apollo server and request
 * context as the HTTP server, records the SQL it sends (with the as-of transaction setup of
 * as-of reads), and explains every statement under the same setup.
 */
export async function explainWorkloads(pool: Pool, workloads: readonly Workload[]): Promise<WorkloadPlans> {
  const apollo = createApolloServer(pino({ level: 'silent' }), true);
  await apollo.start();
  const plans: WorkloadPlans = new Map();
  try {
    for (const workload of workloads) {
      const recorded: RecordedStatement[] = [];
      const contextValue = createRequestContext(recordingPool(pool, recorded));
      const response = await apollo.executeOperation(workload.request, { contextValue });
      if (response.body.kind === 'single' && response.body.singleResult.errors?.length) {
        const messages = response.body.singleResult.errors.map((error) => error.message).join('; ');
        throw new Error(`${workload.id}: explaining its statements failed: ${messages}`);
      }
      const explained: ExplainedStatement[] = [];
      for (const statement of recorded) explained.push(await explain(pool, statement));
      plans.set(workload.id, explained);
    }
  } finally {
    await apollo.stop();
  }
  return plans;
}
