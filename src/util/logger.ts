import { pino, type DestinationStream, type Logger } from 'pino';
import { redactSecrets } from './redact.js';

export type { Logger };

/**
 * One pino logger for the process. Level comes from CATNAP_LOG_LEVEL (default "info"); tests pass
 * "silent". Child loggers name their component, e.g. `logger.child({ component: 'http' })`.
 *
 * Nothing secret is written: a `url` field, an error's message and stack, and the message itself
 * have token query values (`?access_token=`, `?token=`) and URL passwords replaced by `***`.
 */
export function createLogger(level = process.env.CATNAP_LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      url: (value: unknown) => (typeof value === 'string' ? redactSecrets(value) : value),
      err: (error: Error) => {
        const serialised = pino.stdSerializers.err(error);
        return {
          ...serialised,
          message: redactSecrets(serialised.message ?? ''),
          ...(serialised.stack ? { stack: redactSecrets(serialised.stack) } : {}),
        };
      },
    },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...args: unknown[]) => void) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg)),
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const silentLogger: Logger = pino({ level: 'silent' });
