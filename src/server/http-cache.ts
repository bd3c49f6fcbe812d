import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { type IncomingMessage } from 'node:http';
import path from 'node:path';
import { type Pool } from 'pg';
import { CountingSqlClient, PLAN_ONCE, type SqlClient } from '../db/sql-client';
import { printSortedSchema } from '../graphql/schema';

/** What the validators of cacheable responses depend on, besides the request itself. */
export interface HttpCacheOptions {
  /** Where the data version is read (`SELECT version FROM data_version`). */
  readonly pool: Pool;
  /** Differs between builds whose responses may differ; see {@link buildTag}. */
  readonly buildTag: string;
  /** How long a cache may reuse a response without revalidating it, in seconds (CACHE_MAX_AGE). */
  readonly maxAgeSeconds: number;
}

/** The outcome of checking one request against the cache validators, before the operation runs. */
export interface CacheCheck {
  /** The ETag a successful response to this request gets; null when the request is not a cacheable read. */
  readonly etag: string | null;
  /** True when the client already holds the response for `etag`: answer 304 without executing. */
  readonly notModified: boolean;
}

const NOT_CACHEABLE: CacheCheck = { etag: null, notModified: false };
const NO_STORE = { 'cache-control': 'no-store' };
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

class NotCacheable extends Error {}

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sha256(text: string, encoding: 'hex' | 'base64url'): string {
  return createHash('sha256').update(text).digest(encoding);
}

/** JSON with object keys sorted at every level, so equal values give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (!isRecord(value)) return JSON.stringify(value);
  const members = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
  return `{${members.join(',')}}`;
}

function param(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new NotCacheable();
  return values[0];
}

function jsonParam(params: URLSearchParams, name: string): JsonRecord | undefined {
  const raw = param(params, name);
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new NotCacheable();
  }
  if (!isRecord(value)) throw new NotCacheable();
  return value;
}

function persistedQueryHash(extensions: JsonRecord | undefined): string | undefined {
  const persisted = extensions?.persistedQuery;
  if (persisted === undefined) return undefined;
  if (!isRecord(persisted) || persisted.version !== 1 || typeof persisted.sha256Hash !== 'string') {
    throw new NotCacheable();
  }
  return persisted.sha256Hash;
}

/** The document's APQ hash, whether the request sends the query text, the hash, or both. */
function documentHash(query: string | undefined, extensions: JsonRecord | undefined): string {
  const sent = persistedQueryHash(extensions);
  if (query === undefined) {
    if (sent === undefined) throw new NotCacheable();
    return sent;
  }
  const computed = sha256(query, 'hex');
  if (query === '' || (sent !== undefined && sent !== computed)) throw new NotCacheable();
  return computed;
}

/** Whether Apollo accepts the GET at all: its CSRF prevention and its content-type rule for GET. */
function passesApolloGetChecks(req: IncomingMessage): boolean {
  const contentType = req.headers['content-type'];
  if (contentType !== undefined) return contentType.split(';')[0]!.trim().toLowerCase() === 'application/json';
  return PREFLIGHT_HEADERS.some((name) => Boolean(req.headers[name]));
}

/** What the response depends on, parameter order and JSON key order aside; throws NotCacheable. */
function requestKey(req: IncomingMessage, url: URL): string {
  if (req.method !== 'GET' || !passesApolloGetChecks(req)) throw new NotCacheable();
  const params = url.searchParams;
  const extensions = jsonParam(params, 'extensions');
  const { persistedQuery: _persistedQuery, ...otherExtensions } = extensions ?? {};
  return canonicalJson({
    document: documentHash(param(params, 'query'), extensions),
    operationName: param(params, 'operationName') ?? null,
    variables: jsonParam(params, 'variables') ?? null,
    extensions: otherExtensions,
    accept: req.headers.accept ?? null,
  });
}

function opaqueTag(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}

/** The weak comparison If-None-Match calls for: any listed tag equal to `etag`, W/ prefixes ignored. */
function isHeldByClient(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((tag) => opaqueTag(tag) === opaqueTag(etag));
}

function hasNoErrors(body: string): boolean {
  try {
    const result: unknown = JSON.parse(body);
    return isRecord(result) && result.errors === undefined;
  } catch {
    return false;
  }
}

function addTree(hash: Hash, directory: string): void {
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const entryPath = path.join(directory, entry.name);
    if (entry.isDirectory()) addTree(hash, entryPath);
    else if (/\.(js|ts|json)$/.test(entry.name)) hash.update(entry.name).update(readFileSync(entryPath));
  }
}

/**
 * A hash of the printed schema and of the running code (every module under `src/`), so that no
 * cache validates a response of another build. Stable across processes of the same build.
 */
export function buildTag(codeRoot = path.resolve(__dirname, '..')): string {
  const hash = createHash('sha256').update(printSortedSchema());
  addTree(hash, codeRoot);
  return hash.digest('hex').slice(0, 16);
}

/**
 * HTTP caching of GraphQL reads: weak ETags for GET requests, derived from the request (query or
 * persisted-query hash, operation name, variables, extensions, Accept), the build tag and the
 * data version, so that revalidation costs one small SQL statement and no GraphQL execution.
 */
export class HttpCache {
  constructor(private readonly options: HttpCacheOptions) {}

  /**
   * Computes the ETag of `req` from the data version as it is now, before the operation runs, so
   * that a write during execution can only make the tag older, never wrongly newer. Sends one SQL
   * statement for a cacheable GET, none otherwise; if the version cannot be read, the request is
   * treated as not cacheable. The version is read from `pool`, the server that will answer the
   * request (a replica or the primary), so the tag describes the data that answer reads: the data
   * version replicates with the data it versions.
   */
  async check(req: IncomingMessage, url: URL, pool: Pool = this.options.pool): Promise<CacheCheck> {
    if (req.method !== 'GET') return NOT_CACHEABLE;
    let key: string;
    try {
      key = requestKey(req, url);
    } catch (error) {
      if (error instanceof NotCacheable) return NOT_CACHEABLE;
      throw error;
    }
    return this.checkKey(req, key, pool);
  }

  /**
   * {@link check} for a GET whose response depends on `req`'s path and query parameters (in any
   * order) and its Accept header only, such as an export: one SQL statement for the data version.
   */
  checkResource(req: IncomingMessage, url: URL, pool: Pool = this.options.pool): Promise<CacheCheck> {
    if (req.method !== 'GET') return Promise.resolve(NOT_CACHEABLE);
    const params = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return this.checkKey(req, canonicalJson({ path: url.pathname, params, accept: req.headers.accept ?? null }), pool);
  }

  /**
   * The caching headers of a complete, successful answer to a request checked with
   * {@link checkResource} (or of its 304): ETag, Cache-Control and Vary, or `no-store` when the
   * request was not cacheable.
   */
  resourceHeaders(check: CacheCheck): Record<string, string> {
    if (check.etag === null) return NO_STORE;
    return { etag: check.etag, 'cache-control': this.cacheControl(), vary: 'Accept' };
  }

  private async checkKey(req: IncomingMessage, key: string, pool: Pool): Promise<CacheCheck> {
    const version = await this.dataVersion(new CountingSqlClient(pool));
    if (version === null) return NOT_CACHEABLE;
    const etag = `W/"${sha256(`${this.options.buildTag}\n${version}\n${key}`, 'base64url')}"`;
    return { etag, notModified: isHeldByClient(req, etag) };
  }

  /**
   * The caching headers for a response with `status` and, when complete, `body`: ETag,
   * Cache-Control and Vary for a 304 or for a 200 without `errors` to a cacheable request;
   * `Cache-Control: no-store` for everything else (POST, errors, streamed or uncacheable requests).
   */
  headersFor(check: CacheCheck, status: number, body?: string): Record<string, string> {
    if (check.etag === null) return NO_STORE;
    const cacheable = status === 304 || (status === 200 && body !== undefined && hasNoErrors(body));
    return cacheable ? this.resourceHeaders(check) : NO_STORE;
  }

  private cacheControl(): string {
    const { maxAgeSeconds } = this.options;
    return maxAgeSeconds > 0 ? `public, max-age=${maxAgeSeconds}, must-revalidate` : 'public, no-cache';
  }

  private async dataVersion(sql: SqlClient): Promise<string | null> {
    try {
      const rows = await sql.query<{ version: string }>('SELECT version FROM data_version', [], PLAN_ONCE);
      return rows[0]?.version ?? null;
    } catch {
      return null;
    }
  }
}
