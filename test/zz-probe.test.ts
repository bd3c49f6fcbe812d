import { useTestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';
const database = useTestDatabase();
const execute = useGraphQL(database);
const prod = useGraphQL(database, { production: true });
it('probe', async () => {
  for (const first of [2, 10, 20]) {
    const r = await execute(
      `query($f:Int!){ actors(first: $f) { nodes { timeline(first: 5) { edges { node { title } } } } } }`,
      { f: first },
    );
    console.log('actors nested', first, r.sqlStatements);
    const s = await execute(
      `query($f:Int!){ search(query: "Putin", first: $f) { __typename ... on Event { title participants { actor { name } } } ... on Source { title events(first: 3) { edges { node { title } } } } } }`,
      { f: first },
    );
    console.log('search', first, s.sqlStatements, JSON.stringify(s.errors));
  }
  const cases: [string, Record<string, unknown>?][] = [
    ['{ timeline('],
    ['{ timelin { edges { node { slug } } } }'],
    ['query ($k: [EventKind!]) { timeline(filter: {kinds: $k}) { edges { node { slug } } } }', { k: ['PARTY'] }],
    ['query ($k: [EventKind!]) { timeline(filter: {kinds: $k}) { edges { node { slug } } } }', { k: ['MEETINGS'] }],
    ['{ timeline(first: 0) { edges { node { slug } } } }'],
    ['{ node(id: "nope") { id } }'],
    ['{ event(id: "x", slug: "y") { slug } }'],
    ['query A { __typename } query B { __typename }'],
    ['{ timeline(after: "zzz") { edges { cursor } } }'],
    ['{ timelineBuckets(size: DAY, timeZone: "Mars/Olympus") { count } }'],
    ['query ($f: Int!) { timeline(first: $f) { edges { cursor } } }', {}],
    ['query ($f: DateTime) { timeline(filter: {from: $f}) { edges { cursor } } }', { f: '2023-03-20' }],
    ['{ timeline(filter: {from: "2023-03-20T00:00:00Z", to: "2023-03-19T00:00:00Z"}) { edges { cursor } } }'],
    ['{ actors(search: "   ") { nodes { slug } } }'],
    ['{ search(query: "") { __typename } }'],
  ];
  for (const [q, v] of cases) {
    const d = await execute(q, v);
    const p = await prod(q, v);
    console.log(
      q,
      '\nDEV ',
      JSON.stringify({
        data: d.data,
        errors: d.errors?.map((e) => ({
          ...e,
          extensions: { ...e.extensions, stacktrace: e.extensions?.stacktrace ? 'ST' : undefined },
        })),
      }),
      '\nPROD',
      JSON.stringify({ data: p.data, errors: p.errors }),
    );
  }
});
