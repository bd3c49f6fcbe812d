import { standingActorIds } from '../actors/actor.queries';
import { type SqlClient } from '../db/sql-client';
import { type SqlParams } from '../db/sql-params';
import { type EventKind, type EventStatus } from '../events/event.row';
import { type ParticipantRole } from '../events/participation.queries';
import { collectedSearchCondition, eventRowSearchCondition } from '../search/search-conditions';
import { resolveSearch, type SearchEstimates } from '../search/search-estimates';
import { collectionPlan, type SearchTest } from '../search/search-strategy';
import { type SearchTerm } from '../search/search-terms';

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
  /** Search terms from {@link parseSearchTerms}; each must match. */
  searchTerms?: SearchTerm[];
}

/**
 * A filter whose search terms were looked up in the database (see {@link resolveEventFilter}):
 * what statements are built from, so that one request reads a term's actors and labels once.
 */
export interface ResolvedEventFilter extends Omit<EventFilter, 'searchTerms'> {
  /** Never set: an unresolved filter must not pass for a resolved one and lose its search. */
  searchTerms?: never;
  search?: SearchEstimates;
}

/** `filter` with its search terms resolved, in one statement when it has any, none otherwise. */
export async function resolveEventFilter(sql: SqlClient, filter: EventFilter): Promise<ResolvedEventFilter> {
  const { searchTerms, ...rest } = filter;
  return searchTerms?.length ? { ...rest, search: await resolveSearch(sql, searchTerms) } : rest;
}

/**
 * Whether the filter's conditions other than its time window test only each event's own row
 * (kinds, statuses): no index serves those, so a page is best read in time order whatever their
 * values, and its statement can be planned once.
 */
export function testsOnlyEventRows(filter: ResolvedEventFilter): boolean {
  const { from: _from, to: _to, kinds: _kinds, statuses: _statuses, actorMatch: _actorMatch, ...others } = filter;
  return Object.values(others).every((value) => value === undefined || (Array.isArray(value) && value.length === 0));
}

/** A timeline of one actor's or one source's events. */
export type ScopeKind = 'actor' | 'source';

function actorCondition(filter: ResolvedEventFilter, params: SqlParams): string | null {
  const roleCondition = filter.role ? ` AND p.role = ${params.add(filter.role)}::participant_role` : '';
  if (!filter.actorIds?.length) {
    return roleCondition ? `EXISTS (SELECT 1 FROM participation p WHERE p.event_id = e.id${roleCondition})` : null;
  }
  const ids = standingActorIds(params.add(filter.actorIds));
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
export function scopeCondition(kind: ScopeKind, idSql: string, filter: ResolvedEventFilter, params: SqlParams): string {
  if (kind === 'source') {
    return `EXISTS (SELECT 1 FROM citation scope_c WHERE scope_c.event_id = e.id AND scope_c.source_id = ${idSql})`;
  }
  const role = scopeRoleConditions(filter, 'scope_p', params).map((condition) => ` AND ${condition}`);
  return `EXISTS (SELECT 1 FROM participation scope_p WHERE scope_p.event_id = e.id AND scope_p.actor_id = ${idSql}${role.join('')})`;
}

/**
 * In an actor's timeline, the filter's `role` is the actor's own role (on participation
 * `alias`) unless the filter names actors of its own, whose role it is then.
 */
export function scopeRoleConditions(filter: ResolvedEventFilter, alias: string, params: SqlParams): string[] {
  return filter.role && !filter.actorIds?.length
    ? [`${alias}.role = ${params.add(filter.role)}::participant_role`]
    : [];
}

/**
 * SQL conditions over `event e` for `filter`, to be joined with AND. Time is an overlap test:
 * an event matches [from, to) when it starts before `to` and covers time after `from`; the same
 * test on ranges lets the SP-GiST index over the time events cover find a window's events. Without
 * `valuesPlanned`, kinds and statuses are hidden from the planner (SqlParams.addTyped), for a
 * statement planned once whose values PostgreSQL would otherwise plan for (a window's page).
 */
export function eventFilterConditions(
  filter: ResolvedEventFilter,
  params: SqlParams,
  searchTest: SearchTest = 'collected',
  valuesPlanned = true,
): string[] {
  const conditions: string[] = [];
  const from = filter.from ? params.add(filter.from) : null;
  const to = filter.to ? params.add(filter.to) : null;
  if (from) conditions.push(`e.covers_until > ${from}`);
  if (to) conditions.push(`e.start_at < ${to}`);
  if (from || to) {
    conditions.push(
      `tstzrange(e.start_at, e.covers_until) && tstzrange(${from ?? 'NULL'}::timestamptz, ${to ?? 'NULL'}::timestamptz)`,
    );
  }
  const actors = actorCondition(filter, params);
  if (actors) conditions.push(actors);
  if (filter.kinds?.length) {
    conditions.push(`e.kind = ANY(${params.addTyped(filter.kinds, 'event_kind[]', valuesPlanned)})`);
  }
  if (filter.statuses?.length) {
    conditions.push(`e.status = ANY(${params.addTyped(filter.statuses, 'event_status[]', valuesPlanned)})`);
  }
  if (filter.sourceIds?.length) {
    conditions.push(
      `EXISTS (SELECT 1 FROM citation c WHERE c.event_id = e.id AND c.source_id = ANY(${params.add(filter.sourceIds)}::bigint[]))`,
    );
  }
  if (filter.tags?.length) conditions.push(`e.tags && ${params.add(filter.tags)}::text[]`);
  if (filter.search) {
    const { terms } = filter.search;
    conditions.push(
      searchTest === 'perRow'
        ? eventRowSearchCondition('e', terms, params)
        : collectedSearchCondition('e', terms, collectionPlan(filter.search), params),
    );
  }
  return conditions;
}
