import { InputChecker } from '../curation/input-checker';
import { checkReason } from '../events/event-input.checks';
import { type CreateSourceInput, type UpdateSourceInput } from './source-write.inputs';
import { type SourceColumns } from './source.writes';

/** Limits of a source's texts, in characters. */
export const SOURCE_LIMITS = { title: 500, author: 200 } as const;

type SourceFields = Pick<UpdateSourceInput, 'slug' | 'title' | 'url' | 'author' | 'language' | 'reason'>;

function checkFields(checker: InputChecker, input: SourceFields): void {
  if (input.slug != null) checker.slug('input.slug', input.slug);
  if (input.title != null) {
    checker.text('input.title', input.title, { required: true, maxLength: SOURCE_LIMITS.title, singleLine: true });
  }
  if (input.url != null) checker.httpUrl('input.url', input.url);
  checker.text('input.author', input.author, { maxLength: SOURCE_LIMITS.author, singleLine: true });
  if (input.language != null) checker.languageTag('input.language', input.language);
  checkReason(checker, input.reason);
}

function optionalText(value: string | null | undefined): string | null | undefined {
  return value === undefined ? undefined : value?.trim() || null;
}

/**
 * The columns of a new source (but its publisher, resolved by the caller), after checking every
 * field of the input (all problems at once, as one BAD_USER_INPUT naming each path).
 */
export function checkCreateSource(input: CreateSourceInput): SourceColumns {
  const checker = new InputChecker();
  checkFields(checker, input);
  checker.throwIfInvalid();
  return {
    slug: input.slug,
    kind: input.kind,
    title: input.title.trim(),
    url: optionalText(input.url) ?? null,
    author: optionalText(input.author) ?? null,
    language: input.language,
    published_at: input.publishedAt ?? null,
  };
}

/**
 * The columns an update sets (absent fields are left out; the publisher is resolved by the
 * caller), after checking them. Null is refused for fields that always have a value and clears
 * the others.
 */
export function checkUpdateSource(input: UpdateSourceInput): SourceColumns {
  const checker = new InputChecker();
  for (const field of ['slug', 'kind', 'title', 'language'] as const) {
    checker.check(`input.${field}`, input[field] !== null, `\`${field}\` cannot be null; leave it out to keep it.`);
  }
  checkFields(checker, input);
  checker.throwIfInvalid();
  return {
    slug: input.slug ?? undefined,
    kind: input.kind ?? undefined,
    title: input.title?.trim(),
    url: optionalText(input.url),
    author: optionalText(input.author),
    language: input.language ?? undefined,
    published_at: input.publishedAt,
  };
}
