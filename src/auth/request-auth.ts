import { GraphQLError } from 'graphql';
import { type SqlClient } from '../db/sql-client';
import { ErrorCode } from '../graphql/errors';
import { roleAllows, type TokenRole } from './api-token';
import { findActiveToken } from './token.queries';

/** Who a request acts as: the unrevoked token it was made with. */
export interface Author {
  readonly tokenId: string;
  readonly name: string;
  readonly role: TokenRole;
}

const BEARER = /^Bearer +(\S+) *$/i;

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

/**
 * The authentication of one request, from its raw `Authorization` header. The token is looked up
 * only when a resolver asks, and at most once per request; a request that never asks sends no SQL.
 */
export class RequestAuth {
  private author?: Promise<Author | null>;

  constructor(
    private readonly authorization: string | undefined,
    private readonly sql: SqlClient,
  ) {}

  /**
   * The token this request is made with; null without an `Authorization` header. Rejects with
   * UNAUTHENTICATED for a header that is not `Bearer <token>` or a token unknown or revoked.
   */
  viewer(): Promise<Author | null> {
    this.author ??= this.authenticate();
    return this.author;
  }

  /**
   * The author, if their token's role includes `role`. Rejects with UNAUTHENTICATED without a
   * valid token and with FORBIDDEN when the token's role is too low.
   */
  async requireRole(role: TokenRole): Promise<Author> {
    const author = await this.viewer();
    if (!author)
      throw unauthenticated(
        'Writes need an `Authorization: Bearer <token>` header; create a token with `npm run token -- create --role editor --name <who>`.',
      );
    if (!roleAllows(author.role, role))
      throw new GraphQLError(`This needs the ${role} role; the token "${author.name}" has the ${author.role} role.`, {
        extensions: { code: ErrorCode.FORBIDDEN },
      });
    return author;
  }

  private async authenticate(): Promise<Author | null> {
    if (this.authorization === undefined || this.authorization.trim() === '') return null;
    const token = BEARER.exec(this.authorization.trim())?.[1];
    if (!token) throw unauthenticated('The Authorization header must be `Bearer <token>`.');
    const found = await findActiveToken(this.sql, token);
    if (!found) throw unauthenticated('The bearer token is unknown or has been revoked.');
    return { tokenId: found.id, name: found.name, role: found.role };
  }
}
