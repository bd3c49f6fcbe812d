import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { fieldChanges, type FieldChange } from '../curation/field-changes';
import { InputChecker } from '../curation/input-checker';
import { resolveReferences } from '../curation/references';
import { lockSubject, recordDeletion, recordRevision } from '../curation/revision-log';
import { runWrite, type Write } from '../curation/write-transaction';
import { checkReason } from '../events/event-input.checks';
import { citationChangeValue } from '../events/event-parts';
import { type RequestContext } from '../graphql/context';
import { expectGlobalId, toGlobalId } from '../shared/global-id';
import { checkCreateSource, checkUpdateSource } from './source-input.checks';
import { CreateSourceInput, DeleteSourceInput, UpdateSourceInput } from './source-write.inputs';
import { CreateSourcePayload, DeleteSourcePayload, UpdateSourcePayload } from './source-write.payloads';
import { findSourcesByIds } from './source.queries';
import { type SourceRow } from './source.row';
import {
  deleteSourceRow,
  findCitationsOfSource,
  findSourceSnapshot,
  insertSource,
  lockEventsCitingSource,
  SOURCE_SNAPSHOT_FIELDS,
  updateSourceColumns,
} from './source.writes';

async function writtenSource(write: Write, id: string): Promise<SourceRow> {
  const [row] = await findSourcesByIds(write.sql, [id]);
  return row!;
}

/** The database id of the publisher given, null to clear it, undefined when it was left out. */
async function publisherIdOf(write: Write, globalId: string | null | undefined): Promise<string | null | undefined> {
  if (globalId == null) return globalId;
  const [id] = await resolveReferences(write, [{ type: 'Actor', globalId, argument: 'input.publisherId' }]);
  return id;
}

/** Creating, changing and deleting sources; every change is one transaction and one revision. */
@Resolver()
export class SourceMutationResolver {
  @Mutation(() => CreateSourcePayload, { description: 'Records a new source as revision 1. Needs an EDITOR token.' })
  createSource(
    @Ctx() context: RequestContext,
    @Arg('input', () => CreateSourceInput, { description: 'The source.' }) input: CreateSourceInput,
  ) {
    const columns = checkCreateSource(input);
    if (input.publisherId != null) expectGlobalId(input.publisherId, 'Actor', 'input.publisherId');
    return runWrite(context, 'EDITOR', input.reason, async (write) => {
      const publisherId = await publisherIdOf(write, input.publisherId);
      const id = await insertSource(write.sql, { ...columns, publisher_id: publisherId ?? null });
      const changes = fieldChanges(null, await findSourceSnapshot(write.sql, id), SOURCE_SNAPSHOT_FIELDS);
      await recordRevision(write, 'Source', id, 'CREATE', changes, { created: true });
      return { source: await writtenSource(write, id) };
    });
  }

  @Mutation(() => UpdateSourcePayload, {
    description:
      'Changes fields of a source; fields left out stay as they are. A change that changes nothing records no revision. Needs an EDITOR token.',
  })
  updateSource(
    @Ctx() context: RequestContext,
    @Arg('input', () => UpdateSourceInput, { description: 'The source and the changes.' }) input: UpdateSourceInput,
  ) {
    const id = expectGlobalId(input.id, 'Source', 'input.id');
    const columns = checkUpdateSource(input);
    if (input.publisherId != null) expectGlobalId(input.publisherId, 'Actor', 'input.publisherId');
    return runWrite(context, 'EDITOR', input.reason, async (write) => {
      await lockSubject(write, 'Source', id, 'input.id', input.expectedRevision);
      const before = await findSourceSnapshot(write.sql, id);
      const publisherId = await publisherIdOf(write, input.publisherId);
      await updateSourceColumns(write.sql, id, { ...columns, publisher_id: publisherId });
      const changes = fieldChanges(before, await findSourceSnapshot(write.sql, id), SOURCE_SNAPSHOT_FIELDS);
      if (changes.length) await recordRevision(write, 'Source', id, 'UPDATE', changes);
      return { source: await writtenSource(write, id) };
    });
  }

  @Mutation(() => DeleteSourcePayload, {
    description:
      'Deletes a source with its citations; each event that loses a citation gets a REMOVE_CITATION revision. Its history stays, and `asOf` an earlier instant still shows it. Needs an ADMIN token.',
  })
  deleteSource(
    @Ctx() context: RequestContext,
    @Arg('input', () => DeleteSourceInput, { description: 'The source.' }) input: DeleteSourceInput,
  ) {
    const id = expectGlobalId(input.id, 'Source', 'input.id');
    const checker = new InputChecker();
    checkReason(checker, input.reason);
    checker.throwIfInvalid();
    return runWrite(context, 'ADMIN', input.reason, async (write) => {
      await lockEventsCitingSource(write.sql, id);
      const revision = await lockSubject(write, 'Source', id, 'input.id', input.expectedRevision);
      const before = await findSourceSnapshot(write.sql, id);
      const citations = await findCitationsOfSource(write.sql, id);
      await deleteSourceRow(write.sql, id);
      await recordDeletion(write, 'Source', id, revision, fieldChanges(before, null, SOURCE_SNAPSHOT_FIELDS));
      const lostCitations = new Map<string, FieldChange[]>();
      for (const citation of citations) {
        const change = { field: 'citations', before: citationChangeValue(citation.id, citation), after: null };
        lostCitations.set(citation.eventId, [...(lostCitations.get(citation.eventId) ?? []), change]);
      }
      for (const [eventId, changes] of lostCitations) {
        await recordRevision(write, 'Event', eventId, 'REMOVE_CITATION', changes);
      }
      return { deletedSourceId: toGlobalId('Source', id) };
    });
  }
}
