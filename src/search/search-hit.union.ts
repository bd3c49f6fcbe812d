import { createUnionType } from 'type-graphql';
import { Actor } from '../actors/actor.type';
import { Event } from '../events/event.type';
import { Source } from '../sources/source.type';

/** Anything `search` can find; rows carry `__typename`. */
export const SearchHit = createUnionType({
  name: 'SearchHit',
  description: 'Something search found: an event, an actor or a source.',
  types: () => [Event, Actor, Source] as const,
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});
