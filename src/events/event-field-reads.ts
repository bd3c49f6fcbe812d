import { type FieldReads } from '../graphql/planning/field-reads';
import { type EventRow } from './event.row';

/** What each Event field reads of the event row (see field-reads.ts): a page statement selects only that. */
export const EVENT_FIELD_READS = {
  id: ['id'],
  slug: ['slug'],
  originalLanguage: ['originalLanguage'],
  kind: ['kind'],
  status: ['status'],
  tags: ['tags'],
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
  revision: ['revision'],
  title: ['titles', 'originalLanguage', 'slug'],
  titles: ['titles', 'originalLanguage'],
  summary: ['summaries', 'originalLanguage'],
  time: [
    'startAt',
    'endAt',
    'coversUntil',
    'precision',
    'timeZone',
    'timeAsWritten',
    'timeApproximate',
    'startLocal',
    'endLocal',
  ],
  place: ['placeId'],
  participants: ['id'],
  citations: ['id'],
  sources: ['id'],
  related: ['id'],
  history: ['id'],
} satisfies FieldReads<EventRow>;
