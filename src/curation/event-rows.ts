import { findCitationsByIds, type CitationRow } from '../events/citation.queries';
import { findEventsByIds } from '../events/event.queries';
import { type EventRow } from '../events/event.row';
import { type Write } from './write-transaction';

/** The event as the write left it (read inside its transaction). */
export async function writtenEvent(write: Write, id: string): Promise<EventRow> {
  const [row] = await findEventsByIds(write.sql, [id]);
  return row!;
}

/** The citation as the write left it (read inside its transaction). */
export async function writtenCitation(write: Write, id: string): Promise<CitationRow> {
  const [row] = await findCitationsByIds(write.sql, [id]);
  return row!;
}
