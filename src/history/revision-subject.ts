/** The kinds of object that have revisions. */
export type SubjectType = 'Event' | 'Actor' | 'Source';

/** The table of each kind of subject. */
export const SUBJECT_TABLE: Readonly<Record<SubjectType, 'event' | 'actor' | 'source'>> = {
  Event: 'event',
  Actor: 'actor',
  Source: 'source',
};

/** The `revision_subject` value of each kind of subject. */
export const SUBJECT_ENUM: Readonly<Record<SubjectType, string>> = { Event: 'EVENT', Actor: 'ACTOR', Source: 'SOURCE' };
