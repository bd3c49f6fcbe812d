import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import net from 'node:net';
import { spawnTypeScript } from './typescript-process';

/** A log line of the server: pino's JSON, parsed. */
export type LogLine = Record<string, unknown> & { msg: string; time: number };

/** The real server (src/index.ts) running in a process of its own. */
export interface ServerProcess {
  readonly child: ReturnType<typeof spawnTypeScript>;
  /** Settles when the process exits, with its code or signal and when (performance.now()). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** The JSON log lines so far. */
  lines(): LogLine[];
  /** The `msg` of each log line so far. */
  messages(): string[];
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after 20 s, if it is still running; resolves once it has exited. */
  kill(): Promise<void>;
}

/** Starts the server with `env` (LOG_LEVEL info unless `env` says otherwise), its output captured. */
export function spawnServer(env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawnTypeScript(`require('./src/index.ts');`, { LOG_LEVEL: 'info', ...env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  const lines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  return {
    child,
    exited,
    lines,
    messages: () => lines().map((line) => line.msg),
    output: () => output,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Polls `check` every 20 ms until it returns true, failing after `ms`. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`not true within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The PostgreSQL processes (postmaster and children) whose command line names `dir` or that run
 * in a folder under it, as `pgrep -f <dir>` and PostgreSQL's habit of running in its cluster find them.
 */
export function postgresProcessesUnder(dir: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (comm !== 'postgres' || state === 'Z') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      const cwd = readlinkSync(`/proc/${name}/cwd`);
      if (cmdline.includes(dir) || cwd === dir || cwd.startsWith(`${dir}/`)) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
