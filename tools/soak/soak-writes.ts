/** What the write step of the load needs: an editor's token and a source to cite. */
export interface SoakWriteInputs {
  /** `Bearer <token>` of an EDITOR token. */
  readonly authorization: string;
  /** The global id of a source that exists. */
  readonly sourceId: string;
  /** Marks this run's quotes, so that they are told apart from another run's. */
  readonly runId: string;
}

/** The writes of a run: how many were sent, and each one answered with success. */
export interface WriteLedger {
  sent: number;
  /** Global id of each citation whose addCitation was answered with success → its quote. */
  readonly acknowledged: Map<string, string>;
}

/** What checking the acknowledged writes found. */
export interface WriteCheck {
  readonly acknowledged: number;
  /** Acknowledged citations that could be read back with their quote. */
  readonly found: number;
  /** A few that could not, for the report. */
  readonly missing: string[];
}

/** The write of the load: one citation with a quote unique to the run, on an event of the page just read. */
export const ADD_CITATION = `mutation Cite($input: AddCitationInput!) {
  addCitation(input: $input) { citation { id quote } }
}`;

/** The variables of the next write, counted as sent. */
export function nextCitation(inputs: SoakWriteInputs, ledger: WriteLedger, eventId: string): Record<string, unknown> {
  ledger.sent += 1;
  return { input: { eventId, sourceId: inputs.sourceId, quote: `soak ${inputs.runId} #${ledger.sent}` } };
}

/** Records a write answered with `data` as acknowledged; returns a problem when the answer lacks the citation. */
export function acknowledge(ledger: WriteLedger, data: Record<string, unknown>): string | null {
  const citation = (data.addCitation as { citation?: { id: string; quote: string } } | null)?.citation;
  if (!citation) return 'addCitation answered without a citation';
  ledger.acknowledged.set(citation.id, citation.quote);
  return null;
}

const CHECK = `query Check($ids: [ID!]!) { nodes(ids: $ids) { id ... on Citation { quote } } }`;
/** `nodes` takes at most 100 ids. */
const BATCH = 100;

/** Reads every acknowledged citation back through the API at `baseUrl` and compares its quote. */
export async function checkWrites(baseUrl: string, ledger: WriteLedger): Promise<WriteCheck> {
  const entries = [...ledger.acknowledged];
  let found = 0;
  const missing: string[] = [];
  for (let start = 0; start < entries.length; start += BATCH) {
    const batch = entries.slice(start, start + BATCH);
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CHECK, variables: { ids: batch.map(([id]) => id) } }),
    });
    const { data, errors } = (await response.json()) as {
      data?: { nodes: ({ id: string; quote: string | null } | null)[] };
      errors?: unknown[];
    };
    if (!data || errors)
      throw new Error(`reading the writes back failed: ${response.status} ${JSON.stringify(errors)}`);
    batch.forEach(([id, quote], index) => {
      if (data.nodes[index]?.quote === quote) found += 1;
      else if (missing.length < 5) missing.push(`${id} (${quote})`);
    });
  }
  return { acknowledged: entries.length, found, missing };
}
