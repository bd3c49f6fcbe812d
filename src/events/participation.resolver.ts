import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.type';
import { type RequestContext } from '../graphql/context';
import { type ParticipationRow } from './participation.queries';
import { Participation } from './participation.type';

/** Resolves the actor of a participation through the per-request actor loader. */
@Resolver(() => Participation)
export class ParticipationResolver {
  @FieldResolver(() => Actor, { description: 'The actor taking part.' })
  async actor(@Root() participation: ParticipationRow, @Ctx() { loaders }: RequestContext) {
    return loaders.actorById.load(participation.actorId);
  }
}
