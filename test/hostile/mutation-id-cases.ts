import { base64url, malformedGlobalIds } from './generators';
import { graphql } from './cases';
import { rejected } from './outcome';
import {
  addCitation,
  addParticipant,
  bad,
  createEvent,
  createSource,
  deleteActor,
  deleteEvent,
  deleteSource,
  group,
  linkEvents,
  type MakeRequest,
  mergeActors,
  type MutationGroup,
  newActor,
  newEvent,
  newSource,
  removeCitation,
  setEventStatus,
  updateActor,
  updateEvent,
  updateSource,
  createActor,
} from './mutations';

function referenceCases(): MutationGroup {
  const missing = (type: string) => base64url(`${type}:9223372036854775807`);
  const notFound = rejected('NOT_FOUND');
  const refs: [string, MakeRequest][] = [
    ['updateEvent of an event that does not exist', updateEvent({ id: missing('Event'), status: 'OCCURRED' })],
    ['setEventStatus of an event that does not exist', setEventStatus({ id: missing('Event'), status: 'OCCURRED' })],
    [
      'addParticipant of an actor that does not exist',
      ({ eventId }) => addParticipant({ eventId, actorId: missing('Actor'), role: 'HOST' }),
    ],
    [
      'addCitation of a source that does not exist',
      ({ eventId }) => addCitation({ eventId, sourceId: missing('Source') }),
    ],
    [
      'addCitation quoting a speaker who does not exist',
      ({ eventId, sourceId }) => addCitation({ eventId, sourceId, speakerId: missing('Actor') }),
    ],
    ['removeCitation of a citation that does not exist', removeCitation({ id: missing('Citation') })],
    [
      'linkEvents to an event that does not exist',
      ({ eventId }) => linkEvents({ eventId, type: 'FOLLOWS', relatedEventId: missing('Event') }),
    ],
    [
      'createEvent with a participant who does not exist',
      createEvent(newEvent({ participants: [{ actorId: missing('Actor'), role: 'HOST' }] })),
    ],
    [
      'createSource published by an actor who does not exist',
      createSource(newSource({ publisherId: missing('Actor') })),
    ],
    ['updateActor of an actor that does not exist', updateActor({ id: missing('Actor'), kind: 'PERSON' })],
    ['updateSource of a source that does not exist', updateSource({ id: missing('Source'), title: 'x' })],
  ];
  const wrongType: [string, MakeRequest][] = [
    ['updateEvent given an actor id', ({ actorId }) => updateEvent({ id: actorId, status: 'OCCURRED' })],
    [
      'addParticipant given an event id as the actor',
      ({ eventId }) => addParticipant({ eventId, actorId: eventId, role: 'HOST' }),
    ],
    [
      'addCitation given an actor id as the source',
      ({ eventId, actorId }) => addCitation({ eventId, sourceId: actorId }),
    ],
    ['removeCitation given an event id', ({ eventId }) => removeCitation({ id: eventId })],
    [
      'linkEvents given a source id as the other event',
      ({ eventId, sourceId }) => linkEvents({ eventId, type: 'FOLLOWS', relatedEventId: sourceId }),
    ],
    ['updateSource given a citation id', ({ citationId }) => updateSource({ id: citationId, title: 'x' })],
    [
      'createSource given an event id as the publisher',
      ({ eventId }) => createSource(newSource({ publisherId: eventId })),
    ],
  ];
  return group('ids', 'editor', ({ generated, handWritten }) => [
    ...refs.map(([name, request]) => handWritten(`${name} is NOT_FOUND`, request, notFound)),
    ...wrongType.map(([name, request]) => handWritten(`${name} is BAD_USER_INPUT`, request, bad)),
    ...malformedGlobalIds().flatMap(({ label, value }) => [
      generated(`updateEvent rejects the id ${label}`, updateEvent({ id: value, status: 'OCCURRED' }), bad),
      generated(
        `addParticipant rejects the actor id ${label}`,
        ({ eventId }) => addParticipant({ eventId, actorId: value, role: 'HOST' }),
        bad,
      ),
    ]),
    handWritten(
      'linkEvents rejects linking an event to itself',
      ({ eventId }) => linkEvents({ eventId, type: 'FOLLOWS', relatedEventId: eventId }),
      bad,
    ),
    handWritten(
      'linkEvents rejects the relation the seed already has',
      ({ eventId, otherEventId }) => linkEvents({ eventId, type: 'FOLLOWS', relatedEventId: otherEventId }),
      rejected('CONFLICT'),
    ),
    handWritten(
      'addParticipant rejects a role the actor already has',
      ({ eventId, actorId }) => addParticipant({ eventId, actorId, role: 'HOST' }),
      rejected('CONFLICT'),
    ),
    handWritten(
      'updateEvent rejects an expected revision that is not current',
      ({ eventId }) => updateEvent({ id: eventId, status: 'OCCURRED', expectedRevision: 2 }),
      rejected('CONFLICT'),
    ),
    handWritten(
      'updateEvent rejects the expected revision -1',
      ({ eventId }) => updateEvent({ id: eventId, status: 'OCCURRED', expectedRevision: -1 }),
      rejected('BAD_USER_INPUT', 'CONFLICT'),
    ),
    handWritten(
      'updateEvent rejects the expected revision 2^31',
      ({ eventId }) => updateEvent({ id: eventId, status: 'OCCURRED', expectedRevision: 2 ** 31 }),
      bad,
    ),
    handWritten(
      'updateEvent rejects the status "occurred" in lower case',
      ({ eventId }) => updateEvent({ id: eventId, status: 'occurred' }),
      bad,
    ),
    handWritten(
      'createEvent rejects a participant role that does not exist',
      ({ actorId }) => createEvent(newEvent({ participants: [{ actorId, role: 'VILLAIN' }] })),
      bad,
    ),
    handWritten(
      'createEvent rejects an input with a field it does not have',
      createEvent(newEvent({ id: base64url('Event:1') })),
      bad,
    ),
    handWritten(
      'createEvent rejects an input that is a list',
      graphql('mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } } }', {
        input: [newEvent()],
      }),
      bad,
    ),
  ]);
}

function adminCases(): MutationGroup {
  return group('admin-only mutations with an EDITOR token', 'editor', ({ handWritten }) => {
    const forbidden = rejected('FORBIDDEN');
    return [
      handWritten('deleteEvent with an EDITOR token', ({ eventId }) => deleteEvent({ id: eventId }), forbidden),
      handWritten('deleteActor with an EDITOR token', ({ actorId }) => deleteActor({ id: actorId }), forbidden),
      handWritten('deleteSource with an EDITOR token', ({ sourceId }) => deleteSource({ id: sourceId }), forbidden),
      handWritten(
        'mergeActors with an EDITOR token',
        ({ actorId, otherActorId }) => mergeActors({ survivorId: actorId, mergedId: otherActorId }),
        forbidden,
      ),
    ];
  });
}

function adminHostileCases(): MutationGroup {
  return group('admin mutations with hostile ids', 'admin', ({ handWritten, generated }) => [
    handWritten(
      'mergeActors rejects merging an actor into itself',
      ({ actorId }) => mergeActors({ survivorId: actorId, mergedId: actorId }),
      bad,
    ),
    handWritten(
      'mergeActors rejects a survivor that does not exist',
      ({ actorId }) => mergeActors({ survivorId: base64url('Actor:9223372036854775807'), mergedId: actorId }),
      rejected('NOT_FOUND'),
    ),
    handWritten(
      'mergeActors rejects an event as the merged actor',
      ({ actorId, eventId }) => mergeActors({ survivorId: actorId, mergedId: eventId }),
      bad,
    ),
    handWritten(
      'deleteEvent rejects a revision that is not current',
      ({ eventId }) => deleteEvent({ id: eventId, expectedRevision: 99 }),
      rejected('CONFLICT'),
    ),
    handWritten(
      'deleteSource rejects a source that does not exist',
      deleteSource({ id: base64url('Source:9223372036854775807') }),
      rejected('NOT_FOUND'),
    ),
    ...['Event:0', 'Event:-1', 'Event:9223372036854775808'].map((forged) =>
      generated(`deleteEvent rejects the forged id base64 of "${forged}"`, deleteEvent({ id: base64url(forged) }), bad),
    ),
    generated('deleteActor rejects a source id', ({ sourceId }) => deleteActor({ id: sourceId }), bad),
  ]);
}

function credentialCases(): MutationGroup {
  return group('mutations without a token', 'none', ({ handWritten }) => {
    const anonymous = rejected('UNAUTHENTICATED');
    return [
      handWritten('createEvent without a token', createEvent(newEvent()), anonymous),
      handWritten('createActor without a token', createActor(newActor()), anonymous),
      handWritten('createSource without a token', createSource(newSource()), anonymous),
      handWritten('deleteEvent without a token', ({ eventId }) => deleteEvent({ id: eventId }), anonymous),
      handWritten(
        'createEvent with a forged token',
        { ...createEvent(newEvent()), headers: { authorization: `Bearer annals_${'A'.repeat(43)}` } },
        anonymous,
      ),
      handWritten(
        'createEvent with an empty Bearer',
        { ...createEvent(newEvent()), headers: { authorization: 'Bearer ' } },
        anonymous,
      ),
      handWritten(
        'createEvent with two tokens in one header',
        { ...createEvent(newEvent()), headers: { authorization: 'Bearer a, Bearer b' } },
        anonymous,
      ),
      handWritten(
        'sixteen aliased createEvent mutations in one document',
        graphql(
          `mutation { ${Array.from({ length: 16 }, (_, i) => `m${i}: createEvent(input: { slug: "m-${i}", kind: OTHER, status: OCCURRED, originalLanguage: "en", titles: [{ lang: "en", text: "t" }], time: { start: "2023-03-21T00:00:00Z", precision: DAY, timeZone: "UTC" } }) { event { id } }`).join(' ')} }`,
        ),
        rejected('QUERY_TOO_MANY_ALIASES', 'QUERY_TOO_MANY_TOKENS'),
      ),
    ];
  });
}

/** Unknown, malformed and wrong-type ids, roles and tokens in mutations, each group leaving the database as it was. */
export function mutationIdGroups(): MutationGroup[] {
  return [referenceCases(), adminCases(), adminHostileCases(), credentialCases()];
}
