import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.type';
import { type RequestContext } from '../graphql/context';
import { type FieldFunctions } from '../graphql/direct-fields';
import { type ParticipationRow } from './participation.queries';
import { Participation } from './participation.type';

/** How Participation's actor is resolved: by the method below and directly (see direct-fields.ts). */
export const PARTICIPATION_FIELDS = {
  actor: (participation: ParticipationRow, _: object, { loaders }: RequestContext) =>
    participation.plannedActor ?? loaders.actorById.load(participation.actorId),
} satisfies FieldFunctions<ParticipationRow>;

/** Resolves the actor of a participation through the per-request actor loader. */
@Resolver(() => Participation)
export class ParticipationResolver {
  @FieldResolver(() => Actor, { description: 'The actor taking part.' })
  actor(@Root() participation: ParticipationRow, @Ctx() context: RequestContext) {
    return PARTICIPATION_FIELDS.actor(participation, {}, context);
  }
}
