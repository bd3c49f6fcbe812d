import { type RevisionRow } from '../history/revision.queries';
import { type ChangePosition } from './change-cursor';

/** What a change did to its event, as `TimelineChange.action` says it. */
export type ChangeAction = 'CREATED' | 'UPDATED' | 'DELETED';

/** One change to an event: one revision of the log, in commit order. */
export interface ChangeRow {
  readonly position: ChangePosition;
  /** The opaque cursor of {@link position}. */
  readonly cursor: string;
  readonly eventId: string;
  readonly action: ChangeAction;
  /** The instant its transaction was recorded at. */
  readonly recordedAt: Date;
  readonly revision: RevisionRow;
}
