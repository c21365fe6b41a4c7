import { parseOneBotConfig } from '../network/onebot-config.js';
import { WorldError } from '../world/errors.js';
import { SqliteWorldStore } from '../world/store/sqlite/sqlite-store.js';
import { applyWorldFile, WorldFileError } from '../world/world-file.js';
import { World } from '../world/world.js';

/**
 * Every problem of a world file, each starting with its path (`groups.0.members.1: ...`); empty
 * when the file is good. It is exactly what `--world` / `POST /api/world/apply` would refuse on a
 * fresh data folder: the file is applied to an empty in-memory world (structure, then references
 * and the world's own rules), and each account's `onebot` section is checked as its
 * `onebot11_<uin>.json` would be. This is the one place new world-file rules join the CLI.
 */
export async function validateWorldFile(input: unknown): Promise<string[]> {
  const problems = onebotProblems(input);
  const world = new World({ store: new SqliteWorldStore(':memory:') });
  try {
    await applyWorldFile(world, input);
  } catch (error) {
    if (error instanceof WorldFileError) problems.unshift(...error.problems);
    else if (error instanceof WorldError) problems.unshift(`(applying): ${error.message}`);
    else throw error;
  } finally {
    await world.close();
  }
  return problems;
}

function onebotProblems(input: unknown): string[] {
  const accounts = (input as { accounts?: unknown } | null)?.accounts;
  if (!Array.isArray(accounts)) return [];
  const problems: string[] = [];
  accounts.forEach((account: unknown, index) => {
    const onebot = (account as { onebot?: unknown } | null)?.onebot;
    if (onebot === undefined) return;
    try {
      parseOneBotConfig(onebot, `accounts.${index}.onebot`);
    } catch (error) {
      problems.push((error as Error).message);
    }
  });
  return problems;
}
