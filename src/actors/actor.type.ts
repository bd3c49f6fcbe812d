import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node.type';
import { ActorKind } from './actor.enums';

@ObjectType('Actor', {
  implements: Node,
  description: 'A person, organisation, government or outlet that takes part in events or reports them.',
  simpleResolvers: true,
})
export class Actor extends Node {
  @Field({ description: 'Stable human-readable key, unique among actors (e.g. "vladimir-putin").' })
  slug!: string;

  @Field(() => ActorKind, { description: 'What the actor is.' })
  kind!: keyof typeof ActorKind;

  @Field({ description: "BCP 47 tag of the language of the actor's own name; `lang` falls back to it." })
  originalLanguage!: string;

  @Field(() => [String], { description: 'Other spellings and transliterations; search matches these too.' })
  aliases!: string[];

  @Field(() => [String], { description: 'Identifiers elsewhere, e.g. a Wikidata entity URL.' })
  sameAs!: string[];

  @Field(() => Int, {
    description:
      "The number of the actor's current revision: 1 when created, one more with every change. Pass it as `expectedRevision` to update only what you have seen.",
  })
  revision!: number;
}
