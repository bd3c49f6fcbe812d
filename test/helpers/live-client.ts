import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client on the app's /graphql socket, closed by {@link LiveClient.close}. */
export interface LiveClient {
  readonly client: Client;
  /** The close code and reason the socket ended with, once it has. */
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** One subscription's messages as they arrive. */
export interface Collected {
  readonly results: ExecutionResult<Record<string, any>>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is inspected loosely
  readonly errors: unknown[];
  completed: boolean;
  /** Resolves once `count` results have arrived (fails after `ms`). */
  until(count: number, ms?: number): Promise<ExecutionResult<Record<string, any>>[]>; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  /** Resolves once the subscription ended with an error (fails after `ms`). */
  failed(ms?: number): Promise<unknown>;
  stop(): void;
}

/** Opens a client to `base` (http://…), sending `authorization` in connection_init and `origin` on the upgrade. */
export function liveClient(base: string, { authorization, origin }: { authorization?: string; origin?: string } = {}) {
  let settle: (value: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (settle = resolve));
  class OriginSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, origin ? { headers: { origin } } : {});
    }
  }
  const client = createClient({
    url: `${base.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: OriginSocket,
    connectionParams: authorization ? { authorization } : undefined,
    retryAttempts: 0,
    lazy: true,
    lazyCloseTimeout: 0,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        settle({ code, reason: String(reason) });
      },
    },
  });
  return {
    client,
    closed,
    close: async () => {
      await client.dispose();
    },
  } satisfies LiveClient;
}

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`${what} not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Subscribes with `query` and `variables` and collects what arrives. */
export function collect(live: LiveClient, query: string, variables: Record<string, unknown> = {}): Collected {
  const collected = {
    results: [],
    errors: [],
    completed: false,
  } as unknown as Collected & { results: unknown[]; errors: unknown[] };
  const stop = live.client.subscribe(
    { query, variables },
    {
      next: (result) => collected.results.push(result),
      error: (error) => collected.errors.push(error),
      complete: () => (collected.completed = true),
    },
  );
  collected.stop = stop;
  collected.until = async (count, ms = 5_000) => {
    await waitFor(() => collected.results.length >= count, ms, `${count} results (got ${collected.results.length})`);
    return collected.results.slice(0, count);
  };
  collected.failed = async (ms = 5_000) => {
    await waitFor(() => collected.errors.length > 0, ms, 'an error');
    return collected.errors[0];
  };
  return collected;
}
