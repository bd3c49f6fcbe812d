import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('TimelineBucket', { description: 'One bar of a timeline histogram.', simpleResolvers: true })
export class TimelineBucket {
  @Field(() => Date, { description: 'Start of the calendar unit in the requested zone (inclusive).' })
  start!: Date;

  @Field(() => Date, { description: 'Start of the next calendar unit (exclusive).' })
  end!: Date;

  @Field(() => Int, { description: 'How many matching events start in [start, end).' })
  count!: number;
}
