import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';

/** ISO-8601 instants: input must carry an offset; output is always UTC (`…Z`). */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  name: 'DateTime',
  description: 'An instant in ISO-8601, always with an offset; returned in UTC.',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time',
});
