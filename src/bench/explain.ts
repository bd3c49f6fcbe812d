import { type Pool } from 'pg';
import { pino } from 'pino';
import { createApolloServer } from '../graphql/apollo';
import { createRequestContext } from '../graphql/context';
import { type Workload } from './workloads';

/** One statement a workload sends, and its plan from EXPLAIN ANALYZE. */
export interface ExplainedStatement {
  sql: string;
  plan: string;
  executionMs: number;
  seqScansOfEvent: number;
}

/** The statements of every workload's request, as the server sends them, explained. */
export type WorkloadPlans = Map<string, ExplainedStatement[]>;

interface RecordedStatement {
  text: string;
  params: unknown[];
}

function recordingPool(pool: Pool, recorded: RecordedStatement[]): Pool {
  return {
    query: (text: string, params: unknown[] = []) => {
      recorded.push({ text, params });
      return pool.query(text, params);
    },
  } as unknown as Pool;
}

async function explain(pool: Pool, { text, params }: RecordedStatement): Promise<ExplainedStatement> {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
  const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
  return {
    sql: text.replace(/\s+/g, ' ').trim(),
    plan,
    executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN),
    seqScansOfEvent: (plan.match(/Seq Scan on event\b/g) ?? []).length,
  };
}

/**
 * Runs each workload's operation once in-process, through the same Apollo server and request
 * context as the HTTP server, records the SQL it sends, and explains every statement.
 */
export async function explainWorkloads(pool: Pool, workloads: readonly Workload[]): Promise<WorkloadPlans> {
  const apollo = createApolloServer(pino({ level: 'silent' }), true);
  await apollo.start();
  const plans: WorkloadPlans = new Map();
  try {
    for (const workload of workloads) {
      const recorded: RecordedStatement[] = [];
      const contextValue = createRequestContext(recordingPool(pool, recorded));
      await apollo.executeOperation(workload.request, { contextValue });
      const explained: ExplainedStatement[] = [];
      for (const statement of recorded) explained.push(await explain(pool, statement));
      plans.set(workload.id, explained);
    }
  } finally {
    await apollo.stop();
  }
  return plans;
}
