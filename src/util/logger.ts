import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One pino logger for the process. Level comes from CATNAP_LOG_LEVEL (default "info"); tests pass
 * "silent". Child loggers name their component, e.g. `logger.child({ component: 'http' })`.
 */
export function createLogger(level = process.env.CATNAP_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}

export const silentLogger: Logger = pino({ level: 'silent' });
