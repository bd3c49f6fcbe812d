import DataLoader from 'dataloader';
import { findActorsForIds } from '../actors/actor.queries';
import { type ActorRow } from '../actors/actor.row';
import { type SqlClient } from '../db/sql-client';
import {
  findCitationsByEventIds,
  findCitationsByIds,
  findCitationsBySourceIds,
  type CitationRow,
} from '../events/citation.queries';
import { findEventsByIds } from '../events/event.queries';
import { type EventRow } from '../events/event.row';
import { findParticipationsByEventIds, type ParticipationRow } from '../events/participation.queries';
import { findRelationsByEventIds, type RelationRow } from '../events/relation.queries';
import { findPlacesByIds } from '../places/place.queries';
import { type RevisionRow } from '../history/revision.queries';
import { type ConnectionSource } from '../shared/connection';
import { type PlaceRow } from '../places/place.row';
import { findSourcesByIds } from '../sources/source.queries';
import { type SourceRow } from '../sources/source.row';

/** One row per key, in key order; null where no row has that key (DataLoader's contract). */
function byKey<Row extends { id: string }>(keys: readonly string[], rows: readonly Row[]): (Row | null)[] {
  const rowsById = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => rowsById.get(key) ?? null);
}

/** All rows per key, in key order and in the rows' own order. */
function groupedByKey<Row>(keys: readonly string[], rows: readonly Row[], keyOf: (row: Row) => string): Row[][] {
  const groups = new Map<string, Row[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

function rowLoader<Row extends { id: string }>(
  find: (sql: SqlClient, ids: readonly string[]) => Promise<Row[]>,
  sql: SqlClient,
): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => byKey(ids, await find(sql, ids)), { maxBatchSize: 1000 });
}

function groupLoader<Row>(
  find: (sql: SqlClient, ids: readonly string[]) => Promise<Row[]>,
  keyOf: (row: Row) => string,
  sql: SqlClient,
): DataLoader<string, Row[]> {
  return new DataLoader(async (ids) => groupedByKey(ids, await find(sql, ids), keyOf), { maxBatchSize: 1000 });
}

/**
 * The per-request DataLoaders: every relation the schema exposes is loaded in batches of one SQL
 * statement each, and cached for the request only.
 */
export function createLoaders(sql: SqlClient) {
  return {
    eventById: rowLoader<EventRow>(findEventsByIds, sql),
    /** Actors by id; the id of an actor merged into another gives the survivor. */
    actorById: new DataLoader<string, ActorRow | null>((ids) => findActorsForIds(sql, ids), { maxBatchSize: 1000 }),
    sourceById: rowLoader<SourceRow>(findSourcesByIds, sql),
    placeById: rowLoader<PlaceRow>(findPlacesByIds, sql),
    citationById: rowLoader<CitationRow>(findCitationsByIds, sql),
    participationsByEventId: groupLoader<ParticipationRow>(findParticipationsByEventIds, (row) => row.eventId, sql),
    citationsByEventId: groupLoader<CitationRow>(findCitationsByEventIds, (row) => row.eventId, sql),
    citationsBySourceId: groupLoader<CitationRow>(findCitationsBySourceIds, (row) => row.sourceId, sql),
    relationsByEventId: groupLoader<RelationRow>(findRelationsByEventIds, (row) => row.eventId, sql),
    /** Timeline pages of many actors or sources at once, one loader per distinct set of arguments. */
    scopedTimelines: new Map<string, DataLoader<string, ConnectionSource<EventRow>>>(),
    /** Revision pages of many subjects at once, one loader per subject type and page arguments. */
    revisionPages: new Map<string, DataLoader<string, RevisionRow[]>>(),
    /** Revision counts of many subjects at once, one loader per subject type and instant. */
    revisionCounts: new Map<string, DataLoader<string, number>>(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** The loader under `key` in `registry`, created with `create` the first time it is asked for. */
export function keyedLoader<Value>(
  registry: Map<string, DataLoader<string, Value>>,
  key: string,
  create: () => DataLoader<string, Value>,
): DataLoader<string, Value> {
  let loader = registry.get(key);
  if (!loader) registry.set(key, (loader = create()));
  return loader;
}

/** Forgets everything the request's loaders have cached, so that reads after a write see it. */
export function clearLoaders(loaders: Loaders): void {
  for (const loader of Object.values(loaders)) {
    if (loader instanceof Map) loader.clear();
    else loader.clearAll();
  }
}
