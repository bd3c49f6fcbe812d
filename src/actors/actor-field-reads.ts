import { type FieldReads } from '../graphql/planning/field-reads';
import { type ActorRow } from './actor.row';

/** What each Actor field reads of the actor row (see field-reads.ts). */
export const ACTOR_FIELD_READS = {
  id: ['id'],
  slug: ['slug'],
  kind: ['kind'],
  actorKind: ['kind'],
  originalLanguage: ['originalLanguage'],
  aliases: ['aliases'],
  sameAs: ['sameAs'],
  revision: ['revision'],
  name: ['names', 'originalLanguage', 'slug'],
  names: ['names', 'originalLanguage'],
  description: ['descriptions', 'originalLanguage'],
  timeline: ['id'],
  history: ['id'],
} satisfies FieldReads<ActorRow>;
