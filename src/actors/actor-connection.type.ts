import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../graphql/page-info.type';
import { Actor } from './actor.type';

@ObjectType('ActorEdge', { description: 'An actor in a page of actors, with its cursor.', simpleResolvers: true })
export class ActorEdge {
  @Field({ description: 'Opaque position of this actor; pass it as `after`.' })
  cursor!: string;

  @Field(() => Actor, { description: 'The actor.' })
  node!: Actor;
}

@ObjectType('ActorConnection', {
  description: 'A page of actors ordered by slug (Relay connection).',
  simpleResolvers: true,
})
export class ActorConnection {
  @Field(() => [ActorEdge], { description: 'The actors of this page with their cursors.' })
  edges!: ActorEdge[];

  @Field(() => [Actor], { description: 'The actors of this page, without cursors.' })
  nodes!: Actor[];

  @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many actors match in all; computed only when selected.' })
  totalCount!: number;
}
