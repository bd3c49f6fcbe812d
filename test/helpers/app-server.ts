import { type AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';

/** The real app, built as `npm start` builds it, listening on a free port of 127.0.0.1. */
export interface AppServer {
  app: App;
  /** http://127.0.0.1:<port> */
  base: string;
}

/** Builds the app from `env` (LOG_LEVEL silent unless `env` says otherwise) and listens. */
export async function startAppServer(env: NodeJS.ProcessEnv, logger: Logger = pino({ level: 'silent' })) {
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', ...env }), logger);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` } satisfies AppServer;
}

/**
 * Starts an app for the tests of the enclosing block (its `env` is read in beforeAll, after the
 * block's earlier hooks) and closes it after them. Read the returned object's properties inside tests.
 */
export function useAppServer(env: () => NodeJS.ProcessEnv, logger?: Logger): AppServer {
  const running = {} as AppServer;
  beforeAll(async () => {
    Object.assign(running, await startAppServer(env(), logger));
  });
  afterAll(async () => {
    await running.app?.close();
  });
  return running;
}

/** A pino logger at `info` whose lines are parsed into `lines`, for tests that read the log. */
export function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}
