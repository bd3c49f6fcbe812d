import { useTestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';

const database = useTestDatabase();
const execute = useGraphQL(database);

it('probes', async () => {
  for (const q of [
    '普京',
    'Putin',
    'putin',
    '外交掩护',
    'diplomatic cover',
    '亲爱的朋友',
    'Цзиньпин',
    'Путин',
    'путин',
    'ПУТИН',
    '逮捕令',
    '普京 逮捕令',
    'informal talks',
    'warrant',
    'RFI',
    'Reuters',
    '路透社',
    'Lvova-Belova',
    'Karim',
    '_',
    'Chatham',
  ]) {
    const r = await execute(
      `query($q:String!){ timeline(first:100, filter:{search:$q}){ totalCount nodes{slug} } s: search(query:$q, first:100){ __typename ... on Actor{slug} ... on Source{slug} ... on Event{slug} } a: actors(search:$q, first: 100){ nodes{slug} } }`,
      { q },
    );
    console.log(
      q,
      r.errors,
      r.data!.timeline.totalCount,
      JSON.stringify(r.data!.timeline.nodes.map((n: any) => n.slug)),
      '\n  SEARCH',
      JSON.stringify(r.data!.s.filter((h: any) => h.__typename !== 'Event')),
      '\n  ACTORS',
      JSON.stringify(r.data!.a.nodes.map((n: any) => n.slug)),
    );
  }
});
