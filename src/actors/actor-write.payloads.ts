import { Field, ID, ObjectType } from 'type-graphql';
import { type ActorRow } from './actor.row';
import { Actor } from './actor.type';

/** A payload class `{ actor: Actor! }` named `name`. */
function actorPayload(name: string, description: string, actorDescription: string) {
  @ObjectType(name, { description })
  class ActorPayload {
    @Field(() => Actor, { description: actorDescription })
    actor!: ActorRow;
  }
  return ActorPayload;
}

const AFTER = 'The actor after the change, at its new revision.';

export const CreateActorPayload = actorPayload('CreateActorPayload', 'The result of createActor.', AFTER);
export const UpdateActorPayload = actorPayload('UpdateActorPayload', 'The result of updateActor.', AFTER);
export const MergeActorsPayload = actorPayload(
  'MergeActorsPayload',
  'The result of mergeActors.',
  'The survivor after the merge, at its new revision.',
);

@ObjectType('DeleteActorPayload', { description: 'The result of deleteActor.' })
export class DeleteActorPayload {
  @Field(() => ID, { description: 'The global id the actor had; `asOf` an earlier instant still finds it.' })
  deletedActorId!: string;
}
