import { type Logger } from '../logger';

/** How many addresses a line names at most. */
const SAMPLE_ADDRESSES = 5;

interface Tally {
  count: number;
  reasons: Record<string, number>;
  addresses: Set<string>;
}

/**
 * A warning for events that can come in floods, such as connections refused under attack: the
 * first after a quiet spell of `intervalMs` is logged at once; later ones are counted and logged as
 * one line per `intervalMs`, with `count`, counts by reason and up to five of the addresses. So
 * there are at most two lines per interval, whatever the rate of events.
 */
export function throttledWarning(
  logger: Logger,
  message: string,
  intervalMs = 10_000,
): (reason: string, address: string) => void {
  let quietUntil = 0;
  let pending: Tally | null = null;
  let timer: NodeJS.Timeout | undefined;
  const log = (tally: Tally) =>
    logger.warn({ count: tally.count, reasons: tally.reasons, addresses: [...tally.addresses], intervalMs }, message);
  const flush = () => {
    timer = undefined;
    if (!pending) return;
    log(pending);
    pending = null;
    quietUntil = performance.now() + intervalMs;
  };
  return (reason, address) => {
    const now = performance.now();
    if (!pending && now >= quietUntil) {
      log({ count: 1, reasons: { [reason]: 1 }, addresses: new Set([address]) });
      quietUntil = now + intervalMs;
      return;
    }
    if (!pending) pending = { count: 0, reasons: {}, addresses: new Set() };
    pending.count += 1;
    pending.reasons[reason] = (pending.reasons[reason] ?? 0) + 1;
    if (pending.addresses.size < SAMPLE_ADDRESSES) pending.addresses.add(address);
    timer ??= setTimeout(flush, Math.max(0, quietUntil - now)).unref();
  };
}
