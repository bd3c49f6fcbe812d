import { type ApolloServer } from '@apollo/server';
import { type GraphQLFormattedError } from 'graphql';
import { type RequestContext } from '../graphql/context';
import { type ExportParams } from './export-params';

/** An event's time as the exports read it: instants in UTC ISO text, local renderings in its zone. */
export interface ExportTime {
  start: string;
  end: string | null;
  until: string;
  precision: 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE';
  timeZone: string;
  local: string;
  localEnd: string | null;
  asWritten: string | null;
  approximate: boolean;
}

/** An actor as the exports name it. */
export interface ExportActor {
  id: string;
  slug: string;
  actorKind: 'PERSON' | 'GOVERNMENT' | 'ORGANIZATION' | 'MEDIA_OUTLET';
  name: string;
}

/** A citation with its source, speaker and the outlet it is attributed to. */
export interface ExportCitation {
  quote: string | null;
  note: string | null;
  speaker: ExportActor | null;
  attributedTo: ExportActor | null;
  source: {
    id: string;
    slug: string;
    sourceKind: 'NEWS_ARTICLE' | 'SOCIAL_POST' | 'INTERVIEW' | 'OFFICIAL_STATEMENT' | 'REPORT';
    title: string;
    url: string | null;
    language: string;
    publishedAt: string | null;
    publisher: ExportActor | null;
  };
}

/** An event whose part an exported event is (PART_OF), for eras and groupings. */
export interface ExportParent {
  id: string;
  slug: string;
  title: string;
  time: ExportTime;
}

/** One event with everything the export formats show, read through the GraphQL API. */
export interface ExportEvent {
  id: string;
  slug: string;
  kind: string;
  status: 'PLANNED' | 'OCCURRED' | 'CANCELLED' | 'POSTPONED';
  title: string;
  summary: string | null;
  tags: string[];
  updatedAt: string;
  time: ExportTime;
  place: { slug: string; name: string; latitude: number | null; longitude: number | null } | null;
  participants: { role: string; actor: ExportActor }[];
  citations: ExportCitation[];
  parents: { event: ExportParent }[];
}

/** A slice of the timeline in its order, and the cursor of the next slice (null at the end). */
export interface ExportSlice {
  events: ExportEvent[];
  nextCursor: string | null;
}

/** Events fetched per GraphQL page: the most `timeline(first:)` takes. */
const PAGE_SIZE = 100;

const TIME_FIELDS = 'start end until precision timeZone local localEnd asWritten approximate';
const ACTOR_FIELDS = 'id slug actorKind name(lang: $lang)';

/**
 * One page of the timeline with what the exports show. It is a GraphQL operation run in-process,
 * so that an export reads exactly what the API reads: the same filter checks, keyset pages,
 * planned relations and DataLoaders, `asOf`, query limits and statement counts.
 */
export const EXPORT_PAGE_QUERY = `query ExportPage($filter: TimelineFilter, $first: Int!, $after: String, $lang: String, $asOf: DateTime) {
  timeline(filter: $filter, first: $first, after: $after, asOf: $asOf) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id slug kind status title(lang: $lang) summary(lang: $lang) tags updatedAt
      time { ${TIME_FIELDS} }
      place { slug name(lang: $lang) latitude longitude }
      participants { role actor { ${ACTOR_FIELDS} } }
      citations {
        quote note
        speaker { ${ACTOR_FIELDS} }
        attributedTo { ${ACTOR_FIELDS} }
        source { id slug sourceKind title url language publishedAt publisher { ${ACTOR_FIELDS} } }
      }
      parents: related(type: PART_OF) { event { id slug title(lang: $lang) time { ${TIME_FIELDS} } } }
    }
  }
}`;

interface PageData {
  timeline: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ExportEvent[] };
}

/** The GraphQL errors of a failed export read, for the HTTP layer to answer with their codes. */
export class ExportQueryError extends Error {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(errors[0]?.message ?? 'The export query failed.');
  }
}

/**
 * Up to `params.first` events of the timeline `params` selects, from `params.after` on, in
 * chronological order, read page by page through `apollo` with `context` (one request's loaders
 * and SQL client). Throws {@link ExportQueryError} with the API's errors when a page fails.
 */
export async function readExportSlice(
  apollo: ApolloServer<RequestContext>,
  context: RequestContext,
  params: ExportParams,
): Promise<ExportSlice> {
  const events: ExportEvent[] = [];
  let after = params.after;
  for (;;) {
    const first = Math.min(PAGE_SIZE, params.first - events.length);
    const variables = { filter: params.filter, first, after, lang: params.lang, asOf: params.asOf };
    const response = await apollo.executeOperation<PageData>(
      { query: EXPORT_PAGE_QUERY, variables },
      { contextValue: context },
    );
    if (response.body.kind !== 'single') throw new Error('an export page must be a single result');
    const { data, errors } = response.body.singleResult;
    if (errors?.length || !data) throw new ExportQueryError(errors ?? []);
    const { nodes, pageInfo } = JSON.parse(JSON.stringify(data.timeline)) as PageData['timeline'];
    events.push(...nodes);
    after = pageInfo.endCursor;
    if (!pageInfo.hasNextPage) return { events, nextCursor: null };
    if (events.length >= params.first) return { events, nextCursor: after };
  }
}
