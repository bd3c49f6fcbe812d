import { GraphQLJSON } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../graphql/page-info.type';

export const RevisionAction = {
  CREATE: 'CREATE',
  UPDATE: 'UPDATE',
  DELETE: 'DELETE',
  SET_STATUS: 'SET_STATUS',
  ADD_PARTICIPANT: 'ADD_PARTICIPANT',
  REMOVE_PARTICIPANT: 'REMOVE_PARTICIPANT',
  ADD_CITATION: 'ADD_CITATION',
  REMOVE_CITATION: 'REMOVE_CITATION',
  LINK: 'LINK',
  UNLINK: 'UNLINK',
  MERGE: 'MERGE',
} as const;
registerEnumType(RevisionAction, {
  name: 'RevisionAction',
  description: 'What a revision did.',
  valuesConfig: {
    CREATE: { description: 'Created the object.' },
    UPDATE: { description: 'Changed fields of the object.' },
    DELETE: { description: 'Deleted the object (the last revision of a deleted object).' },
    SET_STATUS: { description: "Changed an event's status, usually citing the source that reports it." },
    ADD_PARTICIPANT: { description: 'Added an actor to an event.' },
    REMOVE_PARTICIPANT: { description: 'Removed an actor from an event.' },
    ADD_CITATION: { description: 'Cited a source for an event.' },
    REMOVE_CITATION: { description: 'Removed a citation from an event.' },
    LINK: { description: 'Related an event to another.' },
    UNLINK: { description: 'Removed a relation between events (or the other event was deleted).' },
    MERGE: {
      description: 'Merged one actor into another: on the survivor, on the merged actor, and on each event it moved.',
    },
  },
});

@ObjectType('FieldChange', {
  description: 'One field of a revision: its value before and after.',
  simpleResolvers: true,
})
export class FieldChange {
  @Field({
    description:
      'The field, as the API names it: `status`, `time.start`, `titles`; `participants`, `citations` and `related` for parts added (before null) or removed (after null).',
  })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value before; null if there was none.' })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value after; null if there is none.' })
  after!: unknown;
}

@ObjectType('Revision', {
  description: 'One recorded change to an event, actor or source: who made it, when, why, and what changed.',
  simpleResolvers: true,
})
export class Revision {
  @Field(() => Int, { description: 'The revision number the change produced (1 for creation).' })
  revision!: number;

  @Field(() => RevisionAction, { description: 'What the change did.' })
  action!: keyof typeof RevisionAction;

  @Field(() => Date, {
    description:
      'When it was recorded: the instant its transaction committed, to the millisecond. Instants strictly increase in commit order, so revisions of one object are in the order of their numbers. `asOf` this instant shows the data with the change, one millisecond earlier without.',
  })
  recordedAt!: Date;

  @Field({ description: 'The name of the token that made the change.' })
  author!: string;

  @Field(() => String, { nullable: true, description: 'The reason the editor gave, if any.' })
  reason!: string | null;

  @Field(() => [FieldChange], { description: 'The fields that changed, in a stable order.' })
  changes!: FieldChange[];
}

@ObjectType('RevisionEdge', { description: 'A revision with its cursor.', simpleResolvers: true })
export class RevisionEdge {
  @Field({ description: 'Opaque position of this revision; pass it as `after`.' })
  cursor!: string;

  @Field(() => Revision, { description: 'The revision.' })
  node!: Revision;
}

@ObjectType('RevisionConnection', {
  description: 'A page of revisions, newest first (Relay connection).',
  simpleResolvers: true,
})
export class RevisionConnection {
  @Field(() => [RevisionEdge], { description: 'The revisions of this page with their cursors.' })
  edges!: RevisionEdge[];

  @Field(() => [Revision], { description: 'The revisions of this page, without cursors.' })
  nodes!: Revision[];

  @Field(() => PageInfo, { description: 'Where this page stands in the whole history.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many revisions there are in all; computed only when selected.' })
  totalCount!: number;
}
