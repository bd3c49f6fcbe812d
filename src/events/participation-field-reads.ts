import { type FieldReads } from '../graphql/planning/field-reads';
import { type ParticipationRow } from './participation.queries';

/** What each Participation field reads of the participation row (see field-reads.ts). */
export const PARTICIPATION_FIELD_READS = {
  role: ['role'],
  note: ['note'],
  actor: ['actorId'],
} satisfies FieldReads<ParticipationRow>;
