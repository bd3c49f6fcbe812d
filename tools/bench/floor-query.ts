/** A global id as `toGlobalId` writes it, computed in SQL. */
function globalId(type: string, idSql: string): string {
  return `translate(encode(convert_to('${type}:' || ${idSql}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

/** An instant as `Date.prototype.toISOString` writes it. */
function isoInstant(sql: string): string {
  return `to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A timeline cursor as `encodeEventCursor` writes it. */
function cursor(alias: string): string {
  return `translate(encode(convert_to('e1:' || (extract(epoch FROM ${alias}.start_at) * 1000)::bigint || ':' || ${alias}.id, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

const LOCAL_TIME = `left(to_char(s.start_at AT TIME ZONE s.time_zone, 'YYYY-MM-DD"T"HH24:MI'),
  CASE s.precision WHEN 'YEAR' THEN 4 WHEN 'MONTH' THEN 7 WHEN 'DAY' THEN 10 WHEN 'HOUR' THEN 13 ELSE 16 END)`;

/**
 * The floor of the benchmark: the whole JSON response of the W1/W2 timeline page, built by
 * PostgreSQL in one hand-written statement. $1 page size, $2/$3 the `after` cursor's time and id
 * (or nulls). Produces the same JSON value as the GraphQL server does for that page.
 */
export const FLOOR_TIMELINE_PAGE = `
WITH page AS (
  SELECT e.id, e.start_at, e.end_at, e.kind, e.status, e.precision, e.time_zone, e.titles, e.original_language
    FROM event e
   WHERE $2::timestamptz IS NULL OR (e.start_at, e.id) > ($2::timestamptz, $3::bigint)
   ORDER BY e.start_at, e.id
   LIMIT $1::int + 1
), shown AS (
  SELECT * FROM page ORDER BY start_at, id LIMIT $1::int
)
SELECT json_build_object('data', json_build_object('timeline', json_build_object(
  'edges', coalesce((SELECT json_agg(json_build_object(
      'cursor', ${cursor('s')},
      'node', json_build_object(
        'id', ${globalId('Event', 's.id')},
        'title', s.titles ->> s.original_language,
        'kind', s.kind,
        'status', s.status,
        'time', json_build_object('start', ${isoInstant('s.start_at')}, 'end', ${isoInstant('s.end_at')},
                                  'precision', s.precision, 'timeZone', s.time_zone, 'local', ${LOCAL_TIME}),
        'participants', coalesce((
          SELECT json_agg(json_build_object('role', p.role, 'actor', json_build_object(
                   'id', ${globalId('Actor', 'a.id')}, 'name', a.names ->> a.original_language))
                 ORDER BY p.position, p.role, p.actor_id)
            FROM participation p JOIN actor a ON a.id = p.actor_id WHERE p.event_id = s.id), '[]'),
        'citations', coalesce((
          SELECT json_agg(json_build_object('quote', c.quote, 'source', json_build_object(
                   'id', ${globalId('Source', 'so.id')}, 'title', so.title, 'url', so.url))
                 ORDER BY c.position, c.id)
            FROM citation c JOIN source so ON so.id = c.source_id WHERE c.event_id = s.id), '[]')))
    ORDER BY s.start_at, s.id) FROM shown s), '[]'),
  'pageInfo', json_build_object(
    'hasNextPage', (SELECT count(*) FROM page) > $1::int,
    'endCursor', (SELECT ${cursor('s')} FROM shown s ORDER BY s.start_at DESC, s.id DESC LIMIT 1))
)))::text AS body`;
