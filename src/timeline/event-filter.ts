import { type SqlParams } from '../db/sql-params';
import { type EventKind, type EventStatus } from '../events/event.row';
import { type ParticipantRole } from '../events/participation.queries';

/** A validated timeline filter in database terms; every present constraint must hold. */
export interface EventFilter {
  from?: Date;
  to?: Date;
  actorIds?: string[];
  actorMatch?: 'ANY' | 'ALL';
  role?: ParticipantRole;
  kinds?: EventKind[];
  statuses?: EventStatus[];
  sourceIds?: string[];
  tags?: string[];
  /** ILIKE patterns from {@link parseSearchTerms}; each must match. */
  searchPatterns?: string[];
}

/** A timeline of one actor's or one source's events. */
export type ScopeKind = 'actor' | 'source';

/**
 * One search term over an event: its own text, the names of its participants and of the people
 * and outlets its citations name, its quotes, and (so that 普京 and Putin find the same events)
 * any name or alias of an actor the term matches, mentioned in the event's text or quotes.
 */
function searchCondition(pattern: string): string {
  return `(e.search_text ILIKE ${pattern}
    OR EXISTS (SELECT 1 FROM participation sp JOIN actor sa ON sa.id = sp.actor_id
                WHERE sp.event_id = e.id AND sa.search_text ILIKE ${pattern})
    OR EXISTS (SELECT 1 FROM citation sc LEFT JOIN actor sca ON sca.id IN (sc.speaker_id, sc.attributed_to_id)
                WHERE sc.event_id = e.id
                  AND (sc.quote ILIKE ${pattern} OR sc.note ILIKE ${pattern} OR sca.search_text ILIKE ${pattern}))
    OR EXISTS (SELECT 1 FROM actor ma CROSS JOIN LATERAL unnest(actor_labels(ma.names, ma.aliases)) AS label
                WHERE ma.search_text ILIKE ${pattern}
                  AND (text_mentions(e.search_text, label)
                       OR EXISTS (SELECT 1 FROM citation mc WHERE mc.event_id = e.id AND text_mentions(mc.quote, label)))))`;
}

function actorCondition(filter: EventFilter, params: SqlParams): string | null {
  const roleCondition = filter.role ? ` AND p.role = ${params.add(filter.role)}::participant_role` : '';
  if (!filter.actorIds?.length) {
    return roleCondition ? `EXISTS (SELECT 1 FROM participation p WHERE p.event_id = e.id${roleCondition})` : null;
  }
  const ids = params.add(filter.actorIds);
  if (filter.actorMatch === 'ALL') {
    return `(SELECT count(DISTINCT p.actor_id) FROM participation p
              WHERE p.event_id = e.id AND p.actor_id = ANY(${ids}::bigint[])${roleCondition}) = cardinality(${ids}::bigint[])`;
  }
  return `EXISTS (SELECT 1 FROM participation p WHERE p.event_id = e.id AND p.actor_id = ANY(${ids}::bigint[])${roleCondition})`;
}

/**
 * The condition restricting `event e` to the scope whose id is the SQL expression `idSql` (a
 * placeholder, or a column when many scopes are paged in one statement). In an actor's timeline
 * the filter's `role` is the actor's own role unless the filter names actors of its own.
 */
export function scopeCondition(kind: ScopeKind, idSql: string, filter: EventFilter, params: SqlParams): string {
  if (kind === 'source') {
    return `EXISTS (SELECT 1 FROM citation scope_c WHERE scope_c.event_id = e.id AND scope_c.source_id = ${idSql})`;
  }
  const role =
    filter.role && !filter.actorIds?.length ? ` AND scope_p.role = ${params.add(filter.role)}::participant_role` : '';
  return `EXISTS (SELECT 1 FROM participation scope_p WHERE scope_p.event_id = e.id AND scope_p.actor_id = ${idSql}${role})`;
}

/**
 * SQL conditions over `event e` for `filter`, to be joined with AND. Time is an overlap test:
 * an event matches [from, to) when it starts before `to` and covers time after `from`.
 */
export function eventFilterConditions(filter: EventFilter, params: SqlParams): string[] {
  const conditions: string[] = [];
  if (filter.from) conditions.push(`e.covers_until > ${params.add(filter.from)}`);
  if (filter.to) conditions.push(`e.start_at < ${params.add(filter.to)}`);
  const actors = actorCondition(filter, params);
  if (actors) conditions.push(actors);
  if (filter.kinds?.length) conditions.push(`e.kind = ANY(${params.add(filter.kinds)}::event_kind[])`);
  if (filter.statuses?.length) conditions.push(`e.status = ANY(${params.add(filter.statuses)}::event_status[])`);
  if (filter.sourceIds?.length) {
    conditions.push(
      `EXISTS (SELECT 1 FROM citation c WHERE c.event_id = e.id AND c.source_id = ANY(${params.add(filter.sourceIds)}::bigint[]))`,
    );
  }
  if (filter.tags?.length) conditions.push(`e.tags && ${params.add(filter.tags)}::text[]`);
  for (const pattern of filter.searchPatterns ?? []) conditions.push(searchCondition(params.add(pattern)));
  return conditions;
}
