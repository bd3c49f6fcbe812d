import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type CorsOrigins } from '../config';

/** The stable code of a request refused for the page origin it comes from. */
export const CORS_ORIGIN_NOT_ALLOWED = 'CORS_ORIGIN_NOT_ALLOWED';

/** Methods a cross-origin page may use; GET and POST are GraphQL over HTTP's. */
const ALLOWED_METHODS = 'GET, POST, OPTIONS';

/** Request headers a cross-origin page may send: what GraphQL clients send, and the token. */
const ALLOWED_HEADERS = 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id';

/** Response headers a cross-origin page may read besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = 'x-request-id, etag, retry-after';

/** How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours). */
export const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** What {@link CorsPolicy.apply} did with a request. */
export type CorsOutcome =
  /** A preflight (or a bare OPTIONS), answered completely. */
  | 'answered'
  /** The request goes on to its route, with whatever CORS headers it needs already set. */
  | 'continue'
  /** A token-bearing request from an origin that is not allowed: answer it 403 {@link CORS_ORIGIN_NOT_ALLOWED}. */
  | 'refused';

function originOf(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  return origin === undefined || origin === '' ? undefined : origin;
}

/** Adds `value` to the response's Vary header, keeping what is there. */
export function appendVary(res: ServerResponse, value: string): void {
  const current = res.getHeader('vary');
  const names = (typeof current === 'string' ? current.split(',') : [])
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (!names.some((name) => name.toLowerCase() === value.toLowerCase())) names.push(value);
  res.setHeader('vary', names.join(', '));
}

/**
 * The one place that decides which browser pages may use the API (CORS_ORIGINS): every HTTP route
 * and the WebSocket upgrade ask it. A page of the server's own origin (its Origin's host is the
 * request's Host) is always allowed; so is a request without an Origin, which no browser page
 * sends cross-origin.
 */
export class CorsPolicy {
  private readonly listed: ReadonlySet<string>;

  constructor(private readonly origins: CorsOrigins) {
    this.listed = new Set(origins === '*' ? [] : origins);
  }

  /** Whether anything beyond the server's own origin is allowed, so that answers vary by Origin. */
  get crossOrigin(): boolean {
    return this.origins === '*' || this.listed.size > 0;
  }

  /** Whether the page origin of `req` (its Origin header) may use the API. */
  allows(req: IncomingMessage): boolean {
    const origin = originOf(req);
    if (origin === undefined || this.lists(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }

  private lists(origin: string): boolean {
    return this.origins === '*' || this.listed.has(origin.toLowerCase());
  }

  /**
   * Answers a preflight before anything else (CSRF prevention included): 204 with the allowed
   * methods, headers, `Access-Control-Max-Age` and `Vary: Origin` for an allowed origin, 403
   * {@link CORS_ORIGIN_NOT_ALLOWED} for another. For any other request from an allowed origin, sets
   * `Access-Control-Allow-Origin` (the origin itself: tokens travel in headers, never cookies, so no
   * credentials are allowed); a token-bearing one from another origin is refused.
   */
  apply(req: IncomingMessage, res: ServerResponse): CorsOutcome {
    if (this.crossOrigin) appendVary(res, 'Origin');
    const origin = originOf(req);
    const allowed = this.allows(req);
    if (req.method === 'OPTIONS') {
      const preflight = req.headers['access-control-request-method'] !== undefined;
      if (preflight && (origin === undefined || !allowed)) return 'refused';
      appendVary(res, 'Origin');
      const headers: Record<string, string> = { allow: ALLOWED_METHODS, 'content-length': '0' };
      if (preflight && origin !== undefined) {
        Object.assign(headers, {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': ALLOWED_METHODS,
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
        });
      }
      res.writeHead(204, headers);
      res.end();
      return 'answered';
    }
    if (origin === undefined) return 'continue';
    if (!allowed) return req.headers.authorization === undefined ? 'continue' : 'refused';
    // The server's own pages need no CORS headers; leaving them out keeps its answers Origin-free.
    if (!this.lists(origin)) return 'continue';
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    return 'continue';
  }
}

/** The message of a {@link CORS_ORIGIN_NOT_ALLOWED} refusal. */
export function corsRefusalMessage(req: IncomingMessage): string {
  const origin = (originOf(req) ?? '(none)').slice(0, 200);
  return `Pages from ${origin} may not use this API; the server's CORS_ORIGINS does not list that origin.`;
}
