import { expectGlobalId } from '../shared/global-id';
import { notFound, SUBJECT_TABLE, type SubjectType } from './revision-log';
import { type Write } from './write-transaction';

/** A global id given in the input, the type it must be, and where it was given. */
export interface Reference {
  type: SubjectType;
  globalId: string;
  argument: string;
}

/**
 * The database ids of `references`, in order, each checked to exist: a malformed id or one of
 * another type is BAD_USER_INPUT, an unknown one NOT_FOUND, each naming its input path. An actor
 * merged into another resolves to the survivor. One statement per type.
 */
export async function resolveReferences(write: Write, references: readonly Reference[]): Promise<string[]> {
  const ids = references.map((reference) => expectGlobalId(reference.globalId, reference.type, reference.argument));
  const resolved = new Map<string, string>();
  for (const type of ['Event', 'Actor', 'Source'] as const) {
    const wanted = [...new Set(ids.filter((_, index) => references[index]!.type === type))];
    if (!wanted.length) continue;
    const redirect =
      type === 'Actor'
        ? `LEFT JOIN actor_merge m ON m.merged_id = wanted.id
           JOIN actor t ON t.id = coalesce(m.survivor_id, wanted.id)`
        : `JOIN ${SUBJECT_TABLE[type]} t ON t.id = wanted.id`;
    const rows = await write.sql.query<{ wanted: string; id: string }>(
      `SELECT wanted.id::text AS wanted, t.id::text AS id FROM unnest($1::bigint[]) AS wanted(id) ${redirect}`,
      [wanted],
    );
    for (const row of rows) resolved.set(`${type}:${row.wanted}`, row.id);
  }
  return references.map((reference, index) => {
    const id = resolved.get(`${reference.type}:${ids[index]}`);
    if (!id) throw notFound(reference.type, reference.argument);
    return id;
  });
}
