import { pino, type Logger } from 'pino';
import { type Config } from './config';

export type { Logger };

/** A structured JSON logger writing to stdout at the configured level. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ name: 'annals', level: config.logLevel });
}
