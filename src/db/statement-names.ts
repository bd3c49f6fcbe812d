import { createHash } from 'node:crypto';

/** How many distinct statements a process ever names; each connection prepares at most this many. */
export const MAX_NAMED_STATEMENTS = 100;

/** How often a statement's text must have been sent before it is named. */
const USES_BEFORE_NAMING = 2;

/** How many statements not yet named are counted at once (the least recently sent are forgotten). */
const COUNTED = 1_000;

/**
 * Names for the statements a process sends again and again (the timeline page, the loaders'
 * batches), so that each connection parses and plans each of them once: node-postgres prepares a
 * named statement on a connection the first time and afterwards only binds it, and PostgreSQL
 * keeps its plan (after five runs, a generic one when that is no costlier). A text is named on
 * its second use; at most {@link MAX_NAMED_STATEMENTS} texts ever are, so that clients varying
 * their requests cannot fill the connections with prepared statements. Texts differ only in
 * their SQL, never in their values, which are bound as parameters.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly uses = new Map<string, number>();

  /** The name to send `text` under, or undefined to send it unnamed. */
  nameFor(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined || this.names.size >= MAX_NAMED_STATEMENTS) return name;
    const used = (this.uses.get(text) ?? 0) + 1;
    this.uses.delete(text);
    if (used < USES_BEFORE_NAMING) {
      this.uses.set(text, used);
      if (this.uses.size > COUNTED) this.uses.delete(this.uses.keys().next().value!);
      return undefined;
    }
    const named = `annals_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    this.names.set(text, named);
    return named;
  }
}

/** The process's statement names, shared by every request's client. */
export const statementNames = new StatementNames();
