import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';

/** A server the bench started as a child process. */
export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  readonly baseUrl: string;
  /** Reads a counter from the server's Prometheus `/metrics`; NaN when the server has none. */
  metric(name: string): Promise<number>;
  /** SIGTERM, then waits for the exit; rejects if the process does not exit cleanly. */
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

async function waitUntilReady(
  child: ChildProcess,
  url: string,
  readyStatus: number,
  name: string,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).status === readyStatus) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not ready within 120 s:\n${output()}`);
}

/**
 * Starts `node <script>` (a path in the compiled tree, or an absolute one) with `env`, on a free port, and waits until
 * `readyPath` answers `readyStatus` (200 unless given). `nodeArgs` go before the script (e.g. --cpu-prof); `onLine` gets each line it prints.
 */
export async function startServerProcess(
  name: string,
  script: string,
  env: Record<string, string>,
  {
    readyPath,
    readyStatus = 200,
    nodeArgs = [],
    onLine,
  }: { readyPath: string; readyStatus?: number; nodeArgs?: string[]; onLine?: (line: string) => void },
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, path.resolve(__dirname, '..', '..', script)], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keeper = () => {
    let partial = '';
    return (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-20_000);
      if (!onLine) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines) onLine(line);
    };
  };
  child.stdout!.on('data', keeper());
  child.stderr!.on('data', keeper());
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(child, `${baseUrl}${readyPath}`, readyStatus, name, () => output);
  return {
    name,
    pid: child.pid!,
    baseUrl,
    async metric(metricName) {
      const text = await (await fetch(`${baseUrl}/metrics`)).text();
      const match = new RegExp(`^${metricName} (\\S+)$`, 'm').exec(text);
      return match ? Number(match[1]) : NaN;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      if (code !== 0) throw new Error(`${name} exited with ${code}:\n${output}`);
    },
  };
}
