import { PortInUseError } from '../../network/adapter.js';
import { MilkyConfigError } from '../../network/milky/milky-config.js';
import { OneBotConfigError } from '../../network/onebot-config.js';
import { WorldError } from '../../world/errors.js';
import { WorldFileError } from '../../world/world-file.js';
import { StartupError } from '../startup-error.js';
import { SettingsError } from '../settings.js';
import type { RemoteError } from '../remote/catnap-client.js';
import { CliError, type CliIo } from './cli-context.js';
import { cliFailure } from './cli-failure.js';

/** Failures whose message was written for the person who ran `catnap start`. */
const forPeople = [StartupError, WorldFileError, SettingsError, OneBotConfigError, MilkyConfigError, PortInUseError];

const fsReasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'a file is in the way of a folder',
  ENOENT: 'it does not exist',
};

/**
 * One clear line (or a list, for a world file) saying why Catnap could not start and what to
 * change; never a stack trace. A failure none of these names is a bug, shown as every command
 * shows one (cli-failure.ts): named as unexpected, its stack only when CATNAP_LOG_LEVEL=debug.
 */
export function describeStartFailure(error: unknown, io: Pick<CliIo, 'env' | 'stderr'>, dataDir: string): CliError | RemoteError {
  return cliFailure(error, io, 'starting Catnap', (failure) => {
    const line = startFailureLine(failure, dataDir);
    return line === undefined ? undefined : new CliError(line);
  });
}

/** The line for a failure to start that the person can fix, or undefined when it is not one. */
function startFailureLine(error: unknown, dataDir: string): string | undefined {
  if (forPeople.some((type) => error instanceof type)) return (error as Error).message;
  if (error instanceof WorldError) return `the world refused to start: ${error.message}`;
  const { code, path, message } = (error ?? {}) as { code?: string; path?: string; message?: string };
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const why = code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' ? 'it is not a Catnap database or is damaged' : message;
    return `cannot open the world database in ${dataDir} (${why}); check catnap.db there, or start with another --data folder`;
  }
  if (typeof code === 'string' && code in fsReasons) {
    return `cannot use ${path ?? dataDir}: ${fsReasons[code]}; fix its permissions or choose another folder with --data`;
  }
  if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL') return `${message ?? code}; choose another port or host`;
  return undefined;
}
