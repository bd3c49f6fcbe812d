import { DEFAULT_QUERY_LIMITS, QueryLimitCode } from '../../src/graphql/limits/query-limits';
import { base64url } from './generators';
import { generated, graphql, handWritten, type HostileCase } from './cases';
import { accepted, rejected } from './outcome';

const limits = DEFAULT_QUERY_LIMITS;
const { QUERY_TOO_DEEP, QUERY_TOO_MANY_ALIASES, QUERY_TOO_MANY_DIRECTIVES, QUERY_TOO_MANY_TOKENS } = QueryLimitCode;
const { QUERY_TOO_MANY_ROOT_FIELDS, QUERY_TOO_COSTLY } = QueryLimitCode;
const invalid = rejected('GRAPHQL_VALIDATION_FAILED');

/** `{ event { related { event { related … slug } } } }` with `depth` fields on the path. */
function relatedChain(depth: number): string {
  const pairs = Math.floor((depth - 1) / 2);
  const inner = depth % 2 === 0 ? 'related { type }' : 'slug';
  return `{ event(slug: "xi-putin-formal-talks") { ${'related { event { '.repeat(pairs)}${inner}${' } }'.repeat(pairs)} } }`;
}

/** `{ __type(name: "Event") { ofType { … name } } }` with `depth` fields on the path; costs nothing. */
function ofTypeChain(depth: number): string {
  return `{ __type(name: "Event") { ${'ofType { '.repeat(depth - 2)}name${' }'.repeat(depth - 2)} } }`;
}

/** `depth` nested fragments, each spreading the next, around one selection of the event. */
function fragmentChain(depth: number): string {
  const fragments = Array.from({ length: depth }, (_, i) =>
    i === depth - 1
      ? `fragment R${i} on Event { slug }`
      : `fragment R${i} on Event { related { event { ...R${i + 1} } } }`,
  );
  return `{ event(slug: "xi-putin-formal-talks") { ...R0 } } ${fragments.join(' ')}`;
}

function depthCases(): HostileCase[] {
  const deep = rejected(QUERY_TOO_DEEP);
  return [
    generated(
      `an introspection chain ${limits.maxDepth} fields deep is within the depth limit`,
      graphql(ofTypeChain(limits.maxDepth)),
      accepted(),
    ),
    ...[limits.maxDepth + 1, 50, 300].map((depth) =>
      generated(
        `an introspection chain ${depth} fields deep`,
        graphql(ofTypeChain(depth)),
        rejected(QUERY_TOO_DEEP, QUERY_TOO_MANY_TOKENS),
      ),
    ),
    ...[limits.maxDepth + 1, 41, 301].map((depth) =>
      generated(
        `a chain of related events ${depth} fields deep`,
        graphql(relatedChain(depth)),
        rejected(QUERY_TOO_DEEP, QUERY_TOO_MANY_TOKENS),
      ),
    ),
    generated(
      `related events nested through ${limits.maxDepth} fragments`,
      graphql(fragmentChain(limits.maxDepth)),
      deep,
    ),
    handWritten(
      'actor timelines nested inside each other five times',
      graphql(
        `{ actor(slug: "vladimir-putin") { ${'timeline(first: 100) { nodes { participants { actor { '.repeat(5)}slug${' } } } }'.repeat(5)} } }`,
      ),
      rejected(QUERY_TOO_DEEP, QUERY_TOO_COSTLY),
    ),
  ];
}

const aliased = (count: number, field = '__typename') =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** `count` aliases of one field below the root, so that only the alias limit applies. */
const nestedAliases = (count: number) =>
  `{ __type(name: "Event") { ${Array.from({ length: count }, (_, i) => `a${i}: name`).join(' ')} } }`;

function aliasCases(): HostileCase[] {
  const tooMany = rejected(QUERY_TOO_MANY_ALIASES);
  return [
    generated(
      `${limits.maxAliases} aliases are within the alias limit`,
      graphql(nestedAliases(limits.maxAliases)),
      accepted(),
    ),
    generated(`${limits.maxAliases + 1} aliases of a field`, graphql(nestedAliases(limits.maxAliases + 1)), tooMany),
    generated(
      '300 aliases of a field',
      graphql(nestedAliases(300)),
      rejected(QUERY_TOO_MANY_ALIASES, QUERY_TOO_MANY_TOKENS),
    ),
    generated('50,000 aliases of a field', graphql(nestedAliases(50_000)), rejected(QUERY_TOO_MANY_TOKENS)),
    generated(
      `${limits.maxAliases + 1} aliases of __typename at the root`,
      graphql(aliased(limits.maxAliases + 1)),
      tooMany,
    ),
    generated(
      `${limits.maxRootFields + 1} aliased root fields`,
      graphql(aliased(limits.maxRootFields + 1)),
      rejected(QUERY_TOO_MANY_ROOT_FIELDS),
    ),
    generated(
      `${limits.maxAliases + 1} aliases of a 100-event timeline page`,
      graphql(
        aliased(
          limits.maxAliases + 1,
          'timeline(first: 100) { nodes { participants { actor { name } } citations { quote } } }',
        ),
      ),
      rejected(QUERY_TOO_MANY_ALIASES, QUERY_TOO_COSTLY),
    ),
    handWritten(
      'aliases hidden in a fragment spread 16 times',
      graphql(
        `{ __type(name: "Event") { ${Array.from({ length: 16 }, () => '...A').join(' ')} } } fragment A on __Type { x: name }`,
      ),
      tooMany,
    ),
    handWritten(
      'the same root field 21 times without aliases, which merge into one',
      graphql(`{ ${'timeline { totalCount } '.repeat(limits.maxRootFields + 1)}}`),
      accepted((data) => expect(data).toEqual({ timeline: { totalCount: 31 } })),
    ),
  ];
}

/** Forty fragments, each spreading the one before twice: 2^39 fields once expanded. */
function fragmentBomb(selection: string): string {
  const fragments = Array.from({ length: 40 }, (_, i) =>
    i === 0 ? `fragment F0 on Query { ${selection} }` : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`,
  );
  return `{ ...F39 } ${fragments.join(' ')}`;
}

function fragmentCases(): HostileCase[] {
  return [
    handWritten(
      'a fragment bomb of 2^39 __typename fields, which merge into one',
      graphql(fragmentBomb('__typename')),
      accepted((data) => expect(data).toEqual({ __typename: 'Query' })),
    ),
    handWritten(
      'a fragment bomb of 2^39 aliased fields',
      graphql(fragmentBomb('x: __typename')),
      rejected(QUERY_TOO_MANY_ALIASES),
    ),
    handWritten(
      'a fragment bomb of 2^39 timeline pages',
      graphql(fragmentBomb('timeline(first: 100) { edges { node { slug } } }')),
      rejected(QUERY_TOO_COSTLY),
    ),
    handWritten(
      'two fragments that spread each other',
      graphql('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
      invalid,
    ),
    handWritten('a fragment that spreads itself', graphql('{ ...A } fragment A on Query { __typename ...A }'), invalid),
    handWritten(
      'a fragment on a type that does not exist',
      graphql('{ ...A } fragment A on Nothing { __typename }'),
      invalid,
    ),
    handWritten('a fragment spread that names no fragment', graphql('{ ...Missing }'), invalid),
    handWritten(
      'a fragment defined but never used',
      graphql('{ __typename } fragment A on Query { __typename }'),
      invalid,
    ),
  ];
}

function directiveCases(): HostileCase[] {
  const fields = (count: number, directive: string) =>
    `{ __type(name: "Event") { ${Array.from({ length: count }, () => `name ${directive}`).join(' ')} } }`;
  return [
    generated(
      `${limits.maxDirectives + 1} @include directives`,
      graphql(fields(limits.maxDirectives + 1, '@include(if: true)')),
      rejected(QUERY_TOO_MANY_DIRECTIVES),
    ),
    generated(
      '300 @skip directives',
      graphql(fields(300, '@skip(if: false)')),
      rejected(QUERY_TOO_MANY_DIRECTIVES, QUERY_TOO_MANY_TOKENS),
    ),
    handWritten(
      'one field with @include twice',
      graphql('{ __typename @include(if: true) @include(if: true) }'),
      invalid,
    ),
    handWritten('an unknown directive', graphql('{ __typename @evil }'), invalid),
    handWritten('@include without its argument', graphql('{ __typename @include }'), invalid),
    handWritten('@skip with a string for its Boolean', graphql('{ __typename @skip(if: "false") }'), invalid),
    handWritten('@deprecated used on a query field', graphql('{ __typename @deprecated }'), invalid),
  ];
}

function sizeCases(): HostileCase[] {
  const ids = (count: number) => Array.from({ length: count }, (_, i) => `"${base64url(`Event:${i + 1}`)}"`).join(', ');
  return [
    generated(
      `${limits.maxTokens + 1} tokens of repeated __typename`,
      graphql(`{ ${'__typename '.repeat(limits.maxTokens - 1)}}`),
      rejected(QUERY_TOO_MANY_TOKENS),
    ),
    generated(
      'a document of 900,000 bytes of punctuation',
      graphql(`{ __typename ${'!'.repeat(900_000)} }`),
      rejected(QUERY_TOO_MANY_TOKENS, 'GRAPHQL_PARSE_FAILED'),
    ),
    generated(
      '10,000 operations in one document',
      graphql(Array.from({ length: 10_000 }, (_, i) => `query Q${i} { __typename }`).join(' ')),
      rejected(QUERY_TOO_MANY_TOKENS),
    ),
    generated(
      '1,000 variables declared',
      graphql(`query(${Array.from({ length: 1_000 }, (_, i) => `$v${i}: Int`).join(', ')}) { __typename }`),
      rejected(QUERY_TOO_MANY_TOKENS),
    ),
    handWritten('a field name of 100,000 characters', graphql(`{ ${'f'.repeat(100_000)} }`), invalid),
    handWritten(
      'an argument name of 100,000 characters',
      graphql(`{ timeline(${'f'.repeat(100_000)}: 1) { totalCount } }`),
      invalid,
    ),
    handWritten(
      'an Int literal of 100,000 digits',
      graphql(`{ timeline(first: ${'9'.repeat(100_000)}) { totalCount } }`),
      invalid,
    ),
    handWritten(
      'nodes(ids:) with 101 id literals',
      graphql(`{ nodes(ids: [${ids(101)}]) { id } }`),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'a costly page: 100 events, each with an actor timeline of 100 events with their sources',
      graphql(
        '{ timeline(first: 100) { nodes { participants { actor { timeline(first: 100) { nodes { sources { events(first: 100) { nodes { slug } } } } } } } } } }',
      ),
      rejected(QUERY_TOO_COSTLY),
    ),
    handWritten('a subscription, which the schema has none of', graphql('subscription { events }'), invalid),
    handWritten('a selection on a scalar field', graphql('{ timeline { totalCount { value } } }'), invalid),
    handWritten('an object field without a selection', graphql('{ timeline }'), invalid),
    handWritten('an anonymous operation beside a named one', graphql('{ __typename } query B { __typename }'), invalid),
    handWritten('a document of only a comment', graphql('# nothing here'), rejected('GRAPHQL_PARSE_FAILED')),
    handWritten('a document that is an empty string', graphql(''), rejected('BAD_REQUEST', 'GRAPHQL_PARSE_FAILED')),
  ];
}

/** Deep, aliased, repeated, fragment-heavy and oversized documents. */
export function shapeCases(): HostileCase[] {
  return [...depthCases(), ...aliasCases(), ...fragmentCases(), ...directiveCases(), ...sizeCases()];
}
