import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User plus system CPU time a process has used, in milliseconds (Linux /proc). */
export function cpuMillis(pid: number): number {
  return cpuMillisOf(statFields(pid));
}

/** The fields of /proc/<pid>/stat after the command name, from the state on (ppid is [1]). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User plus system CPU time, in milliseconds, from a process's {@link statFields}. */
function cpuMillisOf(fields: readonly string[]): number {
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * The postmaster of the PostgreSQL backend `backendPid`, when that backend runs on this machine
 * (its process and its parent are both `postgres`); null otherwise, e.g. for a server elsewhere
 * whose backend's pid is some other local process or none.
 */
export function postmasterOf(backendPid: number): number | null {
  try {
    const isPostgres = (pid: number) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
    const parent = Number(statFields(backendPid)[1]);
    return isPostgres(backendPid) && isPostgres(parent) ? parent : null;
  } catch {
    return null;
  }
}

/** Each process whose parent is `parent`, with its {@link statFields}, as they are now. */
function childrenOf(parent: number): { pid: number; fields: string[] }[] {
  const children: { pid: number; fields: string[] }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(Number(entry));
      if (Number(fields[1]) === parent) children.push({ pid: Number(entry), fields });
    } catch {
      // exited while the list was read
    }
  }
  return children;
}

/** The pid of `parent`'s child process named `name` (its `comm`), or null when it has none. */
export function childNamed(parent: number, name: string): number | null {
  for (const { pid } of childrenOf(parent)) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name) return pid;
    } catch {
      // exited meanwhile
    }
  }
  return null;
}

/** CPU time (user plus system, in milliseconds) of a process and each of its children, by pid, as they are now. */
export function familyCpu(parent: number): Map<number, number> {
  const readings = new Map([[parent, cpuMillis(parent)]]);
  for (const { pid, fields } of childrenOf(parent)) readings.set(pid, cpuMillisOf(fields));
  return readings;
}

/**
 * The CPU a family of processes (a PostgreSQL postmaster and its backends) used between two
 * {@link familyCpu} readings: a process new in `after` counts whole; one gone by then is left out
 * (pooled connections end when idle, having used nothing since), so the sum never runs backwards.
 */
export function cpuUsedBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let used = 0;
  for (const [pid, millis] of after) used += millis - (before.get(pid) ?? 0);
  return used;
}

/** A process's resident set size in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return Number(kilobytes ?? 0) * 1024;
}

/** Samples a process's RSS every `intervalMs` until stopped; returns the largest value seen. */
export function samplePeakRss(pid: number, intervalMs = 50): () => number {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      clearInterval(timer);
    }
  }, intervalMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssBytes(pid));
  };
}
