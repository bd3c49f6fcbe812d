import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalizedTextInput } from '../events/event-write.inputs';
import { ActorKind } from './actor.enums';

const REASON = 'Why the change is made; shown in the history.';
const EXPECTED_REVISION =
  'The revision you last read (`revision`). When given, the change applies only if it is still the current one; otherwise CONFLICT, with `extensions.currentRevision`.';

@InputType('CreateActorInput', { description: 'A new actor.' })
export class CreateActorInput {
  @Field({
    description:
      'Unique key: lowercase letters, digits and single hyphens, at most 120 characters; not one an actor had before it was merged away.',
  })
  slug!: string;

  @Field(() => ActorKind, { description: 'What the actor is.' })
  kind!: keyof typeof ActorKind;

  @Field({ description: "BCP 47 tag of the language of the actor's own name; names must include it." })
  originalLanguage!: string;

  @Field(() => [LocalizedTextInput], { description: 'Names by language (at most 200 characters each).' })
  names!: LocalizedTextInput[];

  @Field(() => [String], {
    nullable: true,
    description: 'Other spellings and transliterations; at most 50, of at most 200 characters each.',
  })
  aliases?: string[] | null;

  @Field(() => [LocalizedTextInput], {
    nullable: true,
    description: 'Short descriptions by language (at most 2,000 characters each).',
  })
  descriptions?: LocalizedTextInput[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'http(s) URLs of the same actor elsewhere, e.g. its Wikidata entity; at most 20.',
  })
  sameAs?: string[] | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('UpdateActorInput', { description: 'Changes to an actor: fields left out stay as they are.' })
export class UpdateActorInput {
  @Field(() => ID, { description: 'The global id of the actor.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_REVISION })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true, description: 'A new unique slug.' })
  slug?: string | null;

  @Field(() => ActorKind, { nullable: true, description: 'A new kind.' })
  kind?: keyof typeof ActorKind | null;

  @Field(() => String, { nullable: true, description: 'A new original language; names must include it.' })
  originalLanguage?: string | null;

  @Field(() => [LocalizedTextInput], { nullable: true, description: 'The new names, replacing the old ones.' })
  names?: LocalizedTextInput[] | null;

  @Field(() => [String], { nullable: true, description: 'The new aliases, replacing the old ones; [] removes all.' })
  aliases?: string[] | null;

  @Field(() => [LocalizedTextInput], {
    nullable: true,
    description: 'The new descriptions, replacing the old ones; null or [] removes all.',
  })
  descriptions?: LocalizedTextInput[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'The new sameAs URLs, replacing the old ones; [] removes all.',
  })
  sameAs?: string[] | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('DeleteActorInput', {
  description:
    'An actor to delete: its participations go with it, and citations and sources that name it keep no speaker, attribution or publisher.',
})
export class DeleteActorInput {
  @Field(() => ID, { description: 'The global id of the actor.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_REVISION })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('MergeActorsInput', { description: 'Two records of the same actor to make one.' })
export class MergeActorsInput {
  @Field(() => ID, { description: 'The global id of the actor that stays.' })
  survivorId!: string;

  @Field(() => ID, {
    description: 'The global id of the actor merged into the survivor; its id and slug then lead to the survivor.',
  })
  mergedId!: string;

  @Field(() => Int, {
    nullable: true,
    description: "The survivor's revision you last read; on any other, CONFLICT with `extensions.currentRevision`.",
  })
  survivorExpectedRevision?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "The merged actor's revision you last read; on any other, CONFLICT with `extensions.currentRevision`.",
  })
  mergedExpectedRevision?: number | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}
