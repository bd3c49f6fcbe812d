import { type GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../graphql/context';
import { type FieldFunctions } from '../graphql/direct-fields';
import { findByIdOrSlug, LANG_ARGUMENT_DESCRIPTION, type LangArgs } from '../graphql/lookup';
import { LocalizedTextType } from '../graphql/localized-text.type';
import { parseSearchTerms } from '../search/search-terms';
import { type ConnectionSource } from '../shared/connection';
import { toGlobalId } from '../shared/global-id';
import { listTexts, pickText } from '../shared/localized-text';
import { planEventSelection, TIMELINE_EVENT_PATHS } from '../events/event-plan';
import { type EventRow } from '../events/event.row';
import { EventConnection } from '../timeline/event-connection.type';
import { parseTimelineFilter } from '../timeline/parse-timeline-filter';
import { TimelineArgs } from '../timeline/timeline.args';
import { loadScopedTimeline } from '../timeline/timeline.connection';
import { ActorConnection } from './actor-connection.type';
import { loadActorConnection } from './actor.connection';
import { ActorKind } from './actor.enums';
import { findActorBySlug } from './actor.queries';
import { type ActorRow } from './actor.row';
import { Actor } from './actor.type';
import { AsOfArg } from '../as-of/as-of';

/** How Actor's computed fields are resolved: by the methods below and directly (see direct-fields.ts). */
export const ACTOR_FIELDS = {
  id: (actor: ActorRow) => toGlobalId('Actor', actor.id),
  name: (actor: ActorRow, { lang }: LangArgs) => pickText(actor.names, actor.originalLanguage, lang) ?? actor.slug,
  names: (actor: ActorRow) => listTexts(actor.names, actor.originalLanguage),
  actorKind: (actor: ActorRow) => actor.kind,
  description: (actor: ActorRow, { lang }: LangArgs) =>
    pickText(actor.descriptions, actor.originalLanguage, lang) ?? Object.values(actor.descriptions)[0] ?? null,
} satisfies FieldFunctions<ActorRow>;

/** Actor lookups, the actor directory, and an actor's computed fields. */
@Resolver(() => Actor)
export class ActorResolver {
  @Query(() => Actor, {
    nullable: true,
    description: 'One actor by global id or by slug (exactly one of them); null if there is none.',
  })
  async actor(
    @Ctx() { loaders, sql }: RequestContext,
    @Arg('id', () => ID, { nullable: true, description: 'The global id of the actor.' }) id?: string | null,
    @Arg('slug', () => String, { nullable: true, description: 'The slug of the actor.' }) slug?: string | null,
    @AsOfArg() _asOf?: Date | null,
  ): Promise<ActorRow | null> {
    return findByIdOrSlug('Actor', id, slug, {
      byId: (rowId) => loaders.actorById.load(rowId),
      bySlug: (rowSlug) => findActorBySlug(sql, rowSlug),
    });
  }

  @Query(() => ActorConnection, {
    description: 'The actor directory ordered by slug, optionally searched by name or alias in any language.',
  })
  actors(
    @Ctx() { sql }: RequestContext,
    @Arg('search', () => String, {
      nullable: true,
      description: 'Words that must all occur in a name, alias or slug (普京 or Putin).',
    })
    search?: string | null,
    @Arg('kind', () => ActorKind, { nullable: true, description: 'Only actors of this kind.' })
    kind?: keyof typeof ActorKind | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1..100; default 20.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor the page starts after.' }) after?: string | null,
    @AsOfArg() _asOf?: Date | null,
  ): Promise<ConnectionSource<ActorRow>> {
    const terms = search ? parseSearchTerms(search, 'search') : [];
    return loadActorConnection(sql, { terms, kind: kind ?? undefined }, first, after);
  }

  @FieldResolver(() => ID, { description: 'The opaque global id.' })
  id(@Root() actor: ActorRow): string {
    return ACTOR_FIELDS.id(actor);
  }

  @FieldResolver(() => ActorKind, {
    description:
      'The same as `kind`, under a name of its own: a query on `search` can select `actorKind` and `sourceKind` side by side without aliases, where `kind` on both conflicts (ActorKind! and SourceKind!).',
  })
  actorKind(@Root() actor: ActorRow): keyof typeof ActorKind {
    return ACTOR_FIELDS.actorKind(actor);
  }

  @FieldResolver(() => String, { description: 'The name in lang, falling back to the original language.' })
  name(
    @Root() actor: ActorRow,
    @Arg('lang', () => String, { nullable: true, description: LANG_ARGUMENT_DESCRIPTION }) lang?: string | null,
  ): string {
    return ACTOR_FIELDS.name(actor, { lang });
  }

  @FieldResolver(() => [LocalizedTextType], { description: 'The name in every language, the original language first.' })
  names(@Root() actor: ActorRow): LocalizedTextType[] {
    return ACTOR_FIELDS.names(actor);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'A short description in lang, falling back to the original language, then to any language.',
  })
  description(
    @Root() actor: ActorRow,
    @Arg('lang', () => String, { nullable: true, description: LANG_ARGUMENT_DESCRIPTION }) lang?: string | null,
  ): string | null {
    return ACTOR_FIELDS.description(actor, { lang });
  }

  @FieldResolver(() => EventConnection, {
    description:
      "The events this actor takes part in, as a timeline. The filter's `role` is this actor's role unless the filter names actors of its own.",
  })
  timeline(
    @Root() actor: ActorRow,
    @Ctx() context: RequestContext,
    @Args(() => TimelineArgs) args: TimelineArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionSource<EventRow>> {
    const selection = {
      filter: parseTimelineFilter(args.filter),
      order: args.order ?? 'CHRONOLOGICAL',
      plan: planEventSelection(info, TIMELINE_EVENT_PATHS),
    } as const;
    return loadScopedTimeline(context, 'actor', actor.id, selection, args);
  }
}
