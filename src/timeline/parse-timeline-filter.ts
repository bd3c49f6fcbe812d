import { badUserInput } from '../graphql/errors';
import { parseSearchTerms } from '../search/search-terms';
import { expectGlobalId } from '../shared/global-id';
import { type EventFilter } from './event-filter';
import { type TimelineFilterInput } from './timeline-filter.input';

/** The most entries any list in a filter may have. */
export const MAX_FILTER_LIST = 100;

function checkList<T>(list: readonly T[] | null | undefined, argument: string): readonly T[] | undefined {
  if (!list) return undefined;
  if (list.length > MAX_FILTER_LIST) {
    throw badUserInput(argument, `\`${argument}\` has ${list.length} entries; at most ${MAX_FILTER_LIST} are allowed.`);
  }
  return list;
}

/**
 * Validates a TimelineFilter and turns it into database terms: global ids decoded (and checked
 * to be of the right type), `from` before `to`, lists capped, search text split into terms.
 */
export function parseTimelineFilter(input: TimelineFilterInput | null | undefined, argument = 'filter'): EventFilter {
  if (!input) return {};
  const filter: EventFilter = {};
  if (input.from) filter.from = input.from;
  if (input.to) filter.to = input.to;
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw badUserInput(`${argument}.to`, '`to` must be later than `from`.');
  }
  const actors = checkList(input.actors, `${argument}.actors`);
  if (actors?.length) {
    filter.actorIds = [
      ...new Set(actors.map((id, index) => expectGlobalId(id, 'Actor', `${argument}.actors[${index}]`))),
    ];
  }
  filter.actorMatch = input.actorMatch ?? 'ANY';
  if (input.role) filter.role = input.role;
  const kinds = checkList(input.kinds, `${argument}.kinds`);
  if (kinds?.length) filter.kinds = [...kinds];
  const statuses = checkList(input.statuses, `${argument}.statuses`);
  if (statuses?.length) filter.statuses = [...statuses];
  const sources = checkList(input.sources, `${argument}.sources`);
  if (sources?.length) {
    filter.sourceIds = sources.map((id, index) => expectGlobalId(id, 'Source', `${argument}.sources[${index}]`));
  }
  const tags = checkList(input.tags, `${argument}.tags`);
  tags?.forEach((tag, index) => {
    if (tag.includes('\u0000'))
      throw badUserInput(`${argument}.tags[${index}]`, 'A tag never contains NUL characters.');
  });
  if (tags?.length) filter.tags = [...tags];
  if (input.search) {
    const terms = parseSearchTerms(input.search, `${argument}.search`);
    if (terms.length) filter.searchTerms = terms;
  }
  return filter;
}
