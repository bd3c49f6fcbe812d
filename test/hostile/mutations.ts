import { type Credential, type Fixtures, graphql, type HostileCase, withToken } from './cases';
import { rejected } from './outcome';
import { type HostileRequest } from './server';

/** A mutation's `input` as JSON. */
export type Input = Record<string, unknown>;

/** The mutation `name` taking `input` of `inputType`, selecting `selection` of its payload. */
function mutation(name: string, inputType: string, selection: string) {
  return (input: Input): HostileRequest =>
    graphql(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, { input });
}

export const createEvent = mutation('createEvent', 'CreateEventInput', 'event { id }');
export const updateEvent = mutation('updateEvent', 'UpdateEventInput', 'event { id }');
export const setEventStatus = mutation('setEventStatus', 'SetEventStatusInput', 'event { id }');
export const deleteEvent = mutation('deleteEvent', 'DeleteEventInput', 'deletedEventId');
export const addParticipant = mutation('addParticipant', 'AddParticipantInput', 'event { id }');
export const addCitation = mutation('addCitation', 'AddCitationInput', 'citation { id }');
export const removeCitation = mutation('removeCitation', 'RemoveCitationInput', 'event { id }');
export const linkEvents = mutation('linkEvents', 'EventLinkInput', 'event { id }');
export const createActor = mutation('createActor', 'CreateActorInput', 'actor { id }');
export const updateActor = mutation('updateActor', 'UpdateActorInput', 'actor { id }');
export const mergeActors = mutation('mergeActors', 'MergeActorsInput', 'actor { id }');
export const deleteActor = mutation('deleteActor', 'DeleteActorInput', 'deletedActorId');
export const createSource = mutation('createSource', 'CreateSourceInput', 'source { id }');
export const updateSource = mutation('updateSource', 'UpdateSourceInput', 'source { id }');
export const deleteSource = mutation('deleteSource', 'DeleteSourceInput', 'deletedSourceId');

/** A valid new event, which a case spoils in one place. */
export const newEvent = (changes: Input = {}): Input => ({
  slug: 'hostile-new-event',
  kind: 'MEETING',
  status: 'OCCURRED',
  originalLanguage: 'en',
  titles: [{ lang: 'en', text: 'A meeting' }],
  time: { start: '2023-03-21T00:00:00Z', precision: 'DAY', timeZone: 'UTC' },
  ...changes,
});

/** A valid new actor, which a case spoils in one place. */
export const newActor = (changes: Input = {}): Input => ({
  slug: 'hostile-new-actor',
  kind: 'PERSON',
  originalLanguage: 'en',
  names: [{ lang: 'en', text: 'A person' }],
  ...changes,
});

/** A valid new source, which a case spoils in one place. */
export const newSource = (changes: Input = {}): Input => ({
  slug: 'hostile-new-source',
  kind: 'NEWS_ARTICLE',
  language: 'en',
  title: 'An article',
  ...changes,
});

/** A valid event time with `changes`. */
export const time = (changes: Input): Input => ({
  time: { start: '2023-03-21T00:00:00Z', precision: 'DAY', timeZone: 'UTC', ...changes },
});

/** Request makers of a case: plain, or reading the fixtures. */
export type MakeRequest = HostileRequest | ((fixtures: Fixtures) => HostileRequest);

/** One group of mutation cases, sent with `credential`, after which the database must be as it was. */
export interface MutationGroup {
  title: string;
  cases: HostileCase[];
}

/** A group of cases made with the case makers of `credential`. */
export function group(
  title: string,
  credential: Credential,
  build: (make: ReturnType<typeof withToken>) => HostileCase[],
) {
  return { title, cases: build(withToken(credential)) };
}

/** BAD_USER_INPUT, the answer to most hostile input. */
export const bad = rejected('BAD_USER_INPUT');
