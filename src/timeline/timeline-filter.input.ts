import { Field, ID, InputType } from 'type-graphql';
import { EventKind, EventStatus, ParticipantRole } from '../events/event.enums';
import { ActorMatch } from './timeline.enums';

@InputType('TimelineFilter', {
  description: 'Constraints on a timeline; all given ones must hold. An empty list means no constraint.',
})
export class TimelineFilterInput {
  @Field(() => Date, {
    nullable: true,
    description: 'Events whose time overlaps [from, to): those covering any instant from here on.',
  })
  from?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Events whose time overlaps [from, to): those starting before this instant.',
  })
  to?: Date | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Events involving these actors (global ids), combined by actorMatch.',
  })
  actors?: string[] | null;

  @Field(() => ActorMatch, {
    nullable: true,
    defaultValue: 'ANY',
    description: 'Whether any or all of `actors` must take part.',
  })
  actorMatch?: keyof typeof ActorMatch | null;

  @Field(() => ParticipantRole, {
    nullable: true,
    description: 'The role the `actors` must have; without `actors`, events with any participant in this role.',
  })
  role?: keyof typeof ParticipantRole | null;

  @Field(() => [EventKind], { nullable: true, description: 'Events of any of these kinds.' })
  kinds?: (keyof typeof EventKind)[] | null;

  @Field(() => [EventStatus], { nullable: true, description: 'Events with any of these statuses.' })
  statuses?: (keyof typeof EventStatus)[] | null;

  @Field(() => [ID], { nullable: true, description: 'Events cited by any of these sources (global ids).' })
  sources?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Events carrying any of these tags.' })
  tags?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Matches titles, summaries, quotes and actor names/aliases in any language (普京 and Putin alike). Every word must match; case is ignored.',
  })
  search?: string | null;
}
