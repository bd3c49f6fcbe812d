import {
  type GraphQLError,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type ResponsePath,
} from 'graphql';
import { Arg } from 'type-graphql';
import { isAsOfInFuture } from '../db/as-of-sql-client';
import { type RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';

/** Description of every `asOf` argument. */
export const AS_OF_DESCRIPTION =
  'Answer as the data was recorded at this instant (transaction time, in commit order), nested fields included: events deleted since then reappear, and every field shows the value it had then. The answer for an instant never changes once it has passed: a write still committing then is waited for, and one committed later is recorded later. Omit for the current data; must not be in the future.';

/** The contexts of the root fields that were asked `asOf` an instant, per request, by response key. */
const asOfScopes = new WeakMap<RequestContext, Map<string | number, RequestContext>>();

function rootKey(path: ResponsePath): string | number {
  let root = path;
  while (root.prev) root = root.prev;
  return root.key;
}

function scopedContext(context: RequestContext, path: ResponsePath): RequestContext {
  return asOfScopes.get(context)?.get(rootKey(path)) ?? context;
}

/** The earliest `asOf`: the as-of views take the instant as ISO text, and PostgreSQL has no year 0000. */
const EARLIEST_AS_OF = Date.parse('0001-01-01T00:00:00.000Z');

function checkAsOf(asOf: Date): void {
  if (asOf.getTime() < EARLIEST_AS_OF) {
    throw badUserInput(
      'asOf',
      `asOf ${asOf.toISOString()} is before the year 1, the earliest instant the data can be read as of.`,
    );
  }
}

function inFuture(asOf: Date): GraphQLError {
  return badUserInput(
    'asOf',
    `asOf ${asOf.toISOString()} is in the future; the data can only be read as it was recorded until now.`,
  );
}

/**
 * Makes `asOf` work for the whole subtree of a root field: a Query field given `asOf` runs with a
 * context reading at that instant ({@link RequestContext.at}), and every field below it (loaders,
 * nested connections, planned relations) gets that same context, while sibling root fields keep
 * their own. Resolvers need no knowledge of `asOf`. Fields of other roots and of requests without
 * `asOf` cost one WeakMap lookup.
 */
export function applyAsOf(schema: GraphQLSchema): void {
  const queryType = schema.getQueryType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as GraphQLFieldResolver<unknown, RequestContext> | undefined;
      if (!resolve) continue;
      if (type === queryType) {
        if (!field.args.some((arg) => arg.name === 'asOf')) continue;
        field.resolve = (source, args: { asOf?: Date | null }, context: RequestContext, info) => {
          if (args.asOf == null) return resolve(source, args, context, info);
          checkAsOf(args.asOf);
          const scoped = context.at(args.asOf);
          let scopes = asOfScopes.get(context);
          if (!scopes) asOfScopes.set(context, (scopes = new Map()));
          scopes.set(info.path.key, scoped);
          const asOf = args.asOf;
          return Promise.resolve(resolve(source, args, scoped, info)).catch((error: unknown) => {
            throw isAsOfInFuture(error) ? inFuture(asOf) : error;
          });
        };
      } else if (type !== schema.getMutationType()) {
        field.resolve = (source, args, context: RequestContext, info) =>
          resolve(source, args, scopedContext(context, info.path), info);
      }
    }
  }
}

/**
 * The `asOf` argument of a root Query field. The resolver itself ignores the value: {@link applyAsOf}
 * has already given it a context that reads at that instant.
 */
export const AsOfArg = () => Arg('asOf', () => Date, { nullable: true, description: AS_OF_DESCRIPTION });
