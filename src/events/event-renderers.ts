import { ACTOR_FIELDS } from '../actors/actor.row';
import { globalIdSql, localTimeSql } from '../graphql/rendering/json-sql';
import { instant, property, rowOf, textInLang } from '../graphql/rendering/field-renderers';
import { type TypeRenderers } from '../graphql/rendering/render-selection';
import { SOURCE_FIELDS } from '../sources/source.row';
import { CITATION_FIELDS, CITATION_ORDER } from './citation.queries';
import { PARTICIPATION_FIELDS, PARTICIPATION_ORDER } from './participation.queries';

const PARTICIPATION_ROW = rowOf(PARTICIPATION_FIELDS);
const CITATION_ROW = rowOf(CITATION_FIELDS);
const ACTOR_ROW = rowOf(ACTOR_FIELDS);
const SOURCE_ROW = rowOf(SOURCE_FIELDS);

/** A JSON array of `element` over the rows of `from`, in `order`; `[]` when there are none. */
function arrayOf(element: string | null, from: string, order: string): string | null {
  return element && `coalesce((SELECT json_agg(${element} ORDER BY ${order}) ${from}), '[]'::json)`;
}

/** Event's fields as SQL over an event row (see graphql/rendering), mirroring event.resolver.ts. */
export const EVENT_RENDERERS: TypeRenderers = {
  id: (row) => globalIdSql('Event', row('id')),
  slug: property('slug'),
  originalLanguage: property('originalLanguage'),
  kind: property('kind'),
  status: property('status'),
  tags: property('tags'),
  createdAt: instant('createdAt'),
  updatedAt: instant('updatedAt'),
  revision: property('revision'),
  title: (row, field) => `coalesce(${textInLang(row, field, 'titles')}, ${row('slug')})`,
  summary: (row, field) => textInLang(row, field, 'summaries'),
  time: (row, field) => field.object(row),
  participants: (row, { args, params, object }) => {
    const role = typeof args.role === 'string' ? ` AND p.role = ${params.add(args.role)}` : '';
    return arrayOf(
      object(PARTICIPATION_ROW),
      `FROM participation p JOIN actor a ON a.id = p.actor_id WHERE p.event_id = ${row('id')}${role}`,
      PARTICIPATION_ORDER,
    );
  },
  citations: (row, { object }) =>
    arrayOf(
      object(CITATION_ROW),
      `FROM citation c JOIN source s ON s.id = c.source_id WHERE c.event_id = ${row('id')}`,
      CITATION_ORDER,
    ),
};

/** EventTime's fields as SQL over the event row it is read from (toEventTime in event-time.ts). */
export const EVENT_TIME_RENDERERS: TypeRenderers = {
  start: instant('startAt'),
  end: instant('endAt'),
  until: instant('coversUntil'),
  precision: property('precision'),
  timeZone: property('timeZone'),
  asWritten: property('timeAsWritten'),
  approximate: property('timeApproximate'),
  local: (row) => localTimeSql(row('startLocal'), row('precision')),
  localEnd: (row) => localTimeSql(row('endLocal'), row('precision')),
};

/** Participation's fields as SQL over `participation p` joined with its `actor a`. */
export const PARTICIPATION_RENDERERS: TypeRenderers = {
  role: property('role'),
  note: property('note'),
  actor: (_row, { object }) => object(ACTOR_ROW),
};

/** Citation's fields as SQL over `citation c` joined with its `source s`. */
export const CITATION_RENDERERS: TypeRenderers = {
  id: (row) => globalIdSql('Citation', row('id')),
  quote: property('quote'),
  note: property('note'),
  source: (_row, { object }) => object(SOURCE_ROW),
};
