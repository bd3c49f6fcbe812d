import { registerEnumType } from 'type-graphql';

/** What a source is. */
export const SourceKind = {
  NEWS_ARTICLE: 'NEWS_ARTICLE',
  SOCIAL_POST: 'SOCIAL_POST',
  OFFICIAL_STATEMENT: 'OFFICIAL_STATEMENT',
  INTERVIEW: 'INTERVIEW',
  REPORT: 'REPORT',
} as const;
registerEnumType(SourceKind, {
  name: 'SourceKind',
  description: 'What a source is.',
  valuesConfig: {
    NEWS_ARTICLE: { description: 'A news article or wire report.' },
    SOCIAL_POST: { description: 'A post on a social network.' },
    OFFICIAL_STATEMENT: { description: 'A statement published by a government or organisation.' },
    INTERVIEW: { description: 'An interview given to an outlet.' },
    REPORT: { description: 'A study, analysis or reference work.' },
  },
});
