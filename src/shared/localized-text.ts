/** Text in several languages keyed by BCP 47 tag, e.g. `{"zh-Hans": "普京", "en": "Vladimir Putin"}`. */
export type LocalizedTexts = Readonly<Record<string, string>>;

/** One language's text, as the GraphQL LocalizedText type. */
export interface LocalizedText {
  lang: string;
  text: string;
}

function findTag(texts: LocalizedTexts, wanted: string): string | undefined {
  const tags = Object.keys(texts);
  const lower = wanted.toLowerCase();
  const exact = tags.find((tag) => tag.toLowerCase() === lower);
  if (exact) return exact;
  // "zh-Hans-CN" falls back to "zh-Hans", then "zh"; "zh" matches the first "zh-…" text.
  const subtags = lower.split('-');
  for (let length = subtags.length - 1; length > 0; length -= 1) {
    const prefix = subtags.slice(0, length).join('-');
    const match = tags.find((tag) => tag.toLowerCase() === prefix);
    if (match) return match;
  }
  return tags.find((tag) => tag.toLowerCase().startsWith(`${lower}-`));
}

/**
 * The text in `lang` (matching BCP 47 tags by prefix in both directions), else in the original
 * language, else null when there is no text at all.
 */
export function pickText(texts: LocalizedTexts, originalLanguage: string, lang?: string | null): string | null {
  const tag = (lang ? findTag(texts, lang) : undefined) ?? findTag(texts, originalLanguage);
  return tag === undefined ? null : texts[tag]!;
}

/** All texts, the original language first, then by tag. */
export function listTexts(texts: LocalizedTexts, originalLanguage: string): LocalizedText[] {
  return Object.entries(texts)
    .map(([lang, text]) => ({ lang, text }))
    .sort((a, b) =>
      a.lang === originalLanguage ? -1 : b.lang === originalLanguage ? 1 : a.lang.localeCompare(b.lang),
    );
}
