import { ArgsType, Field } from 'type-graphql';
import { ConnectionArgsType } from '../graphql/connection.args';
import { TimelineFilterInput } from './timeline-filter.input';
import { TimelineOrder } from './timeline.enums';

@ArgsType()
export class TimelineArgs extends ConnectionArgsType {
  @Field(() => TimelineFilterInput, { nullable: true, description: 'Which events to include.' })
  filter?: TimelineFilterInput | null;

  @Field(() => TimelineOrder, {
    nullable: true,
    defaultValue: 'CHRONOLOGICAL',
    description: 'Earliest or latest first.',
  })
  order?: keyof typeof TimelineOrder | null;
}
