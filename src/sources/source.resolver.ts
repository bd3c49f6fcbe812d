import { type GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.type';
import { type CitationRow } from '../events/citation.queries';
import { Citation } from '../events/citation.type';
import { planEventSelection, TIMELINE_EVENT_PATHS } from '../events/event-plan';
import { type EventRow } from '../events/event.row';
import { ConnectionArgsType } from '../graphql/connection.args';
import { type RequestContext } from '../graphql/context';
import { type FieldFunctions } from '../graphql/direct-fields';
import { type ConnectionSource } from '../shared/connection';
import { toGlobalId } from '../shared/global-id';
import { findByIdOrSlug } from '../graphql/lookup';
import { EventConnection } from '../timeline/event-connection.type';
import { loadScopedTimeline } from '../timeline/timeline.connection';
import { SourceKind } from './source.enums';
import { findSourceBySlug } from './source.queries';
import { type SourceRow } from './source.row';
import { Source } from './source.type';
import { AsOfArg } from '../as-of/as-of';

/** How Source's computed fields are resolved: by the methods below and directly (see direct-fields.ts). */
export const SOURCE_FIELDS = {
  id: (source: SourceRow) => toGlobalId('Source', source.id),
  sourceKind: (source: SourceRow) => source.kind,
  publisher: (source: SourceRow, _: object, { loaders }: RequestContext) =>
    source.publisherId === null ? null : loaders.actorById.load(source.publisherId),
} satisfies FieldFunctions<SourceRow>;

/** Source lookups and a source's computed fields. */
@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, {
    nullable: true,
    description: 'One source by global id or by slug (exactly one of them); null if there is none.',
  })
  source(
    @Ctx() { loaders, sql }: RequestContext,
    @Arg('id', () => ID, { nullable: true, description: 'The global id of the source.' }) id?: string | null,
    @Arg('slug', () => String, { nullable: true, description: 'The slug of the source.' }) slug?: string | null,
    @AsOfArg() _asOf?: Date | null,
  ): Promise<SourceRow | null> {
    return findByIdOrSlug('Source', id, slug, {
      byId: (rowId) => loaders.sourceById.load(rowId),
      bySlug: (rowSlug) => findSourceBySlug(sql, rowSlug),
    });
  }

  @FieldResolver(() => SourceKind, {
    description:
      'The same as `kind`, under a name of its own: a query on `search` can select `actorKind` and `sourceKind` side by side without aliases, where `kind` on both conflicts (ActorKind! and SourceKind!).',
  })
  sourceKind(@Root() source: SourceRow): keyof typeof SourceKind {
    return SOURCE_FIELDS.sourceKind(source);
  }

  @FieldResolver(() => ID, { description: 'The opaque global id.' })
  id(@Root() source: SourceRow): string {
    return SOURCE_FIELDS.id(source);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'The outlet or body that published it, if known.' })
  publisher(@Root() source: SourceRow, @Ctx() context: RequestContext) {
    return SOURCE_FIELDS.publisher(source, {}, context);
  }

  @FieldResolver(() => [Citation], { description: 'Everything this source is cited for, in event time order.' })
  citations(@Root() source: SourceRow, @Ctx() { loaders }: RequestContext): Promise<CitationRow[]> {
    return loaders.citationsBySourceId.load(source.id);
  }

  @FieldResolver(() => EventConnection, { description: 'The events this source reports, in time order.' })
  events(
    @Root() source: SourceRow,
    @Ctx() context: RequestContext,
    @Args(() => ConnectionArgsType) args: ConnectionArgsType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionSource<EventRow>> {
    const selection = {
      filter: {},
      order: 'CHRONOLOGICAL',
      plan: planEventSelection(info, TIMELINE_EVENT_PATHS),
    } as const;
    return loadScopedTimeline(context, 'source', source.id, selection, args);
  }
}
