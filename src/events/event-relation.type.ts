import { Field, ObjectType } from 'type-graphql';
import { RelationType } from './event.enums';

@ObjectType('EventRelation', {
  description: 'A typed link from one event to another, read as "this event <type> event".',
  simpleResolvers: true,
})
export class EventRelation {
  @Field(() => RelationType, { description: 'How this event relates to `event`.' })
  type!: keyof typeof RelationType;
}
