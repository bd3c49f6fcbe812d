import { documentHash } from './persisted-query-store';

/** `extensions.persistedQuery.sha256Hash` of a request's extensions, if it sends one. */
function sentHash(extensions: unknown): string | null {
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

function parsedJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * The hash a GraphQL request's document is registered under: the SHA-256 of its `query` text when
 * it sends one, else the persisted-query hash it sends; null when it sends neither (Apollo answers
 * such a request with an error of its own). Reads GET parameters or a parsed JSON POST body.
 */
export function requestedDocumentHash(method: string | undefined, url: URL, body: unknown): string | null {
  if (method === 'GET') {
    const query = url.searchParams.get('query');
    if (query) return documentHash(query);
    return sentHash(parsedJson(url.searchParams.get('extensions')));
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as { query?: unknown; extensions?: unknown };
  if (typeof fields.query === 'string' && fields.query !== '') return documentHash(fields.query);
  return sentHash(fields.extensions);
}
