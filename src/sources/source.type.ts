import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node.type';
import { SourceKind } from './source.enums';

@ObjectType('Source', {
  implements: Node,
  description: 'A publication that reports events: an article, a post, an interview, a statement.',
  simpleResolvers: true,
})
export class Source extends Node {
  @Field({ description: 'Stable human-readable key, unique among sources.' })
  slug!: string;

  @Field(() => SourceKind, { description: 'What kind of publication it is.' })
  kind!: keyof typeof SourceKind;

  @Field({ description: "The title as published, in the source's language." })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Where it can be read (http or https), if known.' })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'The author, if named.' })
  author!: string | null;

  @Field({ description: 'BCP 47 language tag of the source text.' })
  language!: string;

  @Field(() => Date, { nullable: true, description: 'When it was published, if known.' })
  publishedAt!: Date | null;

  @Field(() => Int, {
    description:
      "The number of the source's current revision: 1 when created, one more with every change. Pass it as `expectedRevision` to update only what you have seen.",
  })
  revision!: number;
}
