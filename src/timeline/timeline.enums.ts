import { registerEnumType } from 'type-graphql';

/** The order of a timeline. */
export const TimelineOrder = {
  CHRONOLOGICAL: 'CHRONOLOGICAL',
  REVERSE_CHRONOLOGICAL: 'REVERSE_CHRONOLOGICAL',
} as const;
registerEnumType(TimelineOrder, {
  name: 'TimelineOrder',
  description:
    'The order of a timeline. Events with the same start time are ordered by id, so REVERSE_CHRONOLOGICAL is the exact reverse of CHRONOLOGICAL.',
  valuesConfig: {
    CHRONOLOGICAL: { description: 'Earliest start first.' },
    REVERSE_CHRONOLOGICAL: { description: 'Latest start first.' },
  },
});

/** How a list of actors in a filter combines. */
export const ActorMatch = { ANY: 'ANY', ALL: 'ALL' } as const;
registerEnumType(ActorMatch, {
  name: 'ActorMatch',
  description: 'How the actors of a timeline filter combine.',
  valuesConfig: {
    ANY: { description: 'Events with at least one of the actors.' },
    ALL: { description: 'Events with every one of the actors.' },
  },
});

/** Calendar units of a timeline histogram. */
export const BucketSize = { HOUR: 'HOUR', DAY: 'DAY', WEEK: 'WEEK', MONTH: 'MONTH', YEAR: 'YEAR' } as const;
registerEnumType(BucketSize, {
  name: 'BucketSize',
  description: 'The calendar unit of timeline buckets, taken in the requested time zone.',
  valuesConfig: {
    HOUR: { description: 'One bucket per hour.' },
    DAY: { description: 'One bucket per calendar day (local midnight to midnight).' },
    WEEK: { description: 'One bucket per ISO week, starting Monday.' },
    MONTH: { description: 'One bucket per calendar month.' },
    YEAR: { description: 'One bucket per calendar year.' },
  },
});
