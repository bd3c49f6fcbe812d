import { execute, type DocumentNode, type FormattedExecutionResult, type GraphQLSchema } from 'graphql';
import { type Pool } from 'pg';
import { createRequestContext, type RequestContext } from '../graphql/context';
import { type EventFilter } from '../timeline/event-filter';
import { comparePositions, type ChangePosition } from './change-cursor';
import { findChangesAfter, findMatchingEvents } from './change-log.queries';
import { type ChangeRow } from './change.row';
import { LiveSubscription, type Delivery, type QueueBudget } from './live-subscription';

/** What a subscription follows: every event of a timeline filter, or one event. */
export type Followed =
  { readonly kind: 'timeline'; readonly filter: EventFilter } | { readonly kind: 'event'; readonly eventId: string };

/**
 * A subscription operation ready to follow: its document and variables, what it follows, and
 * where it starts. Subscriptions with the same {@link key} share one execution per change.
 */
export interface PreparedSubscription {
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variableValues: Readonly<Record<string, unknown>>;
  readonly followed: Followed;
  /** The cursor position given as `after`; null: from the moment of subscribing. */
  readonly after: ChangePosition | null;
  /** The same for every subscription whose results are the same for every change (`after` aside). */
  readonly key: string;
}

/** Subscribers whose results are the same: executed once per change, sent to each. */
interface Group {
  readonly prepared: PreparedSubscription;
  readonly members: Set<LiveSubscription>;
}

/** Formats a result's errors as clients get them (the app's error formatter). */
export type ResultFormatter = (result: { data?: unknown; errors?: readonly Error[] }) => FormattedExecutionResult;

/** Changes a resuming subscriber's replay reads at once. */
const REPLAY_CHUNK = 50;

/** What the hub executes with: the schema, the pool its reads go through, and how results are formatted. */
export interface HubOptions {
  readonly schema: GraphQLSchema;
  readonly pool: Pool;
  readonly format: ResultFormatter;
}

/**
 * The subscribers of one process, grouped by what they receive, and the changes handed to them.
 * {@link dispatch} takes one batch of changes (in commit order) at a time: for each instant it
 * finds which groups each changed event matches (two statements, as of just before the change
 * and as of it, one column per distinct filter, whatever the number of subscribers), executes each
 * group's document once per matching change against a context reading as of the change (its
 * loaders shared by all groups), then queues the same result for every member at once. A
 * subscriber joins between two batches, so it gets a whole batch or none of it, and a resuming one
 * replays from the log up to the last change dispatched before it joined: nothing in between is
 * lost, and nothing is sent twice.
 */
export class SubscriptionHub {
  private readonly groups = new Map<string, Group>();
  private position: ChangePosition;
  private turn: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private overflow: (budget: QueueBudget) => void = () => undefined;

  constructor(
    private readonly options: HubOptions,
    start: ChangePosition,
  ) {
    this.position = start;
  }

  /** How many subscribers follow changes now. */
  get subscribers(): number {
    let count = 0;
    for (const group of this.groups.values()) count += group.members.size;
    return count;
  }

  /** Every change up to here has been dispatched. */
  get dispatched(): ChangePosition {
    return this.position;
  }

  /** Runs `work` after everything queued before it, never alongside another: batches and joins take turns. */
  private inTurn<T>(work: () => Promise<T> | T): Promise<T> {
    const run = this.turn.then(work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** Hands a batch of changes to the subscribers whose filters they match; see the class comment. */
  dispatch(changes: readonly ChangeRow[]): Promise<void> {
    return this.inTurn(async () => {
      if (this.stopped || changes.length === 0) return;
      const groups = [...this.groups.values()];
      const deliveries = groups.length ? await this.deliveriesFor(groups, changes) : new Map<Group, Delivery[]>();
      for (const [group, list] of deliveries) {
        for (const member of group.members) {
          for (const delivery of list) {
            if (member.push(delivery)) continue;
            this.overflow(member.budget);
            break;
          }
        }
      }
      this.position = changes[changes.length - 1]!.position;
    });
  }

  /**
   * A new subscriber of `prepared`, joined between two batches. With `after`, it first replays the
   * changes after it up to the last one dispatched when it joined, reading them as it sends them.
   */
  subscribe(prepared: PreparedSubscription, budget: QueueBudget): Promise<LiveSubscription> {
    return this.inTurn(() => {
      const joinedAt = this.position;
      const after = prepared.after;
      const group = this.groupOf(prepared);
      const replay = after && comparePositions(after, joinedAt) < 0 ? this.replay(group, after, joinedAt) : undefined;
      const subscription = new LiveSubscription(after ?? joinedAt, budget, replay, (ended) => {
        group.members.delete(ended);
        if (group.members.size === 0 && this.groups.get(prepared.key) === group) this.groups.delete(prepared.key);
      });
      group.members.add(subscription);
      return subscription;
    });
  }

  /** Sets where dispatching starts: the position the feed starts after. Call before the first batch. */
  startAt(position: ChangePosition): void {
    this.position = position;
  }

  /** Where a budget that a delivery went over is reported (its socket is to be closed). */
  onOverflow(handler: (budget: QueueBudget) => void): void {
    this.overflow = handler;
  }

  /** Stops dispatching; resolves once a batch under way has been queued. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.turn;
  }

  private groupOf(prepared: PreparedSubscription): Group {
    let group = this.groups.get(prepared.key);
    if (!group) this.groups.set(prepared.key, (group = { prepared, members: new Set() }));
    return group;
  }

  private replay(group: Group, after: ChangePosition, upTo: ChangePosition) {
    let from = after;
    return async (): Promise<readonly Delivery[] | null> => {
      for (;;) {
        const base = createRequestContext(this.options.pool);
        const changes = await findChangesAfter(base.sql, from, REPLAY_CHUNK, upTo);
        if (changes.length === 0) return null;
        from = changes[changes.length - 1]!.position;
        const list = (await this.deliveriesFor([group], changes)).get(group) ?? [];
        if (list.length) return list;
      }
    };
  }

  /** For each of `groups`, the results of the changes it matches, in commit order. */
  private async deliveriesFor(
    groups: readonly Group[],
    changes: readonly ChangeRow[],
  ): Promise<Map<Group, Delivery[]>> {
    const base = createRequestContext(this.options.pool);
    const byInstant = new Map<string, ChangeRow[]>();
    for (const change of changes) {
      const instant = change.recordedAt.toISOString();
      const batch = byInstant.get(instant);
      if (batch) batch.push(change);
      else byInstant.set(instant, [change]);
    }
    const deliveries = new Map<Group, Delivery[]>();
    for (const batch of byInstant.values()) {
      const matched = await this.matches(base, groups, batch);
      const context = base.at(batch[0]!.recordedAt);
      const results = await Promise.all(
        batch.map((change) =>
          Promise.all(
            groups.map((group, index) =>
              matched[index]!(change) ? this.execute(group, change, context) : Promise.resolve(null),
            ),
          ),
        ),
      );
      batch.forEach((change, changeIndex) =>
        groups.forEach((group, index) => {
          const result = results[changeIndex]![index];
          if (!result) return;
          const list = deliveries.get(group);
          const delivery = { position: change.position, result };
          if (list) list.push(delivery);
          else deliveries.set(group, [delivery]);
        }),
      );
    }
    return deliveries;
  }

  /**
   * For each group, whether a change of `batch` (one instant) concerns it: its event matches the
   * group's filter as of just before the change or as of it, so an event that stops matching is
   * sent once more. Filters that need the database are tested in two statements for all groups.
   */
  private async matches(
    base: RequestContext,
    groups: readonly Group[],
    batch: readonly ChangeRow[],
  ): Promise<((change: ChangeRow) => boolean)[]> {
    const filtered = groups.flatMap((group, index) => {
      const { followed } = group.prepared;
      return followed.kind === 'timeline' && Object.keys(followed.filter).some((key) => key !== 'actorMatch')
        ? [{ index, filter: followed.filter }]
        : [];
    });
    const matching = new Map<number, Set<string>>();
    if (filtered.length) {
      const instant = batch[0]!.recordedAt;
      const eventIds = [...new Set(batch.map((change) => change.eventId))];
      const filters = filtered.map(({ filter }) => filter);
      const [before, after] = await Promise.all([
        findMatchingEvents(base.at(new Date(instant.getTime() - 1)).sql, eventIds, filters),
        findMatchingEvents(base.at(instant).sql, eventIds, filters),
      ]);
      filtered.forEach(({ index }, position) =>
        matching.set(index, new Set([...before[position]!, ...after[position]!])),
      );
    }
    return groups.map((group, index) => {
      const { followed } = group.prepared;
      if (followed.kind === 'event') return (change) => change.eventId === followed.eventId;
      const set = matching.get(index);
      return set ? (change) => set.has(change.eventId) : () => true;
    });
  }

  private async execute(group: Group, change: ChangeRow, context: RequestContext): Promise<FormattedExecutionResult> {
    const { document, operationName, variableValues } = group.prepared;
    const result = await execute({
      schema: this.options.schema,
      document,
      operationName,
      variableValues,
      rootValue: change,
      contextValue: context,
    });
    return this.options.format(result);
  }
}
