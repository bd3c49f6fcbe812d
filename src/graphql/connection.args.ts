import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class ConnectionArgsType {
  @Field(() => Int, {
    nullable: true,
    description: 'Page size counted from the start (or from `after`), 1..100; default 20.',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor the page starts after.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size counted from the end (or from `before`), 1..100.' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor the page ends before.' })
  before?: string | null;
}
