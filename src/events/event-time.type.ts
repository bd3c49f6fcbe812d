import { Field, ObjectType } from 'type-graphql';
import { TimePrecision } from './event.enums';

@ObjectType('EventTime', {
  description: 'When an event happens or happened, with its uncertainty kept, not rounded away.',
  simpleResolvers: true,
})
export class EventTime {
  @Field(() => Date, {
    description: 'Earliest instant of the event at its precision (a DAY event starts at local midnight).',
  })
  start!: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'End of a span: the start of the last precision unit the span covers (a DAY span ending 1950-02-17 covers that whole day); null for a point event (the point covers its whole precision unit).',
  })
  end!: Date | null;

  @Field(() => Date, {
    description:
      'Exclusive end of the time the event covers: the instant its last precision unit ends, in timeZone (a DAY span ending 1950-02-17 in Moscow runs until 1950-02-17T21:00:00Z, the next local midnight; a point event runs until the end of its start unit). Draw spans as [start, until).',
  })
  until!: Date;

  @Field(() => TimePrecision, { description: 'How much of the time is known.' })
  precision!: keyof typeof TimePrecision;

  @Field({ description: 'IANA zone where the event takes place, e.g. Europe/Moscow.' })
  timeZone!: string;

  @Field({ description: 'The start rendered in timeZone at precision: "2023-03-20", "2023-03", "2024".' })
  local!: string;

  @Field(() => String, { nullable: true, description: 'The end rendered like `local`; null for a point event.' })
  localEnd!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The source's own words for the time, e.g. 周五, when it was relative.",
  })
  asWritten!: string | null;

  @Field({ description: 'Whether the time is inferred or only roughly known rather than stated by the sources.' })
  approximate!: boolean;
}
