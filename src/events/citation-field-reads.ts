import { type FieldReads } from '../graphql/planning/field-reads';
import { type CitationRow } from './citation.queries';

/** What each Citation field reads of the citation row (see field-reads.ts). */
export const CITATION_FIELD_READS = {
  id: ['id'],
  quote: ['quote'],
  note: ['note'],
  source: ['sourceId'],
  attributedTo: ['attributedToId'],
  speaker: ['speakerId'],
  claimedTime: ['claimedStart', 'claimedEnd', 'claimedUntil', 'claimedPrecision', 'eventTimeZone'],
} satisfies FieldReads<CitationRow>;
