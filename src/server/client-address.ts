import { type IncomingMessage } from 'node:http';
import { isIP, type Socket } from 'node:net';

/** An address with a port appended, as some proxies write it: `1.2.3.4:5678` or `[::1]:5678`. */
const WITH_PORT = /^(?:\[([^\]]+)\]|(\d{1,3}(?:\.\d{1,3}){3})):\d+$/;

function withoutPort(entry: string): string {
  const match = WITH_PORT.exec(entry);
  return match ? (match[1] ?? match[2] ?? entry) : entry;
}

function hexGroups(part: string): string[] {
  if (part === '') return [];
  return part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group]));
}

/** The /64 network of an IPv6 address: one host usually holds a whole /64, so it counts as one client. */
function ipv6Network(address: string): string {
  const [left = '', right] = (address.split('%')[0] ?? '').split('::');
  const head = hexGroups(left);
  const tail = right === undefined ? [] : hexGroups(right);
  const groups = [...head, ...Array<string>(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** An address as a client key: IPv4 as it is (also when IPv4-mapped), IPv6 as its /64; null if not an IP. */
function normalise(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const address = withoutPort(raw.trim());
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
  if (mapped !== undefined && isIP(mapped) === 4) return mapped;
  switch (isIP(address.split('%')[0] ?? '')) {
    case 4:
      return address;
    case 6:
      return ipv6Network(address);
    default:
      return null;
  }
}

/** The peer address of a connection as a client key (IPv6 by its /64 network); `unknown` once it is gone. */
export function peerAddress(socket: Pick<Socket, 'remoteAddress'>): string {
  return normalise(socket.remoteAddress) ?? 'unknown';
}

/**
 * The address a request is counted against. With `trustedProxies` 0, the peer address of the
 * socket: X-Forwarded-For is ignored, since a client can write anything there. Behind
 * `trustedProxies` reverse proxies, the address the outermost of them saw: the entry that many
 * places from the right of X-Forwarded-For followed by the peer address (the leftmost entry when
 * the header is shorter); an entry that is not an IP address counts as the peer. IPv6 addresses
 * count by their /64 network.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  const peer = peerAddress(req.socket);
  if (trustedProxies <= 0) return peer;
  const forwarded = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const chain = [...entries, peer];
  const entry = chain[Math.max(0, chain.length - 1 - trustedProxies)];
  return normalise(entry) ?? peer;
}
