import { Field, ObjectType } from 'type-graphql';
import { ParticipantRole } from './event.enums';

@ObjectType('Participation', {
  description: 'An actor taking part in an event, and in what role.',
  simpleResolvers: true,
})
export class Participation {
  @Field(() => ParticipantRole, { description: 'The part the actor plays.' })
  role!: keyof typeof ParticipantRole;

  @Field(() => String, { nullable: true, description: 'A remark on this participation, if any.' })
  note!: string | null;
}
