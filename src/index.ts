import { type Server } from 'node:http';
import { launchApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';

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
      process.exit(1);
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

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = readConfig();
  const logger = createLogger(config);
  const launch = launchApp(config, logger);
  const shutdownGraceMs = config.bodyTimeoutMs + config.requestTimeoutMs + SHUTDOWN_MARGIN_MS;

  let stopping = false;
  const stop = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    let forced = false;
    setTimeout(() => {
      forced = true;
      logger.error({ graceMs: shutdownGraceMs }, 'shutdown took too long; closing the remaining connections');
      launch.server.closeAllConnections();
      setTimeout(() => {
        logger.error('shutdown still not done; exiting');
        process.exit(1);
      }, SHUTDOWN_MARGIN_MS).unref();
    }, shutdownGraceMs).unref();
    launch.close().then(
      () => {
        logger.info('stopped');
        process.exit(forced ? 1 : exitCode);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) logger.info({ signal }, 'shutting down');
    stop(0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  try {
    await listen(launch.server, config.port);
  } catch (error) {
    logger.fatal({ err: error, port: config.port }, 'cannot listen');
    return stop(1);
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
    logger.fatal({ err: error }, 'start-up failed');
    stop(1);
  }
}

main().catch((error: unknown) => {
  console.error('annals: start-up failed:', error);
  process.exit(1);
});
