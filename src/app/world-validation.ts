import { parseMilkyConfig } from '../network/milky/milky-config.js';
import { parseOneBotConfig } from '../network/onebot-config.js';
import { emptyWorld, worldFileProblems } from '../world/world-file-rules.js';
import { parseWorldFile, protocolConfigProblems, WorldFileError, type ApplyOptions, type WorldFile } from '../world/world-file.js';

/** The checks of each account's protocol configs, as `catnap start` and the admin API run them. */
export const protocolConfigChecks = {
  onebot: (config: unknown, source: string) => parseOneBotConfig(config, source),
  milky: (config: unknown, source: string) => parseMilkyConfig(config, source),
};

/** `applyWorldFile`'s options for a Catnap that writes both kinds of config. */
export const catnapApplyOptions: ApplyOptions = {
  moreProblems: (file: WorldFile) => protocolConfigProblems(file, protocolConfigChecks),
};

/**
 * Every problem of a world file, each starting with its path (`groups.0.members.1: ...`); empty
 * when the file is good. It is exactly what `--world` / `POST /api/world/apply` would refuse on a
 * fresh data folder: the same structure check, the same rules of the world (`worldFileProblems`,
 * against an empty world) and the same protocol config checks, without writing anything.
 */
export function validateWorldFile(input: unknown): string[] {
  let file: WorldFile;
  try {
    file = parseWorldFile(input);
  } catch (error) {
    if (!(error instanceof WorldFileError)) throw error;
    // The configs can still be checked where the accounts are objects: every problem at once.
    const accounts = (input as { accounts?: unknown } | null)?.accounts;
    const objects = Array.isArray(accounts)
      ? accounts.map((account: unknown) => (account !== null && typeof account === 'object' ? account : {}))
      : [];
    return [...error.problems, ...protocolConfigProblems({ accounts: objects as WorldFile['accounts'] }, protocolConfigChecks)];
  }
  return [...worldFileProblems(file, emptyWorld), ...protocolConfigProblems(file, protocolConfigChecks)];
}
