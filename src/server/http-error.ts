/**
 * An error answered as HTTP `status` with a GraphQL-style JSON body,
 * `{"errors":[{"message","extensions":{"code",…extensions}}]}`, and `headers` added to the answer.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
