import { type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { ACTOR_FIELD_READS } from '../actors/actor-field-reads';
import { ACTOR_FIELDS, type ActorRow } from '../actors/actor.row';
import { pickFields, selectList } from '../db/row-fields';
import { JsonArrayRow } from '../db/json-array-row';
import { propertiesRead } from '../graphql/planning/field-reads';
import { fieldsSelectedAt, fieldsSelectedOn, type SelectedFields } from '../graphql/planning/selected-fields';
import { SOURCE_FIELD_READS } from '../sources/source-field-reads';
import { SOURCE_FIELDS, reviveSource, type SourceRow } from '../sources/source.row';
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

/** An event row carrying its planned relations as JSON arrays of values (see {@link JsonArrayRow}), before they are attached to it. */
export type EventRowWithPlanned = EventRow & {
  participantValues?: unknown[][];
  citationValues?: unknown[][];
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

/** How one planned relation travels: a row of it and the row it points to, side by side in one JSON array. */
interface PlannedRelationShape {
  own: JsonArrayRow;
  related: JsonArrayRow;
}

interface PlannedShapes {
  participants: PlannedRelationShape | null;
  citations: PlannedRelationShape | null;
}

const shapesOfPlans = new WeakMap<EventPlan, PlannedShapes>();

function plannedShapes(plan: EventPlan): PlannedShapes {
  let shapes = shapesOfPlans.get(plan);
  if (!shapes) {
    const { participants, citations } = plan;
    shapes = {
      participants: participants && {
        own: new JsonArrayRow(pickFields(PARTICIPATION_FIELDS, participants.own)),
        related: new JsonArrayRow(pickFields(ACTOR_FIELDS, participants.related)),
      },
      citations: citations && {
        own: new JsonArrayRow(pickFields(CITATION_FIELDS, citations.own)),
        related: new JsonArrayRow(pickFields(SOURCE_FIELDS, citations.related)),
      },
    };
    shapesOfPlans.set(plan, shapes);
  }
  return shapes;
}

function valuesOf(shape: PlannedRelationShape): string {
  return `json_build_array(${[...shape.own.elements, ...shape.related.elements].join(', ')})`;
}

/**
 * Select-list items adding the planned relations to rows of `event e`, each as a JSON array of
 * value arrays (a row and the row it points to, see {@link JsonArrayRow}), in the order the loaders give.
 */
function plannedRelationColumns(plan: EventPlan): string[] {
  const columns: string[] = [];
  const { participants, citations } = plannedShapes(plan);
  if (participants) {
    columns.push(`array_to_json(ARRAY(SELECT ${valuesOf(participants)}
      FROM participation p JOIN actor a ON a.id = p.actor_id WHERE p.event_id = e.id
      ORDER BY ${PARTICIPATION_ORDER})) AS "participantValues"`);
  }
  if (citations) {
    columns.push(`array_to_json(ARRAY(SELECT ${valuesOf(citations)}
      FROM citation c JOIN source s ON s.id = c.source_id WHERE c.event_id = e.id ORDER BY ${CITATION_ORDER})) AS "citationValues"`);
  }
  return columns;
}

function readRelation<Row, Related>(
  shape: PlannedRelationShape,
  values: unknown[][],
  attach: (row: Row, related: Related) => void,
): Row[] {
  return values.map((rowValues) => {
    const row = shape.own.read(rowValues) as Row;
    attach(row, shape.related.read(rowValues, shape.own.width) as Related);
    return row;
  });
}

/**
 * The select list of what `plan` reads from `event e`: its event columns, then its relations, each
 * a column (see {@link EventRowWithPlanned}) read once per row the statement returns; PostgreSQL
 * reads them after its sort and LIMIT, so only for the rows of the page.
 */
export function plannedEventColumns(plan: EventPlan): string {
  return [selectList(pickFields(EVENT_ROW_FIELDS, plan.event)), ...plannedRelationColumns(plan)].join(', ');
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
 * Attaches the relations fetched with `rows` as planned relations of the rows, in place (resolved without a
 * promise). Whole rows are handed to the request's loaders too, so that other fields find them
 * without another statement; rows with only some columns never are, since another field may read
 * a column they lack.
 */
export function attachPlannedRelations(
  loaders: PlannedRelationLoaders,
  plan: EventPlan,
  rows: EventRowWithPlanned[],
): EventRow[] {
  const shapes = plannedShapes(plan);
  const primeParticipants = plan.participants !== null && isWhole(plan.participants);
  const primeCitations = plan.citations !== null && isWhole(plan.citations);
  for (const row of rows) {
    const { participantValues, citationValues } = row;
    if (participantValues && shapes.participants) {
      delete row.participantValues;
      const participations = readRelation<ParticipationRow, ActorRow>(
        shapes.participants,
        participantValues,
        (participation, actor) => (participation.plannedActor = actor),
      );
      row.plannedParticipations = participations;
      if (primeParticipants) {
        for (const { plannedActor } of participations) loaders.actorById.prime(plannedActor!.id, plannedActor!);
        loaders.participationsByEventId.prime(row.id, participations);
      }
    }
    if (citationValues && shapes.citations) {
      delete row.citationValues;
      const citations = readRelation<CitationRow, SourceRow>(shapes.citations, citationValues, (citation, source) => {
        reviveCitation(citation);
        citation.plannedSource = reviveSource(source);
        if (primeCitations) loaders.sourceById.prime(citation.sourceId, citation.plannedSource);
      });
      row.plannedCitations = citations;
      if (primeCitations) loaders.citationsByEventId.prime(row.id, citations);
    }
  }
  return rows;
}
