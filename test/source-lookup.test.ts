import { useTestDatabase } from './helpers/database';
import { failures, useGraphQLAsJson } from './helpers/graphql';

const database = useTestDatabase();
const execute = useGraphQLAsJson(database);

describe('source(slug:)', () => {
  it('finds a source by slug, the same one its global id finds', async () => {
    const bySlug = await execute(`{ source(slug: "rfi-2023-03-21-xi-moscow") { id slug sourceKind title } }`);
    expect(bySlug.errors).toBeUndefined();
    expect(bySlug.data!.source).toMatchObject({ slug: 'rfi-2023-03-21-xi-moscow', sourceKind: 'NEWS_ARTICLE' });
    const byId = await execute(`query ($id: ID!) { source(id: $id) { slug } }`, { id: bySlug.data!.source.id });
    expect(byId.data!.source).toEqual({ slug: 'rfi-2023-03-21-xi-moscow' });
  });

  it('gives null for a slug no source has', async () => {
    const result = await execute(`{ source(slug: "no-such-source") { id } }`);
    expect(result).toMatchObject({ data: { source: null } });
    expect(result.errors).toBeUndefined();
  });

  it('refuses both an id and a slug, or neither, with BAD_USER_INPUT', async () => {
    const both = await execute(`{ source(id: "U291cmNlOjE", slug: "rfi-2023-03-21-xi-moscow") { id } }`);
    const neither = await execute(`{ source { id } }`);
    expect(failures(both)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'slug' }]);
    expect(failures(neither)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'id' }]);
  });

  it('reads a source as of an earlier instant by slug too', async () => {
    const result = await execute(
      `query ($asOf: DateTime!) { source(slug: "rfi-2023-03-21-xi-moscow", asOf: $asOf) { slug } }`,
      {
        asOf: new Date().toISOString(),
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.source).toEqual({ slug: 'rfi-2023-03-21-xi-moscow' });
  });
});
