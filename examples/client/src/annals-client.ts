import { type TypedDocumentString } from './gql/graphql';

/** A GraphQL error as Annals sends it: a stable `extensions.code` to switch on. */
export interface AnnalsError {
  message: string;
  extensions?: { code?: string; argument?: string };
}

/** Thrown when Annals answers with errors; `errors` are the API's, codes included. */
export class AnnalsRequestError extends Error {
  constructor(readonly errors: readonly AnnalsError[]) {
    super(errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '));
  }
}

/**
 * Runs a generated operation against Annals at `endpoint` (…/graphql) and returns its typed data:
 * the result and variables types come from the document, so a field the schema no longer has, or
 * a variable of the wrong type, fails to compile.
 */
export async function execute<Result, Variables>(
  endpoint: string,
  document: TypedDocumentString<Result, Variables>,
  ...[variables]: Variables extends Record<string, never> ? [] : [Variables]
): Promise<Result> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json()) as { data?: Result; errors?: AnnalsError[] };
  if (body.errors?.length || body.data === undefined) throw new AnnalsRequestError(body.errors ?? []);
  return body.data;
}
