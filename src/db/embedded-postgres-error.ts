/**
 * A reason the embedded PostgreSQL cannot be started or kept running, written for the operator:
 * its message is one line that names the cause and what to do about it. Start-up logs it as it is,
 * without a stack trace.
 */
export class EmbeddedPostgresError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EmbeddedPostgresError';
  }
}
