import http from 'node:http';
import { postgraphile } from 'postgraphile';
import { TYPES } from 'postgraphile/@dataplan/pg';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { extendSchema, gql, jsonPgSmartTags } from 'postgraphile/utils';
import { type SQL } from 'postgraphile/pg-sql2';

/**
 * The PostGraphile 5 anchor of the benchmark: the Amber preset over the bench database, in
 * production mode with a pool of 10 like Annals, on PORT. Run by `npm run bench -- --anchor
 * postgraphile` (with the Promise.withResolvers polyfill preloaded on Node 20). A plugin adds what
 * the W1/W2 page shows that is not a column: the title and actor name in their original language
 * and the event's local time, computed in the page's SQL as PostGraphile's computed columns are;
 * smart tags make the participation ordering columns orderable.
 */
const ComputedFieldsPlugin = extendSchema((build) => {
  const { sql } = build;
  const originalLanguage = (alias: SQL, texts: string) =>
    sql`coalesce(${alias}.${sql.identifier(texts)} ->> ${alias}.original_language, ${alias}.slug::text)`;
  return {
    typeDefs: gql`
      extend type Event {
        "The title in the event's original language."
        title: String!
        "The start as local time in the event's zone, down to its precision."
        local: String!
      }
      extend type Actor {
        "The name in the actor's original language."
        name: String!
      }
    `,
    objects: {
      Event: {
        plans: {
          title($event) {
            return $event.select(originalLanguage($event.getClassStep().alias, 'titles'), TYPES.text);
          },
          local($event) {
            const alias = $event.getClassStep().alias;
            return $event.select(
              sql`left(to_char(${alias}.start_at AT TIME ZONE ${alias}.time_zone, 'YYYY-MM-DD"T"HH24:MI'),
                CASE ${alias}.precision WHEN 'YEAR' THEN 4 WHEN 'MONTH' THEN 7 WHEN 'DAY' THEN 10 WHEN 'HOUR' THEN 13 ELSE 16 END)`,
              TYPES.text,
            );
          },
        },
      },
      Actor: {
        plans: {
          name($actor) {
            return $actor.select(originalLanguage($actor.getClassStep().alias, 'names'), TYPES.text);
          },
        },
      },
    },
  };
});

const OrderableParticipationsPlugin = jsonPgSmartTags({
  version: 1,
  config: {
    attribute: {
      'participation.position': { tags: { behavior: ['+orderBy'] } },
      'participation.role': { tags: { behavior: ['+orderBy'] } },
    },
  },
});

async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  const pgl = postgraphile({
    extends: [PostGraphileAmberPreset],
    plugins: [ComputedFieldsPlugin, OrderableParticipationsPlugin],
    pgServices: [
      makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } }),
    ],
    grafserv: { port, graphqlPath: '/graphql', graphiql: false },
    grafast: { explain: false },
  });
  const server = http.createServer();
  pgl.createServ(grafserv).addTo(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const stop = () => {
    server.close();
    void Promise.resolve(pgl.release()).then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('postgraphile anchor failed:', error);
  process.exit(1);
});
