/** The exit codes of `npm start` (src/index.ts), as docs/operations.md lists them. */
export const ExitCode = {
  /** Stopped on SIGTERM or SIGINT and shut down cleanly, whatever state the database was in. */
  STOPPED: 0,
  /** Did not start: a bad setting, the port taken, or a database that was unreachable or could not be started. */
  STARTUP_FAILED: 1,
  /** Shutdown outlasted REQUEST_TIMEOUT_MS plus 5 s, so the remaining connections were cut. */
  SHUTDOWN_TIMED_OUT: 2,
  /** Shutdown failed with an error (logged as "shutdown failed"). */
  SHUTDOWN_FAILED: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
