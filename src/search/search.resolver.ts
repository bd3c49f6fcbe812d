import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { findActorsByRelevance } from '../actors/actor.queries';
import { type ActorRow } from '../actors/actor.row';
import { type EventRow } from '../events/event.row';
import { type RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { findSourcesMatching } from '../sources/source.queries';
import { type SourceRow } from '../sources/source.row';
import { parsePageRequest } from '../shared/page-request';
import { findTimelineRows, resolveSelection } from '../timeline/timeline.queries';
import { SearchHit } from './search-hit.union';
import { parseSearchTerms } from './search-terms';
import { AsOfArg } from '../as-of/as-of';

/**
 * Free-text search across events, actors and sources. Actors come first; events and sources are
 * read only when the actors leave room on the page, and only as many as fit.
 */
@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description:
      'Finds actors (by name or alias, most involved first), then events (by title, summary, quote or the names of their actors, in time order), then sources (by title or author), in any language: 普京 and Putin find the same things. Every word must match.',
  })
  async search(
    @Ctx() { sql }: RequestContext,
    @Arg('query', () => String, { description: 'The words to look for.' }) query: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'How many hits at most, 1..100.' })
    first?: number | null,
    @AsOfArg() _asOf?: Date | null,
  ): Promise<(EventRow | ActorRow | SourceRow)[]> {
    const { size } = parsePageRequest({ first });
    const terms = parseSearchTerms(query, 'query');
    if (!terms.length) throw badUserInput('query', '`query` must contain at least one word.');
    const [actors, selection] = await Promise.all([
      findActorsByRelevance(sql, terms, size),
      resolveSelection(sql, { filter: { searchTerms: terms }, order: 'CHRONOLOGICAL' }),
    ]);
    const left = size - actors.length;
    if (left <= 0) return actors.slice(0, size);
    const [events, sources] = await Promise.all([
      findTimelineRows(sql, selection, [], left),
      findSourcesMatching(sql, terms, left),
    ]);
    return [...actors, ...events, ...sources].slice(0, size);
  }
}
