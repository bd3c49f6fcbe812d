import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../graphql/context';
import { type RelationRow } from './relation.queries';
import { EventRelation } from './event-relation.type';
import { Event } from './event.type';

/** Resolves the other end of a relation through the per-request event loader. */
@Resolver(() => EventRelation)
export class EventRelationResolver {
  @FieldResolver(() => Event, { description: 'The event at the other end of the relation.' })
  event(@Root() relation: RelationRow, @Ctx() { loaders }: RequestContext) {
    return loaders.eventById.load(relation.otherEventId);
  }
}
