import { Field, Int, ObjectType } from 'type-graphql';
import { Event } from '../events/event.type';
import { PageInfo } from '../graphql/page-info.type';

@ObjectType('EventEdge', { description: 'An event in a timeline page, with its cursor.', simpleResolvers: true })
export class EventEdge {
  @Field({ description: 'Opaque position of this event; pass it as `after` or `before`.' })
  cursor!: string;

  @Field(() => Event, { description: 'The event.' })
  node!: Event;
}

@ObjectType('EventConnection', { description: 'A page of a timeline (Relay connection).', simpleResolvers: true })
export class EventConnection {
  @Field(() => [EventEdge], { description: 'The events of this page with their cursors.' })
  edges!: EventEdge[];

  @Field(() => [Event], { description: 'The events of this page, without cursors.' })
  nodes!: Event[];

  @Field(() => PageInfo, { description: 'Where this page stands in the whole timeline.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many events match the filter in all; computed only when selected.' })
  totalCount!: number;
}
