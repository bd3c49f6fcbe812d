import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import { useAppServer } from './helpers/app-server';
import { useTestDatabase } from './helpers/database';
import { useTokens } from './helpers/tokens';

const ROOT = path.resolve(__dirname, '..');
/** The documents whose GraphQL examples are run, in the order a reader meets them. */
const DOCUMENTS = ['README.md', 'docs/queries.md', 'docs/curation.md'];

interface Example {
  file: string;
  line: number;
  text: string;
  operation: OperationDefinitionNode;
}

/** Every ```graphql block of `file`, parsed. */
function examplesOf(file: string): Example[] {
  const markdown = readFileSync(path.join(ROOT, file), 'utf8');
  return [...markdown.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)].map((match) => {
    const text = match[1]!;
    const operation = parse(text).definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
    )!;
    return { file, line: markdown.slice(0, match.index).split('\n').length + 1, text, operation };
  });
}

const database = useTestDatabase();
const tokens = useTokens(database);
const server = useAppServer(() => ({ DATABASE_URL: database.url, NODE_ENV: 'test' }));

async function post(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...tokens.editor },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any -- example answers are read loosely
}

async function data(query: string, variables: Record<string, unknown> = {}) {
  const result = await post(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/**
 * The variables of the examples that take some, made the way the docs say: by name of operation.
 * An example with variables and no entry here fails, so that a new one gets its variables.
 */
const VARIABLES: Record<string, () => Promise<Record<string, unknown>>> = {
  TalksTookPlace: async () => {
    const ids = await data(
      `{ talks: event(slug: "xi-putin-formal-talks") { id } putin: actor(slug: "vladimir-putin") { id } }`,
    );
    const created = await data(
      `mutation { createSource(input: { slug: "kremlin-joint-statements-2023-03-21", kind: OFFICIAL_STATEMENT,
         title: "Joint statements of Russia and China", language: "en", publishedAt: "2023-03-21T15:00:00Z" }) { source { id } } }`,
    );
    return { talks: ids.talks.id, putin: ids.putin.id, source: created.createSource.source.id };
  },
  Before: async () => {
    const { event } = await data(
      `{ event(slug: "xi-putin-formal-talks") { history { nodes { action recordedAt } } } }`,
    );
    const change = event.history.nodes.find((revision: { action: string }) => revision.action === 'SET_STATUS');
    return { before: new Date(Date.parse(change.recordedAt) - 1).toISOString() };
  },
};

describe('the GraphQL examples in the docs', () => {
  const examples = DOCUMENTS.flatMap(examplesOf);

  it('are found: the README, queries.md and curation.md have some', () => {
    expect(new Set(examples.map((example) => example.file))).toEqual(new Set(DOCUMENTS));
  });

  it.each(examples.map((example) => [`${example.file}:${example.line}`, example] as const))(
    'run without errors against a freshly seeded server: %s',
    async (_where, example) => {
      const name = example.operation.name?.value;
      const needsVariables = Boolean(example.operation.variableDefinitions?.length);
      const variables = needsVariables ? await VARIABLES[name ?? '']?.() : {};
      expect({ name, variables: variables !== undefined }).toEqual({ name, variables: true });
      const result = await post(example.text, variables);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual(expect.any(Object));
    },
  );
});
