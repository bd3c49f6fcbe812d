import { Field, ID, InputType, Int } from 'type-graphql';
import { SourceKind } from './source.enums';

const REASON = 'Why the change is made; shown in the history.';
const EXPECTED_REVISION =
  'The revision you last read (`revision`). When given, the change applies only if it is still the current one; otherwise CONFLICT, with `extensions.currentRevision`.';

@InputType('CreateSourceInput', { description: 'A new source.' })
export class CreateSourceInput {
  @Field({ description: 'Unique key: lowercase letters, digits and single hyphens, at most 120 characters.' })
  slug!: string;

  @Field(() => SourceKind, { description: 'What kind of publication it is.' })
  kind!: keyof typeof SourceKind;

  @Field({ description: "The title as published, in the source's language; one line, at most 500 characters." })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Where it can be read: an http or https URL.' })
  url?: string | null;

  @Field(() => ID, { nullable: true, description: 'The global id of the actor that published it.' })
  publisherId?: string | null;

  @Field(() => String, { nullable: true, description: 'The author, if named; at most 200 characters.' })
  author?: string | null;

  @Field({ description: 'BCP 47 language tag of the source text.' })
  language!: string;

  @Field(() => Date, { nullable: true, description: 'When it was published.' })
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('UpdateSourceInput', {
  description:
    'Changes to a source: fields left out stay as they are; null clears url, publisher, author, publishedAt.',
})
export class UpdateSourceInput {
  @Field(() => ID, { description: 'The global id of the source.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_REVISION })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true, description: 'A new unique slug.' })
  slug?: string | null;

  @Field(() => SourceKind, { nullable: true, description: 'A new kind.' })
  kind?: keyof typeof SourceKind | null;

  @Field(() => String, { nullable: true, description: 'A new title.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'A new http(s) URL; null removes it.' })
  url?: string | null;

  @Field(() => ID, { nullable: true, description: 'The global id of a new publisher; null removes it.' })
  publisherId?: string | null;

  @Field(() => String, { nullable: true, description: 'A new author; null removes it.' })
  author?: string | null;

  @Field(() => String, { nullable: true, description: 'A new language tag.' })
  language?: string | null;

  @Field(() => Date, { nullable: true, description: 'A new publication instant; null removes it.' })
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('DeleteSourceInput', { description: 'A source to delete, with its citations.' })
export class DeleteSourceInput {
  @Field(() => ID, { description: 'The global id of the source.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_REVISION })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}
