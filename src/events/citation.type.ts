import { Field, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node.type';

@ObjectType('Citation', {
  implements: Node,
  description: 'What a source says about an event, and through whom (RFI → Reuters → Blinken).',
  simpleResolvers: true,
})
export class Citation extends Node {
  @Field(() => String, { nullable: true, description: "Verbatim, in the source's language." })
  quote!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A remark on the citation, e.g. where this source disagrees with others about the event.',
  })
  note!: string | null;
}
