import { InputChecker, toLocalizedTexts } from '../curation/input-checker';
import {
  type CitationInput,
  type CreateEventInput,
  type EventTimeInput,
  type LocalizedTextInput,
  type UpdateEventInput,
} from './event-write.inputs';
import { type EventColumns } from './event.writes';

/** Limits of the texts an editor writes, in characters. */
export const TEXT_LIMITS = {
  title: 300,
  summary: 2000,
  note: 2000,
  quote: 5000,
  asWritten: 100,
  tag: 64,
  tags: 50,
  reason: 2000,
} as const;

function timeColumns(time: EventTimeInput): EventColumns {
  return {
    start_at: time.start,
    end_at: time.end ?? null,
    precision: time.precision,
    time_zone: time.timeZone,
    time_as_written: time.asWritten ?? null,
    time_approximate: time.approximate,
  };
}

function checkTime(checker: InputChecker, time: EventTimeInput): void {
  checker.eventTime('input.time', time);
  checker.text('input.time.asWritten', time.asWritten, { maxLength: TEXT_LIMITS.asWritten, singleLine: true });
}

function checkTexts(
  checker: InputChecker,
  argument: string,
  texts: readonly LocalizedTextInput[] | null | undefined,
  maxLength: number,
  mustInclude: string | null,
) {
  checker.localizedTexts(argument, texts, { maxLength, mustInclude, required: argument === 'input.titles' });
}

/** Checks a citation's texts (its ids are checked when they are resolved). */
export function checkCitation(checker: InputChecker, argument: string, citation: CitationInput): void {
  checker.text(`${argument}.quote`, citation.quote, { maxLength: TEXT_LIMITS.quote });
  checker.text(`${argument}.note`, citation.note, { maxLength: TEXT_LIMITS.note });
}

/** Checks the reason an editor gives for a change. */
export function checkReason(checker: InputChecker, reason: string | null | undefined): void {
  checker.text('input.reason', reason, { maxLength: TEXT_LIMITS.reason });
}

/**
 * The columns of a new event, after checking every field of the input (all problems at once, as
 * one BAD_USER_INPUT naming each path). The place is resolved by the caller.
 */
export function checkCreateEvent(input: CreateEventInput): EventColumns {
  const checker = new InputChecker();
  checker.slug('input.slug', input.slug);
  checker.languageTag('input.originalLanguage', input.originalLanguage);
  checkTime(checker, input.time);
  checkTexts(checker, 'input.titles', input.titles, TEXT_LIMITS.title, input.originalLanguage);
  checkTexts(checker, 'input.summaries', input.summaries, TEXT_LIMITS.summary, null);
  checker.stringList('input.tags', input.tags, { maxItems: TEXT_LIMITS.tags, maxLength: TEXT_LIMITS.tag });
  input.participants?.forEach((participant, index) =>
    checker.text(`input.participants[${index}].note`, participant.note, { maxLength: TEXT_LIMITS.note }),
  );
  input.citations?.forEach((citation, index) => checkCitation(checker, `input.citations[${index}]`, citation));
  checkReason(checker, input.reason);
  checker.throwIfInvalid();
  return {
    slug: input.slug,
    kind: input.kind,
    status: input.status,
    ...timeColumns(input.time),
    tags: input.tags ?? [],
    original_language: input.originalLanguage,
    titles: toLocalizedTexts(input.titles),
    summaries: toLocalizedTexts(input.summaries ?? []),
  };
}

/**
 * The columns an update sets (absent fields are left out), after checking them. Titles must
 * include the original language that will hold after the update: `currentLanguage` unless changed.
 */
export function checkUpdateEvent(
  input: UpdateEventInput,
  current: { originalLanguage: string; titles: Record<string, string> },
): EventColumns {
  const checker = new InputChecker();
  const notNull = (field: keyof UpdateEventInput) =>
    checker.check(`input.${field}`, input[field] !== null, `\`${field}\` cannot be null; leave it out to keep it.`);
  for (const field of ['slug', 'kind', 'status', 'time', 'tags', 'originalLanguage', 'titles'] as const) notNull(field);
  if (input.slug != null) checker.slug('input.slug', input.slug);
  if (input.originalLanguage != null) checker.languageTag('input.originalLanguage', input.originalLanguage);
  if (input.time) checkTime(checker, input.time);
  const language = input.originalLanguage ?? current.originalLanguage;
  if (input.titles != null) checkTexts(checker, 'input.titles', input.titles, TEXT_LIMITS.title, language);
  else if (input.originalLanguage != null && !(language in current.titles)) {
    checker.check(
      'input.originalLanguage',
      false,
      `The titles have no ${language} title; give one in \`titles\` along with the new original language.`,
    );
  }
  if (input.summaries != null) checkTexts(checker, 'input.summaries', input.summaries, TEXT_LIMITS.summary, null);
  checker.stringList('input.tags', input.tags, { maxItems: TEXT_LIMITS.tags, maxLength: TEXT_LIMITS.tag });
  checkReason(checker, input.reason);
  checker.throwIfInvalid();
  return {
    slug: input.slug ?? undefined,
    kind: input.kind ?? undefined,
    status: input.status ?? undefined,
    ...(input.time ? timeColumns(input.time) : {}),
    tags: input.tags ?? undefined,
    original_language: input.originalLanguage ?? undefined,
    titles: input.titles ? toLocalizedTexts(input.titles) : undefined,
    summaries: input.summaries === undefined ? undefined : toLocalizedTexts(input.summaries ?? []),
  };
}
