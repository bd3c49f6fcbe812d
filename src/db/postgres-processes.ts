import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger } from '../logger';

/** What postmaster.pid says of the server that wrote it (PostgreSQL's pidfile.h: lines 1, 4 and 8). */
export interface PidFile {
  readonly pid: number;
  readonly port: number;
  /** `starting`, `stopping`, `ready` or `standby`. */
  readonly status: string;
}

/** Reads `<clusterDir>/postmaster.pid`; null when there is none or it is still being written. */
export async function readPidFile(clusterDir: string): Promise<PidFile | null> {
  let text: string;
  try {
    text = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  return { pid, port, status: (lines[7] ?? '').trim() };
}

interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  /** The working directory; PostgreSQL's processes all run in their cluster's folder. */
  readonly cwd: string | null;
}

function processInfo(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const [state, ppid] = stat.slice(close + 2).split(' ');
    if (state === 'Z' || state === 'X') return null;
    let cwd: string | null = null;
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      // another user's process, or gone meanwhile
    }
    return { pid, ppid: Number(ppid), comm: stat.slice(stat.indexOf('(') + 1, close), cwd };
  } catch {
    return null;
  }
}

/** Linux's /proc, where processes can be told apart; elsewhere a pid is taken at its word. */
const HAS_PROC = existsSync('/proc/self/stat');

/** Whether `pid` is a process that has not exited (a zombie has). */
export function isRunning(pid: number): boolean {
  if (HAS_PROC) return processInfo(pid) !== null;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function canonical(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** Every PostgreSQL process (postmaster, backends, helpers) running in `clusterDir`. */
function processesIn(clusterDir: string): ProcessInfo[] {
  if (!HAS_PROC) return [];
  const dir = canonical(clusterDir);
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => processInfo(Number(name)))
    .filter((info): info is ProcessInfo => info?.comm === 'postgres' && info.cwd === dir);
}

/** Whether `pid` is a running PostgreSQL process of `clusterDir` (so not a reused pid). */
export function isServerOf(pid: number, clusterDir: string): boolean {
  if (!HAS_PROC) return isRunning(pid);
  const info = processInfo(pid);
  return info?.comm === 'postgres' && info.cwd === canonical(clusterDir);
}

/** A postmaster running on a cluster, found through its postmaster.pid. */
export interface RunningServer {
  readonly pid: number;
  readonly port: number;
  /** Left behind by a process that was killed without stopping it (its parent is no Node.js process). */
  readonly orphaned: boolean;
}

function isOrphaned(pid: number): boolean {
  const parent = processInfo(pid)?.ppid;
  try {
    return parent === undefined || !readFileSync(`/proc/${parent}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

/** The postmaster postmaster.pid names, if it is running on `clusterDir`; null for none or a stale file. */
export async function runningServer(clusterDir: string): Promise<RunningServer | null> {
  const pidFile = await readPidFile(clusterDir);
  if (!pidFile || !isServerOf(pidFile.pid, clusterDir)) return null;
  return { pid: pidFile.pid, port: pidFile.port, orphaned: isOrphaned(pidFile.pid) };
}

/**
 * Removes the postmaster.pid of a server that is gone. PostgreSQL removes a stale one itself,
 * unless its pid still answers a signal: a zombie, which an init that does not reap (a container's
 * PID 1) leaves of an orphaned postmaster, or a pid reused by another process. Returns whether it did.
 */
export async function removeStaleLockFile(clusterDir: string, logger: Logger): Promise<boolean> {
  const file = path.join(clusterDir, 'postmaster.pid');
  const stale = await readPidFile(clusterDir);
  if (!stale || isServerOf(stale.pid, clusterDir)) return false;
  await unlink(file).catch(() => undefined);
  logger.warn({ postgresPid: stale.pid, clusterDir }, 'removed the lock file of a PostgreSQL that is gone');
  return true;
}

/** Polls every 50 ms until `done` or `ms` have passed; returns `done()`. */
async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = performance.now() + ms; !done() && performance.now() < deadline;) await sleep(50);
  return done();
}

function signal(pids: readonly number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // gone already
    }
  }
}

/**
 * Ends the PostgreSQL processes in `clusterDir` that no running postmaster owns: the backends and
 * helpers of a postmaster that was killed, which keep its shared memory (so no new server can
 * start) until they notice. SIGQUIT first (PostgreSQL's immediate shutdown), SIGKILL after 2 s.
 * Returns how many there were.
 */
export async function endLeftovers(clusterDir: string, logger: Logger): Promise<number> {
  const live = await runningServer(clusterDir);
  const leftovers = () =>
    processesIn(clusterDir)
      .filter((info) => info.pid !== live?.pid && info.ppid !== live?.pid)
      .map((info) => info.pid);
  const found = leftovers();
  if (!found.length) return 0;
  logger.warn({ postgresPids: found, clusterDir }, 'ending PostgreSQL processes left behind by a postmaster that died');
  signal(found, 'SIGQUIT');
  if (!(await waitFor(() => leftovers().length === 0, 2_000))) {
    signal(leftovers(), 'SIGKILL');
    await waitFor(() => leftovers().length === 0, 2_000);
  }
  return found.length;
}

/** How a postmaster was stopped: see {@link shutDown}. */
export type Shutdown = 'fast' | 'immediate' | 'killed';

/**
 * Stops a postmaster through `send` and waits until `gone`: a fast shutdown (SIGINT: sessions are
 * ended, transactions rolled back, a checkpoint written), an immediate one (SIGQUIT) if that takes
 * over 5 s, SIGKILL 2 s later. Returns how it ended.
 */
export async function shutDown(send: (signal: NodeJS.Signals) => void, gone: () => boolean): Promise<Shutdown> {
  for (const [name, waitMs, outcome] of [
    ['SIGINT', 5_000, 'fast'],
    ['SIGQUIT', 2_000, 'immediate'],
  ] as const) {
    send(name);
    if (await waitFor(gone, waitMs)) return outcome;
  }
  send('SIGKILL');
  await waitFor(gone, 2_000);
  return 'killed';
}

/**
 * Stops the postmaster `pid` of `clusterDir` (see {@link shutDown}); does nothing, and returns
 * null, when `pid` is no longer that server, so that a reused pid is never signalled.
 */
export async function stopServer(pid: number, clusterDir: string): Promise<Shutdown | null> {
  if (!isServerOf(pid, clusterDir)) return null;
  return shutDown(
    (name) => signal([pid], name),
    () => !isRunning(pid),
  );
}
