import { type FormattedExecutionResult } from 'graphql';
import { counters } from '../shared/metrics';
import { comparePositions, type ChangePosition } from './change-cursor';

/** One message for a subscriber: the result of one change, and where that change stands. */
export interface Delivery {
  readonly position: ChangePosition;
  readonly result: FormattedExecutionResult;
}

/** The messages a socket holds for its slow readers, across its subscriptions. */
export interface QueueBudget {
  /** Counts a message in; false once the socket holds more than it may (the socket is then closed). */
  take(): boolean;
  /** Counts a message out, as it is handed to the socket. */
  give(): void;
  /** Says that messages are on their way now, so that the socket can send them together. */
  sending(): void;
}

/** Replays what a resuming subscriber missed: the next deliveries in order, null once caught up. */
export type Replay = () => Promise<readonly Delivery[] | null>;

/**
 * One subscriber's stream, as graphql-ws pulls it: first what it missed (read lazily, a chunk each
 * time the socket has sent the previous one, so a long replay holds no more than a chunk), then the
 * live deliveries queued meanwhile and after. Whatever stands at or before the last position
 * queued is dropped, so a change reaches the subscriber once however replay and live overlap. Live
 * deliveries wait in a queue counted against the socket's {@link QueueBudget}.
 */
export class LiveSubscription implements AsyncGenerator<FormattedExecutionResult, undefined> {
  private readonly live: Delivery[] = [];
  private replayed: Delivery[] = [];
  private lastQueued: ChangePosition;
  private waiting: ((result: IteratorResult<FormattedExecutionResult, undefined>) => void) | undefined;
  private finished = false;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly endListeners: ((subscription: LiveSubscription) => void)[] = [];

  constructor(
    start: ChangePosition,
    /** The budget of the socket it is sent on. */
    readonly budget: QueueBudget,
    private replay: Replay | undefined,
    ended: (subscription: LiveSubscription) => void,
  ) {
    this.lastQueued = start;
    this.endListeners.push(ended);
  }

  /** Calls `listener` once the stream ends, however it ends. */
  onEnd(listener: (subscription: LiveSubscription) => void): void {
    if (this.finished) listener(this);
    else this.endListeners.push(listener);
  }

  /** Queues a live delivery (dropped when at or before the last one queued); false when over budget. */
  push(delivery: Delivery): boolean {
    if (this.finished || comparePositions(delivery.position, this.lastQueued) <= 0) return true;
    this.lastQueued = delivery.position;
    this.budget.sending();
    if (this.waiting && !this.replay && this.replayed.length === 0) {
      const resolve = this.waiting;
      this.waiting = undefined;
      counters.subscriptionMessages += 1;
      resolve({ value: delivery.result, done: false });
      return true;
    }
    if (!this.budget.take()) return false;
    this.live.push(delivery);
    return true;
  }

  /** Whether everything queued has been handed to the socket and graphql-ws waits for more. */
  get idle(): boolean {
    return this.finished || (this.waiting !== undefined && this.live.length === 0 && !this.replay);
  }

  /** Resolves once {@link idle}. */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async next(): Promise<IteratorResult<FormattedExecutionResult, undefined>> {
    while (!this.finished) {
      const replayed = this.replayed.shift();
      if (replayed) {
        counters.subscriptionMessages += 1;
        return { value: replayed.result, done: false };
      }
      if (this.replay) {
        const chunk = await this.replay();
        if (chunk === null) this.replay = undefined;
        else this.replayed = [...chunk];
        continue;
      }
      const queued = this.live.shift();
      if (queued) {
        this.budget.give();
        counters.subscriptionMessages += 1;
        return { value: queued.result, done: false };
      }
      return new Promise((resolve) => {
        this.waiting = resolve;
        for (const wake of this.idleWaiters.splice(0)) wake();
      });
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<FormattedExecutionResult, undefined>> {
    this.end();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<FormattedExecutionResult, undefined>> {
    this.end();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.end();
  }

  /** Ends the stream: what is queued is dropped, and the pull under way (if any) ends. */
  end(): void {
    if (this.finished) return;
    this.finished = true;
    for (let i = 0; i < this.live.length; i += 1) this.budget.give();
    this.live.length = 0;
    this.replayed = [];
    this.replay = undefined;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
    for (const wake of this.idleWaiters.splice(0)) wake();
    for (const listener of this.endListeners.splice(0)) listener(this);
  }
}
