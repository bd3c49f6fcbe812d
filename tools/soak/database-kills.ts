import { setTimeout as sleep } from 'node:timers/promises';
import { childNamed } from '../bench/process-stats';

/** What one kill -9 of the postmaster led to, each in milliseconds after the kill (null: never). */
export interface KillRecord {
  /** When it was killed, in seconds after the measured run began. */
  readonly atSeconds: number;
  readonly postmasterPid: number;
  /** The server logged the death. */
  detectedMs: number | null;
  /** The server logged PostgreSQL running again. */
  restartedMs: number | null;
  /** A GraphQL request was answered 200 with data again. */
  recoveredMs: number | null;
}

/** The longest a kill may take to recover from before the soak gives up waiting. */
const RECOVERY_TIMEOUT_MS = 60_000;

/** The server's postmaster: its child process named `postgres`. */
export function embeddedPostmasterOf(serverPid: number): number | null {
  return childNamed(serverPid, 'postgres');
}

/** The supervisor's lines in the server's log: when it saw PostgreSQL die and run again (epoch ms). */
export class SupervisorLog {
  private readonly died: number[] = [];
  private readonly restarted: number[] = [];

  /** Feeds one line the server printed. */
  readonly onLine = (line: string): void => {
    if (!line.startsWith('{')) return;
    try {
      const { msg, time } = JSON.parse(line) as { msg?: string; time?: number };
      if (typeof time !== 'number') return;
      if (msg?.startsWith('the embedded PostgreSQL died')) this.died.push(time);
      else if (msg === 'the embedded PostgreSQL is running again') this.restarted.push(time);
    } catch {
      // not a log line
    }
  };

  /** Milliseconds from `since` (epoch ms) to the first death, or restart, logged at or after it. */
  after(since: number, kind: 'died' | 'restarted'): number | null {
    const time = this[kind].find((at) => at >= since);
    return time === undefined ? null : time - since;
  }
}

async function servesData(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ timeline(first: 1) { edges { cursor } } }' }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    return response.status === 200 && Boolean(body.data) && !body.errors;
  } catch {
    return false;
  }
}

/**
 * Kills the server's postmaster with SIGKILL `count` times, at evenly spread moments of the next
 * `seconds` (each after the previous kill has recovered), and measures, for each, when the server
 * noticed, when PostgreSQL ran again and when a request was served again.
 */
export async function killDatabase(
  baseUrl: string,
  serverPid: number,
  log: SupervisorLog,
  count: number,
  seconds: number,
): Promise<KillRecord[]> {
  const startedAt = performance.now();
  const records: KillRecord[] = [];
  for (let kill = 1; kill <= count; kill += 1) {
    const dueMs = (seconds * 1000 * kill) / (count + 1);
    await sleep(Math.max(0, dueMs - (performance.now() - startedAt)));
    const postmasterPid = embeddedPostmasterOf(serverPid);
    if (postmasterPid === null) throw new Error(`kill ${kill}: the server has no postmaster to kill`);
    const killedAt = Date.now();
    const killedAtMs = performance.now();
    process.kill(postmasterPid, 'SIGKILL');
    const waited = () => performance.now() - killedAtMs < RECOVERY_TIMEOUT_MS;
    // A backend can outlive its postmaster by a few milliseconds: recovery counts once the server saw the death.
    while (log.after(killedAt, 'died') === null && waited()) await sleep(10);
    let recoveredMs: number | null = null;
    while (recoveredMs === null && waited()) {
      if (await servesData(baseUrl)) recoveredMs = Math.round(performance.now() - killedAtMs);
      else await sleep(50);
    }
    records.push({
      atSeconds: Math.round((killedAtMs - startedAt) / 100) / 10,
      postmasterPid,
      detectedMs: log.after(killedAt, 'died'),
      restartedMs: log.after(killedAt, 'restarted'),
      recoveredMs,
    });
  }
  return records;
}
