import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Event } from '../events/event.type';
import { Revision } from '../history/revision.type';

/** What a change did to its event (the GraphQL enum ChangeAction). */
export const ChangeAction = { CREATED: 'CREATED', UPDATED: 'UPDATED', DELETED: 'DELETED' } as const;
registerEnumType(ChangeAction, {
  name: 'ChangeAction',
  description: 'What a change did to its event.',
  valuesConfig: {
    CREATED: { description: 'The event was created.' },
    UPDATED: {
      description: 'The event, its participants, citations or relations changed (its revision says how).',
    },
    DELETED: { description: 'The event was deleted; `event` is null.' },
  },
});

/** One change to an event as subscribers get it; resolved from a ChangeRow (see live.resolver.ts). */
@ObjectType('TimelineChange', {
  description:
    'One change to an event, in commit order: one revision of the log. Several changes of one write share `recordedAt` and follow each other.',
})
export class TimelineChange {
  @Field({
    description:
      'Opaque position of this change in commit order; pass the last one you saw as `after` to resume without a gap or a duplicate.',
  })
  cursor!: string;

  @Field(() => ChangeAction, { description: 'What the change did.' })
  action!: keyof typeof ChangeAction;

  @Field(() => ID, { description: 'The global id of the event changed, also once it is deleted.' })
  eventId!: string;

  @Field(() => Event, {
    nullable: true,
    description:
      'The event as of this change (as `asOf: recordedAt` reads it), nested fields included; null when the change deleted it.',
  })
  event!: unknown;

  @Field(() => Revision, {
    nullable: true,
    description: 'The revision this change recorded: who made it, why, and which fields changed.',
  })
  revision!: unknown;

  @Field(() => Date, { description: 'When the change was recorded: the instant its transaction committed.' })
  recordedAt!: Date;
}
