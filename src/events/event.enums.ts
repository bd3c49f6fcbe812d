import { registerEnumType } from 'type-graphql';

/** What kind of happening an event is. */
export const EventKind = {
  MEETING: 'MEETING',
  VISIT: 'VISIT',
  STATEMENT: 'STATEMENT',
  LEGAL_ACTION: 'LEGAL_ACTION',
  PROPOSAL: 'PROPOSAL',
  ELECTION: 'ELECTION',
  AGREEMENT: 'AGREEMENT',
  ANNOUNCEMENT: 'ANNOUNCEMENT',
  OTHER: 'OTHER',
} as const;
registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'What kind of happening an event is.',
  valuesConfig: {
    MEETING: { description: 'Talks, summits, dinners: actors meeting each other.' },
    VISIT: { description: 'A trip or state visit, usually containing meetings.' },
    STATEMENT: { description: 'Something an actor said or published; the citation carries the words.' },
    LEGAL_ACTION: { description: 'A warrant, charge, case, ruling or sanction.' },
    PROPOSAL: { description: 'A plan or proposal put forward, such as a peace plan.' },
    ELECTION: { description: 'An election or (re-)appointment by vote.' },
    AGREEMENT: { description: 'A treaty, joint statement or signed agreement.' },
    ANNOUNCEMENT: { description: 'The announcement or publicising of something to come.' },
    OTHER: { description: 'Anything that fits none of the other kinds.' },
  },
});

/** Where an event stands, as its sources report it. */
export const EventStatus = {
  PLANNED: 'PLANNED',
  OCCURRED: 'OCCURRED',
  CANCELLED: 'CANCELLED',
  POSTPONED: 'POSTPONED',
} as const;
registerEnumType(EventStatus, {
  name: 'EventStatus',
  description: 'Where an event stands, as its sources report it.',
  valuesConfig: {
    PLANNED: { description: 'Announced or scheduled, not (yet) reported as having happened.' },
    OCCURRED: { description: 'Reported as having happened.' },
    CANCELLED: { description: 'Called off.' },
    POSTPONED: { description: 'Moved to a later, possibly unknown, time.' },
  },
});

/** How much of an event's time is known. */
export const TimePrecision = {
  YEAR: 'YEAR',
  MONTH: 'MONTH',
  DAY: 'DAY',
  HOUR: 'HOUR',
  MINUTE: 'MINUTE',
} as const;
registerEnumType(TimePrecision, {
  name: 'TimePrecision',
  description: "How much of an event's time is known: a DAY event is known to the day, not the hour.",
  valuesConfig: {
    YEAR: { description: 'Known to the year ("2024").' },
    MONTH: { description: 'Known to the month ("2023-02").' },
    DAY: { description: 'Known to the day ("2023-03-20").' },
    HOUR: { description: 'Known to the hour.' },
    MINUTE: { description: 'Known to the minute.' },
  },
});

/** The part an actor plays in an event. */
export const ParticipantRole = {
  HOST: 'HOST',
  GUEST: 'GUEST',
  PARTICIPANT: 'PARTICIPANT',
  SPEAKER: 'SPEAKER',
  ISSUER: 'ISSUER',
  TARGET: 'TARGET',
  MENTIONED: 'MENTIONED',
} as const;
registerEnumType(ParticipantRole, {
  name: 'ParticipantRole',
  description: 'The part an actor plays in an event.',
  valuesConfig: {
    HOST: { description: 'Receives the others (Putin hosting Xi in Moscow).' },
    GUEST: { description: 'Is received by the host.' },
    PARTICIPANT: { description: 'Takes part on an equal footing.' },
    SPEAKER: { description: 'Makes the statement the event is about.' },
    ISSUER: { description: 'Issues the warrant, proposal or announcement.' },
    TARGET: { description: 'Is the object of a legal action or demand.' },
    MENTIONED: { description: 'Is talked about without taking part.' },
  },
});

/** Typed links between events; the second of each pair is the derived inverse of the first. */
export const RelationType = {
  PART_OF: 'PART_OF',
  HAS_PART: 'HAS_PART',
  FOLLOWS: 'FOLLOWS',
  FOLLOWED_BY: 'FOLLOWED_BY',
  CAUSED_BY: 'CAUSED_BY',
  CAUSES: 'CAUSES',
  RESPONDS_TO: 'RESPONDS_TO',
  HAS_RESPONSE: 'HAS_RESPONSE',
} as const;
registerEnumType(RelationType, {
  name: 'RelationType',
  description:
    'How one event relates to another, read from the event that has the relation: "this event PART_OF that event". Each relation is stored once; its inverse is derived.',
  valuesConfig: {
    PART_OF: { description: 'This event is a component of the other (talks PART_OF a state visit).' },
    HAS_PART: { description: 'The other event is a component of this one (inverse of PART_OF).' },
    FOLLOWS: { description: 'This event comes after the other, in sequence (formal talks FOLLOW informal talks).' },
    FOLLOWED_BY: { description: 'The other event comes after this one (inverse of FOLLOWS).' },
    CAUSED_BY: { description: 'This event was brought about by the other.' },
    CAUSES: { description: 'This event brought the other about (inverse of CAUSED_BY).' },
    RESPONDS_TO: { description: 'This event is a reaction to the other (a criminal case RESPONDS_TO a warrant).' },
    HAS_RESPONSE: { description: 'The other event is a reaction to this one (inverse of RESPONDS_TO).' },
  },
});
