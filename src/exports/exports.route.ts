import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type ApolloServer } from '@apollo/server';
import { type GraphQLFormattedError } from 'graphql';
import { type Pool } from 'pg';
import { type ReadRoute } from '../db/replicas/read-route';
import { DEADLINE_PASSED, REQUEST_TIMEOUT, requestTimeoutError, withRequestDeadline } from '../db/request-deadline';
import { createRequestContext, type RequestContext } from '../graphql/context';
import { type HttpCache } from '../server/http-cache';
import { HttpError } from '../server/http-error';
import { ExportQueryError, readExportSlice, type ExportEvent } from './export-events.query';
import { badParameter, parseExportParams, type ExportParams } from './export-params';
import { toEventsIcs } from './events-ics.export';
import { toEventsJsonLd } from './events-jsonld.export';
import { toTimelineJs } from './timelinejs.export';
import { toVisTimeline } from './vis-timeline.export';

/** What the export routes need of the server. */
export interface ExportDependencies {
  apollo: ApolloServer<RequestContext>;
  pool: Pool;
  httpCache: HttpCache;
  /** An export still reading after this many ms is answered 503 REQUEST_TIMEOUT; no limit without it. */
  requestTimeoutMs?: number;
}

interface ExportFormat {
  contentType: string;
  /** Query parameters this format takes beyond the common ones. */
  extraParams: readonly string[];
  render(events: readonly ExportEvent[], params: ExportParams): string;
}

const NAME = 'Annals timeline';

/** The export formats by path. */
export const EXPORT_FORMATS: Readonly<Record<string, ExportFormat>> = {
  '/export/timelinejs.json': {
    contentType: 'application/json; charset=utf-8',
    extraParams: [],
    render: (events, { lang }) => JSON.stringify(toTimelineJs(events, lang, NAME)),
  },
  '/export/vis-timeline.json': {
    contentType: 'application/json; charset=utf-8',
    extraParams: ['groupBy'],
    render: (events, { groupBy, lang }) => JSON.stringify(toVisTimeline(events, groupBy, lang)),
  },
  '/export/events.jsonld': {
    contentType: 'application/ld+json; charset=utf-8',
    extraParams: [],
    render: (events) => JSON.stringify(toEventsJsonLd(events, NAME)),
  },
  '/export/events.ics': {
    contentType: 'text/calendar; charset=utf-8',
    extraParams: [],
    render: (events, { lang }) => toEventsIcs(events, lang, NAME),
  },
};

/** The parameter a GraphQL error is about: its `argument`, or the variable a coercion error names. */
function argumentOf(error: GraphQLFormattedError): string {
  const argument = error.extensions?.argument;
  if (typeof argument === 'string') return argument;
  return /Variable "\$(\w+)"/.exec(error.message)?.[1] ?? 'filter';
}

/** The HTTP answer to the API's errors: 400 for bad input, 503 for outages and timeouts. */
function httpErrorOf(error: ExportQueryError): Error {
  const [first] = error.errors;
  const code = first?.extensions?.code;
  if (code === 'BAD_USER_INPUT') return badParameter(argumentOf(first!), first!.message);
  if (code === 'SERVICE_UNAVAILABLE' || code === 'QUERY_TIMEOUT') {
    return new HttpError(503, code, first!.message, { retryAfter: 1 }, { 'retry-after': '1' });
  }
  return error;
}

/** The URL of the next slice, for the Link header. */
function nextLink(url: URL, cursor: string): string {
  const next = new URL(url);
  next.searchParams.set('after', cursor);
  return `<${next.pathname}${next.search}>; rel="next"`;
}

/**
 * Answers GET `/export/<format>`: the timeline that `filter` (a TimelineFilter as JSON), `lang`
 * and `asOf` select, at most `first` events (1000, the most) from the cursor `after` on, read
 * through the GraphQL API in-process (on `route`: a replica when there are, as GraphQL reads) and written as TimelineJS 3 JSON, vis-timeline items and
 * groups, schema.org JSON-LD or iCalendar. More events are linked with `Link: <…>; rel="next"`.
 * Answers carry a weak ETag over the request and the data version (304 on If-None-Match, after
 * one SQL statement). Bad parameters are 400 BAD_USER_INPUT naming the parameter; other methods 405.
 */
export async function handleExport(
  deps: ExportDependencies,
  route: ReadRoute,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const format = EXPORT_FORMATS[url.pathname];
  if (!format) {
    throw new HttpError(
      404,
      'NOT_FOUND',
      `No export at ${url.pathname}; see ${Object.keys(EXPORT_FORMATS).join(', ')}.`,
    );
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Exports are read with GET.', {}, { allow: 'GET, HEAD' });
  }
  const params = parseExportParams(url.searchParams, format.extraParams);
  const cache = await deps.httpCache.checkResource(req, url, route.pool);
  if (cache.notModified) {
    res.writeHead(304, deps.httpCache.resourceHeaders(cache));
    return void res.end();
  }
  const context = createRequestContext(deps.pool, undefined, route);
  const slice = await withRequestDeadline(deps.requestTimeoutMs, () =>
    readExportSlice(deps.apollo, context, params).catch((error: unknown) => {
      throw error instanceof ExportQueryError ? httpErrorOf(error) : error;
    }),
  );
  if (slice === DEADLINE_PASSED) {
    throw new HttpError(503, REQUEST_TIMEOUT, requestTimeoutError(deps.requestTimeoutMs ?? 0).message);
  }
  const body = format.render(slice.events, params);
  res.writeHead(200, {
    'content-type': format.contentType,
    'content-length': String(Buffer.byteLength(body)),
    ...deps.httpCache.resourceHeaders(cache),
    ...(slice.nextCursor ? { link: nextLink(url, slice.nextCursor) } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
