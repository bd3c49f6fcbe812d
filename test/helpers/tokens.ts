import { createToken } from '../../src/auth/token.queries';
import { type TestDatabase } from './database';

/** `Authorization` headers of an EDITOR and an ADMIN token, created in beforeAll on `database`. */
export interface TestTokens {
  editor: { authorization: string };
  admin: { authorization: string };
}

/**
 * Creates an EDITOR token named "test-editor" and an ADMIN token named "test-admin" on the test
 * file's database. Read the returned object's properties inside tests, not at load time.
 */
export function useTokens(database: TestDatabase): TestTokens {
  const tokens = {} as TestTokens;
  beforeAll(async () => {
    const sql = {
      query: async <Row>(text: string, params?: readonly unknown[]) =>
        (await database.pool.query(text, params as unknown[])).rows as Row[],
    };
    const editor = await createToken(sql, { name: 'test-editor', role: 'EDITOR' });
    const admin = await createToken(sql, { name: 'test-admin', role: 'ADMIN' });
    tokens.editor = { authorization: `Bearer ${editor.token}` };
    tokens.admin = { authorization: `Bearer ${admin.token}` };
  });
  return tokens;
}
