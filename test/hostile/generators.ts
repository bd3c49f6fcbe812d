/** A labelled value a generator produced: the label goes into the test name. */
export interface Labelled<T> {
  label: string;
  value: T;
}

/** A deterministic pseudo-random generator (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** `count` byte strings of 1..`maxLength` bytes drawn from `seed`. */
export function seededBytes(seed: number, count: number, maxLength: number): Buffer[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () =>
    Buffer.from(Array.from({ length: 1 + Math.floor(random() * maxLength) }, () => Math.floor(random() * 256))),
  );
}

/** `text` in URL-safe base64 without padding, as Annals encodes cursors and ids. */
export const base64url = (text: string | Buffer): string =>
  (typeof text === 'string' ? Buffer.from(text, 'utf8') : text).toString('base64url');

/** A label for a value in a test name: quoted, control characters escaped, long values summarised. */
export function describeValue(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value) ?? String(value);
  const escaped = JSON.stringify(value).slice(1, -1);
  return escaped.length > 48 ? `"${escaped.slice(0, 24)}…" (${value.length} chars)` : `"${escaped}"`;
}

/** Base64 of `text`, labelled with the text it hides. */
const hidden = (text: string): Labelled<string> => ({
  label: `base64 of ${describeValue(text)}`,
  value: base64url(text),
});

/** Labelled as themselves. */
const plain = (value: string): Labelled<string> => ({ label: describeValue(value), value });

/**
 * Strings no Annals decoder accepts as a cursor or a global id: non-base64 text, padding,
 * standard-base64 characters, NUL, huge values, base64 of other shapes and of invalid UTF-8, and
 * seeded random bytes.
 */
export function malformedTokens(): Labelled<string>[] {
  return [
    plain(''),
    plain('!!!'),
    plain('not a cursor'),
    plain('ZTE6MTox=='),
    plain('ZTE+MTo/MQ'),
    plain('ZTE6MTox\u0000'),
    plain('日本語'),
    plain('🎉'),
    { label: '"A" × 100,000', value: 'A'.repeat(100_000) },
    { label: 'base64 of 10,000 digits', value: base64url(`e1:1:${'1'.repeat(10_000)}`) },
    hidden('x:1'),
    hidden("' OR 1=1 --"),
    hidden('{"id":1}'),
    { label: 'base64 of bytes ff fe 00', value: base64url(Buffer.from([0xff, 0xfe, 0x00])) },
    ...seededBytes(5, 3, 24).map((bytes) => ({
      label: `base64 of seeded bytes ${bytes.toString('hex').slice(0, 16)}`,
      value: base64url(bytes),
    })),
  ];
}

/** Timeline cursors forged by hand: the right prefix with wrong parts, and other lists' cursors. */
export function forgedEventCursors(): Labelled<string>[] {
  return [
    hidden('e1:abc:1'),
    hidden('e1:1:0'),
    hidden('e1:1:-1'),
    hidden('e1:1:01'),
    hidden('e1:1:9223372036854775808'),
    hidden('e1:1:99999999999999999999'),
    hidden('e1:1.5:1'),
    hidden('e1::1'),
    hidden('e1:1'),
    hidden('e1:1:1:1'),
    hidden('e2:1:1'),
    hidden('E1:1:1'),
    hidden('e1:-999999999999999:1'),
    hidden('e1:8640000000000001:1'),
    hidden('e1:1: 1'),
    hidden('a1:vladimir-putin'),
    hidden('v1:1'),
    hidden('Event:1'),
  ];
}

/** Actor-list and history cursors forged by hand. */
export function forgedListCursors(): Labelled<string>[] {
  return [
    hidden('a1:'),
    hidden('a1:Vladimir-Putin'),
    hidden("a1:x' OR '1'='1"),
    hidden('a1:%'),
    hidden('v1:0'),
    hidden('v1:-1'),
    hidden('v1:9999999999'),
    hidden('e1:1679000000000:1'),
  ];
}

/**
 * Global ids no decoder accepts: forged `Event:0`, negative, bigint overflow, fractions, leading
 * zeros, unknown or lower-case types, raw `Type:id` text, and everything in {@link malformedTokens}.
 */
export function malformedGlobalIds(): Labelled<string>[] {
  return [
    hidden('Event:0'),
    hidden('Event:-1'),
    hidden('Event:9223372036854775808'),
    hidden('Event:99999999999999999999'),
    hidden('Event:1.5'),
    hidden('Event:01'),
    hidden('Event: 1'),
    hidden('Event:1e3'),
    hidden('event:1'),
    hidden('Planet:1'),
    hidden('Event:'),
    hidden(':1'),
    hidden('Event:1:2'),
    hidden('Event:1\u0000'),
    plain('Event:1'),
    ...malformedTokens(),
  ];
}
