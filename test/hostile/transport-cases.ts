import { QueryLimitCode } from '../../src/graphql/limits/query-limits';
import { seededBytes } from './generators';
import { generated, graphql, handWritten, type HostileCase } from './cases';
import { accepted, refused, rejected } from './outcome';
import { type HostileRequest } from './server';

const JSON_TYPE = { 'content-type': 'application/json' };

/** A POST whose body is exactly `bytes`, declared as JSON. */
const rawJson = (body: string | Buffer): HostileRequest => ({ body, headers: JSON_TYPE });

/** Byte sequences that are not UTF-8: a bad continuation, overlong forms, surrogates, 5-byte forms. */
const INVALID_UTF8: { label: string; bytes: number[] }[] = [
  { label: 'C3 28 (a lead byte without its continuation)', bytes: [0xc3, 0x28] },
  { label: 'A0 A1 (continuation bytes alone)', bytes: [0xa0, 0xa1] },
  { label: 'E2 28 A1 (a broken three-byte sequence)', bytes: [0xe2, 0x28, 0xa1] },
  { label: 'F0 28 8C 28 (a broken four-byte sequence)', bytes: [0xf0, 0x28, 0x8c, 0x28] },
  { label: 'C0 AF (an overlong slash)', bytes: [0xc0, 0xaf] },
  { label: 'ED A0 80 (an encoded surrogate)', bytes: [0xed, 0xa0, 0x80] },
  { label: 'F8 88 80 80 80 (a five-byte form)', bytes: [0xf8, 0x88, 0x80, 0x80, 0x80] },
  { label: 'FF FE (a UTF-16 byte-order mark)', bytes: [0xff, 0xfe] },
];

/** Where invalid bytes go: all but the last place would reject them even if they were decoded as U+FFFD. */
const UTF8_PLACES: { label: string; before: string; after: string; expected: string[] }[] = [
  { label: 'between JSON tokens', before: '{"query": "{ __typename }"', after: '}', expected: ['BAD_REQUEST'] },
  {
    label: 'in a field name',
    before: '{"query": "{ __type',
    after: 'name }"}',
    expected: ['GRAPHQL_PARSE_FAILED', 'BAD_REQUEST'],
  },
  {
    label: 'in a slug to create',
    before: '{"query": "mutation { createSource(input: { slug: \\"s',
    after: '\\", kind: REPORT, language: \\"en\\", title: \\"t\\" }) { source { id } } }"}',
    expected: ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'BAD_REQUEST'],
  },
  {
    label: 'in a cursor',
    before: '{"query": "{ timeline(after: \\"ZTE6',
    after: '\\") { totalCount } }"}',
    expected: ['BAD_USER_INPUT', 'BAD_REQUEST'],
  },
  {
    label: 'in a time zone',
    before: '{"query": "{ timelineBuckets(size: DAY, timeZone: \\"Europe/',
    after: '\\") { count } }"}',
    expected: ['BAD_USER_INPUT', 'BAD_REQUEST'],
  },
  {
    label: 'in a search text, where U+FFFD in its place would be valid',
    before: '{"query": "{ search(query: \\"Pu',
    after: 'tin\\") { __typename } }"}',
    expected: ['BAD_REQUEST'],
  },
];

function invalidUtf8Cases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const place of UTF8_PLACES) {
    for (const { label, bytes } of INVALID_UTF8) {
      const body = Buffer.concat([Buffer.from(place.before), Buffer.from(bytes), Buffer.from(place.after)]);
      cases.push(
        generated(
          `invalid UTF-8 ${label} ${place.label} is a client error`,
          rawJson(body),
          rejected(...place.expected),
        ),
      );
    }
  }
  for (const [index, bytes] of seededBytes(8, 4, 64).entries()) {
    cases.push(
      generated(
        `a body of seeded random bytes #${index + 1} is a client error`,
        rawJson(bytes),
        refused(400, 'BAD_REQUEST'),
      ),
    );
  }
  return cases;
}

/** `{"query": "{ __typename }   …"}`, padded with spaces to exactly `bytes` bytes. */
function paddedTo(bytes: number): string {
  const head = '{"query": "{ __typename }';
  return `${head}${' '.repeat(bytes - head.length - 2)}"}`;
}

const deepJson = (depth: number, inner = '1') => `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
const manyKeys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));
const FILTER_QUERY = 'query($f: TimelineFilter) { timeline(filter: $f) { totalCount } }';

function bodyCases(): HostileCase[] {
  const notJson = refused(400, 'BAD_REQUEST');
  return [
    handWritten('a body that is not JSON', rawJson('{ __typename }'), notJson),
    handWritten('a body cut short', rawJson('{"query": "{ __typename }"'), notJson),
    handWritten(
      'a body with a raw NUL byte between JSON tokens',
      rawJson('{"query": "{ __typename }"\u0000}'),
      notJson,
    ),
    handWritten(
      'a body with a raw NUL byte inside a JSON string',
      rawJson('{"query": "{ __type\u0000name }"}'),
      notJson,
    ),
    handWritten('a body with a raw newline inside a JSON string', rawJson('{"query": "{ __type\nname }"}'), notJson),
    handWritten('a body that is the JSON null', rawJson('null'), refused(400, 'BAD_REQUEST')),
    handWritten('a body that is a JSON string', rawJson('"{ __typename }"'), refused(400, 'BAD_REQUEST')),
    handWritten('a body that is a JSON number', rawJson('42'), refused(400, 'BAD_REQUEST')),
    handWritten('a body that is an empty JSON array', rawJson('[]'), refused(400, 'BAD_REQUEST')),
    handWritten('an empty body', rawJson(''), refused(400, 'BAD_REQUEST')),
    handWritten('a query that is a number', { body: { query: 42 } }, refused(400, 'BAD_REQUEST')),
    handWritten('a query that is an object', { body: { query: { kind: 'Document' } } }, refused(400, 'BAD_REQUEST')),
    handWritten(
      'variables that are a string',
      { body: { query: '{ __typename }', variables: '{"a":1}' } },
      refused(400, 'BAD_REQUEST'),
    ),
    handWritten(
      'variables that are an array',
      { body: { query: '{ __typename }', variables: [1, 2] } },
      refused(400, 'BAD_REQUEST'),
    ),
    handWritten(
      'an operation name that is a number',
      { body: { query: '{ __typename }', operationName: 1 } },
      refused(400, 'BAD_REQUEST'),
    ),
    handWritten(
      'extensions that are a string',
      { body: { query: '{ __typename }', extensions: 'x' } },
      refused(400, 'BAD_REQUEST'),
    ),
    handWritten('a body of 1,000,001 bytes', rawJson(paddedTo(1_000_001)), refused(413, 'PAYLOAD_TOO_LARGE')),
    handWritten('a body of 5 MB', rawJson(Buffer.alloc(5_000_000, 0x20)), refused(413, 'PAYLOAD_TOO_LARGE')),
    handWritten(
      'a filter variable nested 100,000 objects deep',
      rawJson(`{"query": ${JSON.stringify(FILTER_QUERY)}, "variables": {"f": ${deepJson(100_000)}}}`),
      rejected('BAD_USER_INPUT', 'BAD_REQUEST'),
    ),
    handWritten(
      'a filter variable with 5,000 unknown keys',
      graphql(FILTER_QUERY, { f: manyKeys(5_000) }),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'a filter variable with 20,000 search words in a list',
      graphql(FILTER_QUERY, { f: { search: Array.from({ length: 20_000 }, (_, i) => `w${i}`) } }),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'a filter variable whose tags list holds 100,000 entries',
      graphql(FILTER_QUERY, { f: { tags: Array.from({ length: 100_000 }, (_, i) => `t${i}`) } }),
      rejected('BAD_USER_INPUT'),
    ),
    handWritten(
      'an unused variable nested 100,000 arrays deep is ignored',
      rawJson(`{"query": "{ __typename }", "variables": {"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`),
      accepted((data) => expect(data).toEqual({ __typename: 'Query' })),
    ),
    handWritten(
      'a document selection nested 100,000 levels deep',
      graphql(`{ ${'a { '.repeat(100_000)}${'}'.repeat(100_001)}`),
      rejected(QueryLimitCode.QUERY_TOO_MANY_TOKENS),
    ),
    handWritten(
      'a list literal nested 200,000 levels deep',
      graphql(`{ nodes(ids: ${'['.repeat(200_000)}${']'.repeat(200_000)}) { id } }`),
      rejected(QueryLimitCode.QUERY_TOO_MANY_TOKENS),
    ),
  ];
}

function headerCases(): HostileCase[] {
  const body = JSON.stringify({ query: '{ __typename }' });
  const withType = (type: string): HostileRequest => ({ body, headers: { 'content-type': type } });
  return [
    handWritten(
      'a POST as text/plain, which a browser form could send',
      withType('text/plain'),
      refused(400, 'BAD_REQUEST'),
    ),
    handWritten(
      'a POST as application/x-www-form-urlencoded',
      withType('application/x-www-form-urlencoded'),
      refused(400, 'BAD_REQUEST'),
    ),
    handWritten(
      'a POST as multipart/form-data',
      withType('multipart/form-data; boundary=x'),
      refused(400, 'BAD_REQUEST'),
    ),
    handWritten('a POST as application/xml', withType('application/xml'), rejected('BAD_REQUEST')),
    handWritten(
      'a POST with no content type',
      { body: Buffer.from(body), headers: { 'content-type': '' } },
      refused(400, 'BAD_REQUEST'),
    ),
    handWritten(
      'a GET of a mutation',
      {
        method: 'GET',
        path: `/graphql?query=${encodeURIComponent('mutation { deleteEvent(input: { id: "RXZlbnQ6MQ" }) { deletedEventId } }')}`,
        headers: { 'apollo-require-preflight': 'true' },
      },
      rejected('BAD_REQUEST'),
    ),
    handWritten(
      'a GET with variables that are not JSON',
      {
        method: 'GET',
        path: `/graphql?query=${encodeURIComponent('{ __typename }')}&variables=%7Bnope`,
        headers: { 'apollo-require-preflight': 'true' },
      },
      refused(400, 'BAD_REQUEST'),
    ),
    handWritten(
      'a GET without the CSRF preflight header',
      { method: 'GET', path: `/graphql?query=${encodeURIComponent('{ __typename }')}` },
      refused(400, 'BAD_REQUEST'),
    ),
    handWritten(
      'a GET whose URL is 100,000 characters long',
      {
        method: 'GET',
        path: `/graphql?query=${'%20'.repeat(33_000)}${encodeURIComponent('{ __typename }')}`,
        headers: { 'apollo-require-preflight': 'true' },
      },
      rejected(),
    ),
    handWritten('a PUT', { method: 'PUT', body, headers: JSON_TYPE }, refused(405, 'BAD_REQUEST')),
    handWritten(
      'an Authorization header that is not Bearer',
      { body: { query: '{ viewer { name } }' }, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } },
      rejected('UNAUTHENTICATED'),
    ),
    handWritten(
      'a Bearer token that does not exist',
      { body: { query: '{ viewer { name } }' }, headers: { authorization: 'Bearer annals_forged' } },
      rejected('UNAUTHENTICATED'),
    ),
    handWritten(
      'a Bearer token of 8,000 characters',
      { body: { query: '{ viewer { name } }' }, headers: { authorization: `Bearer ${'a'.repeat(8_000)}` } },
      rejected('UNAUTHENTICATED'),
    ),
    handWritten(
      'a Bearer token that is SQL',
      { body: { query: '{ viewer { name } }' }, headers: { authorization: "Bearer ' OR '1'='1" } },
      rejected('UNAUTHENTICATED'),
    ),
  ];
}

/** Bodies, encodings, content types, methods and headers: what the HTTP layer turns away. */
export function transportCases(): HostileCase[] {
  return [...invalidUtf8Cases(), ...bodyCases(), ...headerCases()];
}
