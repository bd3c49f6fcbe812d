import { execute } from './annals-client';
import { BucketsDocument, EventBySlugDocument, SearchDocument, TimelinePageDocument } from './gql/graphql';

/**
 * Runs the four example operations against an Annals server and prints what a client would show:
 * `node dist/run.js [http://localhost:4000]`.
 */
async function main(base: string): Promise<void> {
  const endpoint = `${base.replace(/\/$/, '')}/graphql`;
  const page = await execute(endpoint, TimelinePageDocument, { first: 5, filter: { kinds: ['MEETING'] }, lang: 'en' });
  const talks = await execute(endpoint, EventBySlugDocument, { slug: 'xi-putin-formal-talks', lang: 'en' });
  const hits = await execute(endpoint, SearchDocument, { query: 'RFI', first: 10 });
  const buckets = await execute(endpoint, BucketsDocument, { size: 'DAY', timeZone: 'Europe/Moscow' });
  const summary = {
    timeline: {
      totalCount: page.timeline.totalCount,
      spans: page.timeline.nodes.map(({ slug, time }) => ({ slug, start: time.start, until: time.until })),
    },
    event: talks.event && {
      title: talks.event.title,
      status: talks.event.status,
      quotes: talks.event.citations.map((citation) => citation.quote).filter((quote) => quote !== null),
      attributedTo: talks.event.citations.flatMap((citation) => citation.attributedTo?.name ?? []),
    },
    search: hits.search.map((hit) => {
      switch (hit.__typename) {
        case 'Actor':
          return `actor ${hit.slug} (${hit.actorKind})`;
        case 'Source':
          return `source ${hit.slug} (${hit.sourceKind})`;
        case 'Event':
          return `event ${hit.slug}`;
      }
    }),
    busiestDay: buckets.timelineBuckets.reduce((a, b) => (b.count > a.count ? b : a)),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main(process.argv[2] ?? 'http://localhost:4000').catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
