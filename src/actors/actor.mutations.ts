import { GraphQLError } from 'graphql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { fieldChanges } from '../curation/field-changes';
import { InputChecker } from '../curation/input-checker';
import { type Reference, resolveReferences } from '../curation/references';
import { lockSubject, recordDeletion, recordRevision } from '../curation/revision-log';
import { runWrite, type Write } from '../curation/write-transaction';
import { checkReason } from '../events/event-input.checks';
import { type RequestContext } from '../graphql/context';
import { ErrorCode } from '../graphql/errors';
import { expectGlobalId, toGlobalId } from '../shared/global-id';
import { checkCreateActor, checkUpdateActor } from './actor-input.checks';
import { lockMergeSides, mergeActorInto } from './actor-merge';
import { deletionChanges, recordEach } from './actor-reference-changes';
import { findActorReferences, lockObjectsNamingActors } from './actor-references.writes';
import { CreateActorInput, DeleteActorInput, MergeActorsInput, UpdateActorInput } from './actor-write.inputs';
import { CreateActorPayload, DeleteActorPayload, MergeActorsPayload, UpdateActorPayload } from './actor-write.payloads';
import { findActorsByIds } from './actor.queries';
import { type ActorRow } from './actor.row';
import {
  ACTOR_SNAPSHOT_FIELDS,
  deleteActorRow,
  findActorSnapshot,
  insertActor,
  isMergedActorSlug,
  updateActorColumns,
} from './actor.writes';

async function writtenActor(write: Write, id: string): Promise<ActorRow> {
  const [row] = await findActorsByIds(write.sql, [id]);
  return row!;
}

/** The actor a write changes, merged ids followed to the survivor, locked FOR UPDATE. */
async function resolveChangedActor(write: Write, globalId: string, argument: string): Promise<string> {
  const [id] = await resolveReferences(write, [{ type: 'Actor', globalId, argument }], 'UPDATE');
  return id!;
}

/**
 * The actors a write deletes or merges, merged ids followed to the survivor, once the events and
 * sources naming them are locked (see {@link lockObjectsNamingActors}), then locked FOR UPDATE.
 */
async function resolveRemovedActors(write: Write, references: readonly Reference[]): Promise<string[]> {
  await lockObjectsNamingActors(write.sql, await resolveReferences(write, references, null));
  return resolveReferences(write, references, 'UPDATE');
}

async function checkSlugNotMerged(write: Write, slug: string): Promise<void> {
  if (await isMergedActorSlug(write.sql, slug)) {
    throw new GraphQLError('That slug is already taken; slugs are unique.', {
      extensions: { code: ErrorCode.CONFLICT, argument: 'input.slug' },
    });
  }
}

function checkedReason(reason: string | null | undefined): void {
  const checker = new InputChecker();
  checkReason(checker, reason);
  checker.throwIfInvalid();
}

/** Creating, changing, deleting and merging actors; every change is one transaction. */
@Resolver()
export class ActorMutationResolver {
  @Mutation(() => CreateActorPayload, {
    description: 'Records a new actor as revision 1. Needs an EDITOR token.',
  })
  createActor(
    @Ctx() context: RequestContext,
    @Arg('input', () => CreateActorInput, { description: 'The actor.' }) input: CreateActorInput,
  ) {
    const columns = checkCreateActor(input);
    return runWrite(context, 'EDITOR', input.reason, async (write) => {
      await checkSlugNotMerged(write, columns.slug);
      const id = await insertActor(write.sql, columns);
      const changes = fieldChanges(null, await findActorSnapshot(write.sql, id), ACTOR_SNAPSHOT_FIELDS);
      await recordRevision(write, 'Actor', id, 'CREATE', changes, { created: true });
      return { actor: await writtenActor(write, id) };
    });
  }

  @Mutation(() => UpdateActorPayload, {
    description:
      'Changes fields of an actor; fields left out stay as they are. A change that changes nothing records no revision. Needs an EDITOR token.',
  })
  updateActor(
    @Ctx() context: RequestContext,
    @Arg('input', () => UpdateActorInput, { description: 'The actor and the changes.' }) input: UpdateActorInput,
  ) {
    expectGlobalId(input.id, 'Actor', 'input.id');
    return runWrite(context, 'EDITOR', input.reason, async (write) => {
      const id = await resolveChangedActor(write, input.id, 'input.id');
      await lockSubject(write, 'Actor', id, 'input.id', input.expectedRevision);
      const before = (await findActorSnapshot(write.sql, id))!;
      const columns = checkUpdateActor(input, before);
      if (columns.slug !== undefined && columns.slug !== before.slug) await checkSlugNotMerged(write, columns.slug);
      await updateActorColumns(write.sql, id, columns);
      const changes = fieldChanges(before, await findActorSnapshot(write.sql, id), ACTOR_SNAPSHOT_FIELDS);
      if (changes.length) await recordRevision(write, 'Actor', id, 'UPDATE', changes);
      return { actor: await writtenActor(write, id) };
    });
  }

  @Mutation(() => DeleteActorPayload, {
    description:
      'Deletes an actor with its participations; citations that quote it or attribute to it, and sources it published, keep no actor there. Each event and source that loses something gets a revision. Its history stays, and `asOf` an earlier instant still shows it. Needs an ADMIN token.',
  })
  deleteActor(
    @Ctx() context: RequestContext,
    @Arg('input', () => DeleteActorInput, { description: 'The actor.' }) input: DeleteActorInput,
  ) {
    expectGlobalId(input.id, 'Actor', 'input.id');
    checkedReason(input.reason);
    return runWrite(context, 'ADMIN', input.reason, async (write) => {
      const [id] = (await resolveRemovedActors(write, [
        { type: 'Actor', globalId: input.id, argument: 'input.id' },
      ])) as [string];
      const revision = await lockSubject(write, 'Actor', id, 'input.id', input.expectedRevision);
      const before = await findActorSnapshot(write.sql, id);
      const changes = deletionChanges(id, await findActorReferences(write.sql, id));
      await deleteActorRow(write.sql, id);
      await recordDeletion(write, 'Actor', id, revision, fieldChanges(before, null, ACTOR_SNAPSHOT_FIELDS));
      await recordEach(write, 'Event', changes.events, (eventChanges) =>
        eventChanges.some((change) => change.field === 'participants') ? 'REMOVE_PARTICIPANT' : 'UPDATE',
      );
      await recordEach(write, 'Source', changes.sources, () => 'UPDATE');
      return { deletedActorId: toGlobalId('Actor', id) };
    });
  }

  @Mutation(() => MergeActorsPayload, {
    description:
      "Merges two records of the same actor: the survivor takes over the merged actor's participations (where both take part in an event in the same role, the survivor's stays), citations and sources, and gains its names, aliases, descriptions and sameAs it lacks. The merged actor is deleted, but its id and slug lead to the survivor from then on; `asOf` an earlier instant still shows it. Needs an ADMIN token.",
  })
  mergeActors(
    @Ctx() context: RequestContext,
    @Arg('input', () => MergeActorsInput, { description: 'The survivor and the actor merged into it.' })
    input: MergeActorsInput,
  ) {
    const checker = new InputChecker();
    checker.check(
      'input.mergedId',
      expectGlobalId(input.survivorId, 'Actor', 'input.survivorId') !==
        expectGlobalId(input.mergedId, 'Actor', 'input.mergedId'),
      'An actor cannot be merged into itself; give two different actors.',
    );
    checkReason(checker, input.reason);
    checker.throwIfInvalid();
    return runWrite(context, 'ADMIN', input.reason, async (write) => {
      const [survivorId, mergedId] = await resolveRemovedActors(write, [
        { type: 'Actor', globalId: input.survivorId, argument: 'input.survivorId' },
        { type: 'Actor', globalId: input.mergedId, argument: 'input.mergedId' },
      ]);
      if (survivorId === mergedId) {
        throw new GraphQLError('The actor given in `input.mergedId` was already merged into the survivor.', {
          extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'input.mergedId' },
        });
      }
      const [, mergedRevision] = await lockMergeSides(write, [
        {
          id: survivorId!,
          argument: 'input.survivorId',
          expected: { argument: 'input.survivorExpectedRevision', revision: input.survivorExpectedRevision },
        },
        {
          id: mergedId!,
          argument: 'input.mergedId',
          expected: { argument: 'input.mergedExpectedRevision', revision: input.mergedExpectedRevision },
        },
      ]);
      await mergeActorInto(write, survivorId!, mergedId!, mergedRevision!);
      return { actor: await writtenActor(write, survivorId!) };
    });
  }
}
