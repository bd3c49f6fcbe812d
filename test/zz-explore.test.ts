import { useTestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';

const database = useTestDatabase();
const execute = useGraphQL(database);

it('probes', async () => {
  const show = async (label: string, q: string, v?: Record<string, unknown>) => {
    const r = await execute(q, v);
    console.log(label, JSON.stringify({ data: r.data, errors: r.errors?.map((e) => ({ m: e.message, p: e.path, x: { ...e.extensions, stacktrace: undefined } })) }, null, 1));
  };
  for (const slug of ['xi-state-visit-to-russia-2023', 'icc-arrest-warrant-putin', 'xi-putin-informal-talks', 'blinken-diplomatic-cover-statement']) {
    await show(slug, `query($s:String){ event(slug:$s){ slug title titles{lang text} related{ type event{slug} } sources{ slug kind } citations{ source{slug} attributedTo{slug} speaker{slug} quote note } participants{ role note actor{slug} } place{ name name_en:name(lang:"en") name_ru:name(lang:"ru") timeZone latitude longitude } } }`, { s: slug });
  }
  await show('putin', `{ search(query:"普京"){ __typename ... on Actor{slug} ... on Event{slug} ... on Source{slug} } }`);
});
