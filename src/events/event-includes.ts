import { type GraphQLResolveInfo } from 'graphql';
import { jsonObject } from '../db/row-fields';
import { ACTOR_FIELDS, type ActorRow } from '../actors/actor.row';
import { type Loaders } from '../graphql/loaders';
import { isPathSelected } from '../graphql/selection';
import { SOURCE_FIELDS, sourceFromJson, type SourceRow } from '../sources/source.row';
import { CITATION_FIELDS, CITATION_ORDER, citationFromJson, type CitationRow } from './citation.queries';
import { type EventRow } from './event.row';
import { PARTICIPATION_FIELDS, PARTICIPATION_ORDER, type ParticipationRow } from './participation.queries';

/** Relations fetched in the same statement as a page of events, because the query shows them. */
export interface EventIncludes {
  /** Participations with their actors. */
  participants: boolean;
  /** Citations with their sources. */
  citations: boolean;
}

/** An event row carrying its included relations as JSON, before they are handed to the loaders. */
export type EventRowWithIncludes = EventRow & {
  participantsJson?: { participation: ParticipationRow; actor: ActorRow }[];
  citationsJson?: { citation: CitationRow; source: SourceRow }[];
};

/** Where a connection of events has its events: `edges { node }` and `nodes`. */
export const TIMELINE_EVENT_PATHS = [['edges', 'node'], ['nodes']];

/**
 * Which relations of the events under `connectionPaths` (e.g. `['edges', 'node']`) the operation
 * selects, so that they can be fetched with the page instead of by a loader afterwards.
 */
export function selectedEventIncludes(info: GraphQLResolveInfo, connectionPaths: readonly string[][]): EventIncludes {
  const selected = (field: string) => connectionPaths.some((path) => isPathSelected(info, [...path, field]));
  return { participants: selected('participants'), citations: selected('citations') || selected('sources') };
}

/**
 * Select-list items adding the included relations to rows of `rowsAlias` (an event row with an
 * `id` column) as JSON arrays, in the same order as the loaders give them.
 */
function includedRelationColumns(includes: EventIncludes | undefined, rowsAlias: string): string[] {
  const columns: string[] = [];
  if (includes?.participants) {
    columns.push(`(SELECT coalesce(json_agg(json_build_object(
        'participation', ${jsonObject(PARTICIPATION_FIELDS)}, 'actor', ${jsonObject(ACTOR_FIELDS)})
        ORDER BY ${PARTICIPATION_ORDER}), '[]')
      FROM participation p JOIN actor a ON a.id = p.actor_id WHERE p.event_id = ${rowsAlias}.id) AS "participantsJson"`);
  }
  if (includes?.citations) {
    columns.push(`(SELECT coalesce(json_agg(json_build_object(
        'citation', ${jsonObject(CITATION_FIELDS)}, 'source', ${jsonObject(SOURCE_FIELDS)})
        ORDER BY ${CITATION_ORDER}), '[]')
      FROM citation c JOIN source s ON s.id = c.source_id JOIN event e ON e.id = c.event_id
      WHERE c.event_id = ${rowsAlias}.id) AS "citationsJson"`);
  }
  return columns;
}

/**
 * `pageSql` (a statement giving event rows) with the relations in `include` added to each row, in
 * `orderBySql` (an ORDER BY over `page`, or '' when the order does not matter); `pageSql` itself
 * when nothing is included.
 */
export function withIncludedRelations(pageSql: string, include: EventIncludes | undefined, orderBySql = ''): string {
  const columns = includedRelationColumns(include, 'page');
  if (!columns.length) return pageSql;
  return `SELECT page.*, ${columns.join(', ')} FROM (${pageSql}) AS page ${orderBySql}`;
}

/**
 * Turns the relations included in `rows` into planned relations of the rows (resolved without a
 * promise) and hands them to the request's loaders too, so that other fields find them without
 * another statement.
 */
export function primeIncludedRelations(loaders: Loaders, rows: readonly EventRowWithIncludes[]): EventRow[] {
  return rows.map(({ participantsJson, citationsJson, ...row }) => {
    if (participantsJson) {
      row.plannedParticipations = participantsJson.map(({ participation, actor }) => {
        loaders.actorById.prime(actor.id, actor);
        return { ...participation, plannedActor: actor };
      });
      loaders.participationsByEventId.prime(row.id, row.plannedParticipations);
    }
    if (citationsJson) {
      row.plannedCitations = citationsJson.map(({ citation, source }) => {
        const plannedSource = sourceFromJson(source);
        loaders.sourceById.prime(source.id, plannedSource);
        return { ...citationFromJson(citation), plannedSource };
      });
      loaders.citationsByEventId.prime(row.id, row.plannedCitations);
    }
    return row;
  });
}
