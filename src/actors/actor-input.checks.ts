import { InputChecker, toLocalizedTexts } from '../curation/input-checker';
import { checkReason } from '../events/event-input.checks';
import { type LocalizedTexts } from '../shared/localized-text';
import { type CreateActorInput, type UpdateActorInput } from './actor-write.inputs';
import { type ActorColumns } from './actor.writes';

/** Limits of an actor's texts and lists, in characters and entries. */
export const ACTOR_LIMITS = {
  name: 200,
  description: 2000,
  alias: 200,
  aliases: 50,
  url: 2048,
  sameAs: 20,
} as const;

function uniqueTrimmed(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()))];
}

function checkAliases(checker: InputChecker, aliases: readonly string[] | null | undefined): void {
  checker.stringList('input.aliases', aliases, { maxItems: ACTOR_LIMITS.aliases, maxLength: ACTOR_LIMITS.alias });
}

function checkSameAs(checker: InputChecker, urls: readonly string[] | null | undefined): void {
  checker.stringList('input.sameAs', urls, { maxItems: ACTOR_LIMITS.sameAs, maxLength: ACTOR_LIMITS.url });
  urls?.forEach((url, index) => checker.httpUrl(`input.sameAs[${index}]`, url));
}

function checkNames(checker: InputChecker, names: CreateActorInput['names'], originalLanguage: string): void {
  checker.localizedTexts('input.names', names, {
    required: true,
    maxLength: ACTOR_LIMITS.name,
    mustInclude: originalLanguage,
  });
}

function checkDescriptions(checker: InputChecker, descriptions: CreateActorInput['descriptions']): void {
  checker.localizedTexts('input.descriptions', descriptions, { maxLength: ACTOR_LIMITS.description });
}

/**
 * The columns of a new actor, after checking every field of the input (all problems at once, as
 * one BAD_USER_INPUT naming each path). Aliases and sameAs URLs are trimmed and deduplicated.
 */
export function checkCreateActor(input: CreateActorInput): ActorColumns & { slug: string } {
  const checker = new InputChecker();
  checker.slug('input.slug', input.slug);
  checker.languageTag('input.originalLanguage', input.originalLanguage);
  checkNames(checker, input.names, input.originalLanguage);
  checkAliases(checker, input.aliases);
  checkDescriptions(checker, input.descriptions);
  checkSameAs(checker, input.sameAs);
  checkReason(checker, input.reason);
  checker.throwIfInvalid();
  return {
    slug: input.slug,
    kind: input.kind,
    original_language: input.originalLanguage,
    names: toLocalizedTexts(input.names),
    aliases: uniqueTrimmed(input.aliases ?? []),
    descriptions: toLocalizedTexts(input.descriptions ?? []),
    same_as: uniqueTrimmed(input.sameAs ?? []),
  };
}

/**
 * The columns an update sets (absent fields are left out), after checking them. Null is refused
 * for fields that always have a value; null descriptions remove them all. Names must include the
 * original language that holds after the update: `current.originalLanguage` unless changed.
 */
export function checkUpdateActor(
  input: UpdateActorInput,
  current: { originalLanguage: string; names: LocalizedTexts },
): ActorColumns {
  const checker = new InputChecker();
  for (const field of ['slug', 'kind', 'originalLanguage', 'names', 'aliases', 'sameAs'] as const) {
    checker.check(`input.${field}`, input[field] !== null, `\`${field}\` cannot be null; leave it out to keep it.`);
  }
  if (input.slug != null) checker.slug('input.slug', input.slug);
  if (input.originalLanguage != null) checker.languageTag('input.originalLanguage', input.originalLanguage);
  const language = input.originalLanguage ?? current.originalLanguage;
  if (input.names != null) checkNames(checker, input.names, language);
  else if (input.originalLanguage != null && !(language in current.names)) {
    checker.check(
      'input.originalLanguage',
      false,
      `The actor has no ${language} name; give one in \`names\` along with the new original language.`,
    );
  }
  if (input.aliases != null) checkAliases(checker, input.aliases);
  if (input.descriptions != null) checkDescriptions(checker, input.descriptions);
  if (input.sameAs != null) checkSameAs(checker, input.sameAs);
  checkReason(checker, input.reason);
  checker.throwIfInvalid();
  return {
    slug: input.slug ?? undefined,
    kind: input.kind ?? undefined,
    original_language: input.originalLanguage ?? undefined,
    names: input.names ? toLocalizedTexts(input.names) : undefined,
    aliases: input.aliases ? uniqueTrimmed(input.aliases) : undefined,
    descriptions: input.descriptions === undefined ? undefined : toLocalizedTexts(input.descriptions ?? []),
    same_as: input.sameAs ? uniqueTrimmed(input.sameAs) : undefined,
  };
}
