import { countQuerySet, SEARCH_SET, searchSetRequest } from '../tools/bench/search-set';
import { buildWorkloads } from '../tools/bench/workloads';
import { useTestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';

const database = useTestDatabase();
const execute = useGraphQL(database);

/** The most statements one request of any benchmark workload may cost. */
const MAX_STATEMENTS = 5;

describe('the benchmark workloads on the seed', () => {
  it(`answer without errors in at most ${MAX_STATEMENTS} SQL statements each`, async () => {
    const page = await execute<{ timeline: { edges: { cursor: string; node: { id: string; slug: string } }[] } }>(
      `{ timeline(first: 100) { edges { cursor node { id slug } } } }`,
    );
    const edges = page.data!.timeline.edges;
    const workloads = buildWorkloads({
      facts: {
        busyActorSlug: 'vladimir-putin',
        chineseSearch: '普京',
        englishSearch: 'Putin',
        bucketYear: 2023,
        filterRange: { from: '2023-03-01T00:00:00Z', to: '2023-04-01T00:00:00Z' },
        filterKinds: ['MEETING', 'STATEMENT'],
        filterStatus: 'OCCURRED',
      },
      deepCursor: edges[Math.floor(edges.length / 2)]!.cursor,
      eventIds: edges.map((edge) => edge.node.id),
      asOf: {
        revisions: 3,
        instants: [new Date(Date.now() - 1000).toISOString(), new Date().toISOString()],
        firstPageStatuses: new Map([[edges[0]!.node.id, ['OCCURRED', 'OCCURRED', 'OCCURRED']]]),
        firstEventSlug: edges[0]!.node.slug,
      },
    });
    expect(workloads.map((workload) => workload.id)).toEqual(
      expect.arrayContaining(['W1', 'W2', 'W3', 'W4', 'W5a', 'W5b', 'W6', 'W7', 'W8', 'A1', 'A2', 'A3', 'A4']),
    );
    const costs: Record<string, unknown> = {};
    for (const { id, request } of workloads) {
      const result = await execute(request.query, request.variables);
      costs[id] = result.errors ?? result.sqlStatements;
    }
    for (const id of Object.keys(costs)) expect({ id, cost: costs[id] }).toEqual({ id, cost: expect.any(Number) });
    expect(Math.max(...(Object.values(costs) as number[]))).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it(`answer every query of the search set without errors in at most ${MAX_STATEMENTS} SQL statements each`, async () => {
    const costs: Record<string, unknown> = {};
    for (const { text } of SEARCH_SET) {
      const { query, variables } = searchSetRequest(text);
      const result = await execute(query, variables);
      costs[text] = result.errors ?? result.sqlStatements;
    }
    for (const text of Object.keys(costs))
      expect({ text, cost: costs[text] }).toEqual({ text, cost: expect.any(Number) });
    expect(Math.max(...(Object.values(costs) as number[]))).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it(`answer every query of the set of searches in counts without errors in at most ${MAX_STATEMENTS} SQL statements each`, async () => {
    const set = countQuerySet('vladimir-putin');
    const costs: Record<string, unknown> = {};
    for (const searchCase of set.cases) {
      const { query, variables } = set.request(searchCase);
      const result = await execute<Record<string, unknown>>(query, variables);
      const key = `${searchCase.kind}: ${searchCase.text}`;
      costs[key] = result.errors ?? result.sqlStatements;
      if (searchCase.text === 'xyzzy') expect({ key, hits: set.hits(result.data!) }).toEqual({ key, hits: 0 });
    }
    for (const key of Object.keys(costs)) expect({ key, cost: costs[key] }).toEqual({ key, cost: expect.any(Number) });
    expect(Math.max(...(Object.values(costs) as number[]))).toBeLessThanOrEqual(MAX_STATEMENTS);
  });
});
