import { type Server } from 'node:http';
import { launchApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { EmbeddedPostgresError } from './db/embedded-postgres-error';
import { ExitCode } from './exit-codes';
import { createLogger, type Logger } from './logger';

/**
 * How long shutdown may take beyond BODY_TIMEOUT_MS plus REQUEST_TIMEOUT_MS (the longest an
 * in-flight request takes to arrive and run) before the remaining connections are cut, and again
 * before the process exits anyway.
 */
const SHUTDOWN_MARGIN_MS = 5_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`annals: ${error.message}`);
      process.exit(ExitCode.STARTUP_FAILED);
    }
    throw error;
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A failure the operator must fix is logged as its one-line message; anything else with its stack. */
function logStartupFailure(logger: Logger, error: unknown): void {
  if (error instanceof EmbeddedPostgresError) logger.fatal(`start-up failed: ${error.message}`);
  else logger.fatal({ err: error }, 'start-up failed');
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = readConfig();
  const logger = createLogger(config);
  const launch = launchApp(config, logger);
  const shutdownGraceMs = config.bodyTimeoutMs + config.requestTimeoutMs + SHUTDOWN_MARGIN_MS;

  let stopping = false;
  const stop = (exitCode: ExitCode) => {
    if (stopping) return;
    stopping = true;
    let forced = false;
    // Referenced on purpose: were shutdown to wait on something that can never happen, an
    // unreferenced timer would let the process end by itself, silently and with exit code 0.
    setTimeout(() => {
      forced = true;
      logger.error({ graceMs: shutdownGraceMs }, 'shutdown took too long; closing the remaining connections');
      launch.server.closeAllConnections();
      setTimeout(() => {
        logger.error('shutdown still not done; exiting');
        process.exit(ExitCode.SHUTDOWN_TIMED_OUT);
      }, SHUTDOWN_MARGIN_MS);
    }, shutdownGraceMs);
    launch.close().then(
      () => {
        logger.info({ exitCode: forced ? ExitCode.SHUTDOWN_TIMED_OUT : exitCode }, 'stopped');
        process.exit(forced ? ExitCode.SHUTDOWN_TIMED_OUT : exitCode);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(ExitCode.SHUTDOWN_FAILED);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) logger.info({ signal }, 'shutting down');
    stop(ExitCode.STOPPED);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  try {
    await listen(launch.server, config.port);
  } catch (error) {
    logger.fatal({ err: error, port: config.port }, 'cannot listen');
    return stop(ExitCode.STARTUP_FAILED);
  }
  logger.info({ port: config.port }, 'listening; /readyz answers 200 once the database is ready');
  try {
    const app = await launch.started;
    logger.info(
      {
        port: config.port,
        embeddedDatabase: app.database.embedded,
        startupMs: Math.round(performance.now() - startedAt),
      },
      `Annals is ready: open http://localhost:${config.port}/graphql`,
    );
  } catch (error) {
    if (stopping) return;
    logStartupFailure(logger, error);
    stop(ExitCode.STARTUP_FAILED);
  }
}

main().catch((error: unknown) => {
  console.error('annals: start-up failed:', error);
  process.exit(ExitCode.STARTUP_FAILED);
});
