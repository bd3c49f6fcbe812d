import { type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type WebSocket } from 'ws';
import { type LiveSubscription, type QueueBudget } from './live-subscription';

/** What the server keeps per socket: its authorization, its queue budget and its subscriptions. */
export class SocketSession implements QueueBudget {
  authorization: string | undefined;
  queued = 0;
  private corked = false;
  operations = 0;
  readonly subscriptions = new Set<LiveSubscription>();

  constructor(
    readonly socket: WebSocket,
    private readonly maxQueued: number,
  ) {}

  take(): boolean {
    this.queued += 1;
    return this.queued <= this.maxQueued;
  }

  give(): void {
    this.queued -= 1;
  }

  /**
   * Holds the socket's writes until the current turn of the event loop is over: a change reaches
   * all of a socket's subscriptions in one turn, so their frames leave in one write instead of one
   * system call each. (ws has no public cork; its own sender corks `_socket` the same way.)
   */
  sending(): void {
    if (this.corked) return;
    const raw = (this.socket as unknown as { _socket?: Socket })._socket;
    if (!raw) return;
    this.corked = true;
    raw.cork();
    setImmediate(() => {
      this.corked = false;
      raw.uncork();
    });
  }

  /** Resolves once every subscription has sent what it had queued and no other operation runs. */
  async drained(): Promise<void> {
    for (;;) {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.whenIdle()));
      if (this.operations <= this.subscriptions.size) return;
      await sleep(10);
    }
  }
}
