import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node.type';
import { EventKind, EventStatus } from './event.enums';

@ObjectType('Event', {
  implements: Node,
  description:
    'Something that happened or is planned, at a known time, with the actors involved and the sources reporting it.',
  simpleResolvers: true,
})
export class Event extends Node {
  @Field({ description: 'Stable human-readable key, unique among events (e.g. "icc-arrest-warrant-putin").' })
  slug!: string;

  @Field({ description: 'BCP 47 tag of the language the event was first recorded in; `lang` falls back to it.' })
  originalLanguage!: string;

  @Field(() => EventKind, { description: 'What kind of happening this is.' })
  kind!: keyof typeof EventKind;

  @Field(() => EventStatus, { description: 'Whether it is planned, happened, was cancelled or postponed.' })
  status!: keyof typeof EventStatus;

  @Field(() => [String], { description: 'Topic tags, lowercase and hyphenated (e.g. "ukraine-war").' })
  tags!: string[];

  @Field(() => Date, { description: 'When this record was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When this record was last changed.' })
  updatedAt!: Date;

  @Field(() => Int, {
    description:
      "The number of the event's current revision: 1 when created, one more with every change to it, its participants, citations or relations. Pass it as `expectedRevision` to update only what you have seen.",
  })
  revision!: number;
}
