import DataLoader from 'dataloader';
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.type';
import { type SubjectType } from './revision-subject';
import { Event } from '../events/event.type';
import { type RequestContext } from '../graphql/context';
import { keyedLoader } from '../graphql/loaders';
import { badUserInput } from '../graphql/errors';
import { type ConnectionSource } from '../shared/connection';
import { parsePageRequest } from '../shared/page-request';
import { Source } from '../sources/source.type';
import { countRevisions, findRevisionPages, type RevisionRow } from './revision.queries';
import { RevisionConnection } from './revision.type';
import { base64url } from '../shared/base64url';

@ArgsType()
class HistoryArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1..100; default 20.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor the page starts after (older revisions follow).' })
  after?: string | null;
}

const HISTORY_DESCRIPTION =
  'Every recorded change, newest first: who, when, why and which fields changed. With `asOf`, the changes recorded by then.';

const encodeCursor = (revision: number) => base64url(`v1:${revision}`);

function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^v1:([1-9][0-9]{0,8})$/.exec(text);
  if (!match) throw badUserInput('after', `"${cursor.slice(0, 40)}" is not a cursor this history issued.`);
  return Number(match[1]);
}

const batchLoader = <Value>(load: (ids: readonly string[]) => Promise<Value[]>) =>
  new DataLoader<string, Value>(load, { maxBatchSize: 1000 });

function loadHistory(
  type: SubjectType,
  subject: { id: string },
  args: HistoryArgs,
  context: RequestContext,
): Promise<ConnectionSource<RevisionRow>> {
  const { size } = parsePageRequest({ first: args.first });
  const beforeRevision = args.after == null ? null : decodeCursor(args.after);
  const { sql, asOf } = context;
  const pageKey = `${type}:${size}:${beforeRevision}:${asOf?.getTime()}`;
  const pages = keyedLoader(context.loaders.revisionPages, pageKey, () =>
    batchLoader(async (ids) => {
      const rows = await findRevisionPages(sql, ids, { type, limit: size + 1, beforeRevision, asOf });
      return ids.map((id) => rows.filter((row) => row.subjectId === id));
    }),
  );
  const counts = keyedLoader(context.loaders.revisionCounts, `${type}:${asOf?.getTime()}`, () =>
    batchLoader(async (ids) => {
      const byId = await countRevisions(sql, ids, { type, asOf });
      return ids.map((id) => byId.get(id) ?? 0);
    }),
  );
  return pages.load(subject.id).then((fetched) => {
    const rows = fetched.slice(0, size);
    const edges = rows.map((row) => ({ cursor: encodeCursor(row.revision), node: row }));
    return {
      edges,
      nodes: rows,
      pageInfo: {
        hasNextPage: () => fetched.length > size,
        hasPreviousPage: () => beforeRevision !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: () => counts.load(subject.id),
    };
  });
}

/** `Event.history`. */
@Resolver(() => Event)
export class EventHistoryResolver {
  @FieldResolver(() => RevisionConnection, { description: HISTORY_DESCRIPTION })
  history(@Root() event: { id: string }, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() context: RequestContext) {
    return loadHistory('Event', event, args, context);
  }
}

/** `Actor.history`. */
@Resolver(() => Actor)
export class ActorHistoryResolver {
  @FieldResolver(() => RevisionConnection, { description: HISTORY_DESCRIPTION })
  history(@Root() actor: { id: string }, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() context: RequestContext) {
    return loadHistory('Actor', actor, args, context);
  }
}

/** `Source.history`. */
@Resolver(() => Source)
export class SourceHistoryResolver {
  @FieldResolver(() => RevisionConnection, { description: HISTORY_DESCRIPTION })
  history(@Root() source: { id: string }, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() context: RequestContext) {
    return loadHistory('Source', source, args, context);
  }
}
