import { Field, ObjectType } from 'type-graphql';

@ObjectType('Citation', {
  description: 'What a source says about an event, and through whom (RFI → Reuters → Blinken).',
  simpleResolvers: true,
})
export class Citation {
  @Field(() => String, { nullable: true, description: "Verbatim, in the source's language." })
  quote!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A remark on the citation, e.g. where this source disagrees with others about the event.',
  })
  note!: string | null;
}
