import { type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { ACTOR_FIELD_READS } from '../actors/actor-field-reads';
import { ACTOR_FIELDS, type ActorRow } from '../actors/actor.row';
import { pickFields, type RowFields } from '../db/row-fields';
import { JsonArrayRow, type ValueReader } from '../db/json-array-row';
import { propertiesRead } from '../graphql/planning/field-reads';
import { fieldsSelectedAt, fieldsSelectedOn, type SelectedFields } from '../graphql/planning/selected-fields';
import { SOURCE_FIELD_READS } from '../sources/source-field-reads';
import { SOURCE_FIELDS, SOURCE_INSTANTS, type SourceRow } from '../sources/source.row';
import { CITATION_FIELD_READS } from './citation-field-reads';
import { CITATION_FIELDS, CITATION_INSTANTS, CITATION_ORDER, type CitationRow } from './citation.queries';
import { EVENT_FIELD_READS } from './event-field-reads';
import { EVENT_INSTANTS, EVENT_ROW_FIELDS, type EventRow } from './event.row';
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

/**
 * How one planned relation travels: a row of it and the row it points to, side by side in one JSON
 * array. The pointed-to row's id is not sent: it is the own row's `link` (`actorId`, `sourceId`).
 */
interface PlannedRelationShape {
  own: JsonArrayRow;
  related: JsonArrayRow;
  link: 'actorId' | 'sourceId';
}

/** Event row shapes by plan (see {@link planKey}): each request plans its selection anew, mostly to the same plan. */
const eventRowsOfPlans = new Map<string, JsonArrayRow>();

/** How many plans' shapes are kept; past it the cache starts again, so odd queries cannot grow it. */
const MAX_KEPT_SHAPES = 500;

function propertiesKey(properties: ReadonlySet<string> | null): string {
  return properties ? [...properties].join(',') : '*';
}

function relationKey(relation: RelationPlan | null): string {
  return relation ? `${propertiesKey(relation.own)}>${propertiesKey(relation.related)}` : '-';
}

function planKey({ event, participants, citations }: EventPlan): string {
  return `${propertiesKey(event)}|${relationKey(participants)}|${relationKey(citations)}`;
}

function valuesOf(shape: PlannedRelationShape): string {
  return `json_build_array(${[...shape.own.elements, ...shape.related.elements].join(', ')})`;
}

/**
 * The planned relations of a row of `event e`, each as a JSON array of value arrays (a row and
 * the row it points to, see {@link JsonArrayRow}), in the order the loaders give.
 */
function plannedRelationFields(
  participants: PlannedRelationShape | null,
  citations: PlannedRelationShape | null,
): RowFields {
  const fields: Record<string, string> = {};
  if (participants) {
    fields.plannedParticipations = `array_to_json(ARRAY(SELECT ${valuesOf(participants)}
      FROM participation p JOIN actor a ON a.id = p.actor_id WHERE p.event_id = e.id
      ORDER BY ${PARTICIPATION_ORDER}))`;
  }
  if (citations) {
    fields.plannedCitations = `array_to_json(ARRAY(SELECT ${valuesOf(citations)}
      FROM citation c JOIN source s ON s.id = c.source_id WHERE c.event_id = e.id ORDER BY ${CITATION_ORDER}))`;
  }
  return fields;
}

/** A reader of a planned relation's nested rows, each with the row it points to as `pointer`. */
function relationReader(shape: PlannedRelationShape, pointer: 'plannedActor' | 'plannedSource'): ValueReader {
  const { own, related, link } = shape;
  return (values) =>
    (values as unknown[][]).map((rowValues) => {
      const row = own.read(rowValues);
      row[pointer] = related.read(rowValues, own.width, row[link]);
      return row;
    });
}

function buildEventRow(plan: EventPlan): JsonArrayRow {
  const { participants, citations } = plan;
  const participantShape: PlannedRelationShape | null = participants && {
    own: new JsonArrayRow(pickFields(PARTICIPATION_FIELDS, participants.own)),
    related: new JsonArrayRow(pickFields(ACTOR_FIELDS, participants.related), new Set(), {}, 'id'),
    link: 'actorId',
  };
  const citationShape: PlannedRelationShape | null = citations && {
    own: new JsonArrayRow(pickFields(CITATION_FIELDS, citations.own), CITATION_INSTANTS),
    related: new JsonArrayRow(pickFields(SOURCE_FIELDS, citations.related), SOURCE_INSTANTS, {}, 'id'),
    link: 'sourceId',
  };
  const eventFields = {
    ...pickFields(EVENT_ROW_FIELDS, plan.event),
    ...plannedRelationFields(participantShape, citationShape),
  };
  const readers: Record<string, ValueReader> = {};
  if (participantShape) readers.plannedParticipations = relationReader(participantShape, 'plannedActor');
  if (citationShape) readers.plannedCitations = relationReader(citationShape, 'plannedSource');
  return new JsonArrayRow(eventFields, EVENT_INSTANTS, readers);
}

/**
 * What `plan` reads of a row of `event e`, as one JSON array (`selectItem`, for statements whose
 * rows travel as one JSON value, see json-rows.ts): its event columns, then its relations (read
 * into `plannedParticipations` and `plannedCitations`), each a nested array read once per row the
 * statement returns; PostgreSQL reads them after its sort and LIMIT, so only for the rows of the page.
 */
export function plannedEventRow(plan: EventPlan): JsonArrayRow {
  const key = planKey(plan);
  let row = eventRowsOfPlans.get(key);
  if (!row) {
    if (eventRowsOfPlans.size >= MAX_KEPT_SHAPES) eventRowsOfPlans.clear();
    eventRowsOfPlans.set(key, (row = buildEventRow(plan)));
  }
  return row;
}

/** The event rows of `plan`, with their planned relations, from their JSON arrays (see {@link plannedEventRow}). */
export function readPlannedEvents(plan: EventPlan, rows: readonly (readonly unknown[])[]): EventRow[] {
  const shape = plannedEventRow(plan);
  return rows.map((values) => shape.read(values) as unknown as EventRow);
}

function isWhole(relation: RelationPlan): boolean {
  return relation.own === null && relation.related === null;
}

/** A loader that can be handed a value it would otherwise read. */
interface Primable<Value> {
  prime(key: string, value: Value): unknown;
}

/** The request's loaders that planned relations are handed to (see graphql/loaders). */
export interface PlannedRelationLoaders {
  actorById: Primable<ActorRow>;
  participationsByEventId: Primable<ParticipationRow[]>;
  sourceById: Primable<SourceRow>;
  citationsByEventId: Primable<CitationRow[]>;
}

/**
 * Hands the planned relations of `rows` (read by {@link readPlannedEvents}) to the request's
 * loaders when they are whole rows, so that other fields find them without another statement;
 * rows with only some columns never are, since another field may read a column they lack.
 * Returns `rows`.
 */
export function primePlannedRelations(loaders: PlannedRelationLoaders, plan: EventPlan, rows: EventRow[]): EventRow[] {
  const primeParticipants = plan.participants !== null && isWhole(plan.participants);
  const primeCitations = plan.citations !== null && isWhole(plan.citations);
  if (!primeParticipants && !primeCitations) return rows;
  for (const row of rows) {
    if (primeParticipants && row.plannedParticipations) {
      for (const { plannedActor } of row.plannedParticipations)
        loaders.actorById.prime(plannedActor!.id, plannedActor!);
      loaders.participationsByEventId.prime(row.id, row.plannedParticipations);
    }
    if (primeCitations && row.plannedCitations) {
      for (const { sourceId, plannedSource } of row.plannedCitations)
        loaders.sourceById.prime(sourceId, plannedSource!);
      loaders.citationsByEventId.prime(row.id, row.plannedCitations);
    }
  }
  return rows;
}
