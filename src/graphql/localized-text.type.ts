import { Field, ObjectType } from 'type-graphql';

@ObjectType('LocalizedText', { description: 'A text in one language.', simpleResolvers: true })
export class LocalizedTextType {
  @Field({ description: 'BCP 47 language tag: zh-Hans, en, ru, ...' })
  lang!: string;

  @Field({ description: 'The text in that language.' })
  text!: string;
}
