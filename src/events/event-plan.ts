import { type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { ACTOR_FIELD_READS } from '../actors/actor-field-reads';
import { ACTOR_FIELDS } from '../actors/actor.row';
import { jsonObject, pickFields, selectList } from '../db/row-fields';
import { type Loaders } from '../graphql/loaders';
import { propertiesRead } from '../graphql/planning/field-reads';
import { fieldsSelectedAt, fieldsSelectedOn, type SelectedFields } from '../graphql/planning/selected-fields';
import { SOURCE_FIELD_READS } from '../sources/source-field-reads';
import { SOURCE_FIELDS, reviveSource } from '../sources/source.row';
import { CITATION_FIELD_READS } from './citation-field-reads';
import { CITATION_FIELDS, CITATION_ORDER, reviveCitation, type CitationRow } from './citation.queries';
import { EVENT_FIELD_READS } from './event-field-reads';
import { EVENT_ROW_FIELDS, type EventRow } from './event.row';
import { PARTICIPATION_FIELD_READS } from './participation-field-reads';
import { PARTICIPATION_FIELDS, PARTICIPATION_ORDER, type ParticipationRow } from './participation.queries';

/** The properties to read of a relation's own rows and of the rows they point to; null: the whole rows. */
export interface RelationPlan {
  own: ReadonlySet<string> | null;
  related: ReadonlySet<string> | null;
}

/**
 * What a statement giving events reads, planned from the query's selection: the event columns the
 * selected fields read, and the participants (with their actors) and citations (with their sources)
 * to fetch in the same statement, each with only the columns their selected fields read.
 */
export interface EventPlan {
  /** Event row properties; null: the whole row. */
  event: ReadonlySet<string> | null;
  /** Participations with their actors, when selected. */
  participants: RelationPlan | null;
  /** Citations with their sources, when selected. */
  citations: RelationPlan | null;
}

/** Whole event rows and no relations: what loaders and unplanned statements read. */
export const WHOLE_EVENTS: EventPlan = { event: null, participants: null, citations: null };

/** An event row carrying its planned relations as JSON (rows with their planned actor or source), before they are attached to it. */
export type EventRowWithPlanned = EventRow & {
  participantsJson?: ParticipationRow[];
  citationsJson?: CitationRow[];
};

/** Where a connection of events has its events: `edges { node }` and `nodes`. */
export const TIMELINE_EVENT_PATHS = [['edges', 'node'], ['nodes']];

/** Every event row carries these: the page's keys and cursors need them, and the Node interface its type. */
const EVENT_ALWAYS = ['__typename', 'id', 'startAt'] as const;

function objectType(info: GraphQLResolveInfo, name: string): GraphQLObjectType {
  return info.schema.getType(name) as GraphQLObjectType;
}

function relationPlan(
  info: GraphQLResolveInfo,
  selected: SelectedFields,
  field: string,
  own: { type: string; reads: Readonly<Record<string, readonly string[]>>; always: readonly string[] },
  related: { field: string; type: string; reads: Readonly<Record<string, readonly string[]>> },
): RelationPlan | null {
  const nodes = selected.get(field);
  if (!nodes) return null;
  const ownFields = fieldsSelectedOn(nodes, objectType(info, own.type), info);
  const relatedNodes = ownFields.get(related.field) ?? [];
  const relatedFields = fieldsSelectedOn(relatedNodes, objectType(info, related.type), info);
  return {
    own: propertiesRead(own.reads, own.always, ownFields.keys()),
    related: propertiesRead(related.reads, ['__typename', 'id'], relatedFields.keys()),
  };
}

/**
 * The plan for the events an operation selects under `paths` below the field being resolved (e.g.
 * {@link TIMELINE_EVENT_PATHS}, or `[[]]` for a list of nodes): the event columns its selected
 * fields read, and its participants and citations with the columns theirs read. A field whose
 * reads are not declared makes that row whole.
 */
export function planEventSelection(info: GraphQLResolveInfo, paths: readonly (readonly string[])[]): EventPlan {
  const selected = fieldsSelectedAt(info, paths, objectType(info, 'Event'));
  if (!selected) return WHOLE_EVENTS;
  return {
    event: propertiesRead(EVENT_FIELD_READS, EVENT_ALWAYS, selected.keys()),
    participants: relationPlan(
      info,
      selected,
      'participants',
      { type: 'Participation', reads: PARTICIPATION_FIELD_READS, always: ['actorId', 'role'] },
      { field: 'actor', type: 'Actor', reads: ACTOR_FIELD_READS },
    ),
    // `sources` reads the citations through the loaders, so they are planned whole and handed to them.
    citations: selected.has('sources')
      ? { own: null, related: null }
      : relationPlan(
          info,
          selected,
          'citations',
          { type: 'Citation', reads: CITATION_FIELD_READS, always: ['__typename', 'id', 'sourceId'] },
          { field: 'source', type: 'Source', reads: SOURCE_FIELD_READS },
        ),
  };
}

/** The select list of the event columns `plan` reads, from `event e`. */
export function plannedEventColumns(plan: EventPlan): string {
  return selectList(pickFields(EVENT_ROW_FIELDS, plan.event));
}

/**
 * Select-list items adding the planned relations to rows of `rowsAlias` (an event row with an
 * `id` column) as JSON arrays, in the same order as the loaders give them.
 */
function plannedRelationColumns(plan: EventPlan, rowsAlias: string): string[] {
  const columns: string[] = [];
  const { participants, citations } = plan;
  if (participants) {
    const participation = jsonObject({
      ...pickFields(PARTICIPATION_FIELDS, participants.own),
      plannedActor: jsonObject(pickFields(ACTOR_FIELDS, participants.related)),
    });
    columns.push(`(SELECT coalesce(json_agg(${participation} ORDER BY ${PARTICIPATION_ORDER}), '[]')
      FROM participation p JOIN actor a ON a.id = p.actor_id WHERE p.event_id = ${rowsAlias}.id) AS "participantsJson"`);
  }
  if (citations) {
    const citationFields = pickFields(CITATION_FIELDS, citations.own);
    const readsEvent = Object.values(citationFields).some((expression) => expression.includes('e.'));
    const citation = jsonObject({
      ...citationFields,
      plannedSource: jsonObject(pickFields(SOURCE_FIELDS, citations.related)),
    });
    columns.push(`(SELECT coalesce(json_agg(${citation} ORDER BY ${CITATION_ORDER}), '[]')
      FROM citation c JOIN source s ON s.id = c.source_id ${readsEvent ? 'JOIN event e ON e.id = c.event_id' : ''}
      WHERE c.event_id = ${rowsAlias}.id) AS "citationsJson"`);
  }
  return columns;
}

/**
 * `pageSql` (a statement giving event rows) with the relations `plan` fetches added to each row, in
 * `orderBySql` (an ORDER BY over `page`, or '' when the order does not matter); `pageSql` itself
 * when it fetches none.
 */
export function withPlannedRelations(pageSql: string, plan: EventPlan, orderBySql = ''): string {
  const columns = plannedRelationColumns(plan, 'page');
  if (!columns.length) return pageSql;
  return `SELECT page.*, ${columns.join(', ')} FROM (${pageSql}) AS page ${orderBySql}`;
}

function isWhole(relation: RelationPlan): boolean {
  return relation.own === null && relation.related === null;
}

/**
 * Attaches the relations fetched with `rows` as planned relations of the rows, in place (resolved without a
 * promise). Whole rows are handed to the request's loaders too, so that other fields find them
 * without another statement; rows with only some columns never are, since another field may read
 * a column they lack.
 */
export function attachPlannedRelations(loaders: Loaders, plan: EventPlan, rows: EventRowWithPlanned[]): EventRow[] {
  const primeParticipants = plan.participants !== null && isWhole(plan.participants);
  const primeCitations = plan.citations !== null && isWhole(plan.citations);
  for (const row of rows) {
    const { participantsJson: participations, citationsJson: citations } = row;
    if (participations) {
      delete row.participantsJson;
      row.plannedParticipations = participations;
      if (primeParticipants) {
        for (const { plannedActor } of participations) loaders.actorById.prime(plannedActor!.id, plannedActor!);
        loaders.participationsByEventId.prime(row.id, participations);
      }
    }
    if (citations) {
      delete row.citationsJson;
      for (const citation of citations) {
        reviveCitation(citation);
        reviveSource(citation.plannedSource!);
        if (primeCitations) loaders.sourceById.prime(citation.sourceId, citation.plannedSource!);
      }
      row.plannedCitations = citations;
      if (primeCitations) loaders.citationsByEventId.prime(row.id, citations);
    }
  }
  return rows;
}
