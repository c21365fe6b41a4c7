import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { StartupError } from './startup-error.js';

/** Reads a world file: YAML when its name ends in .yaml/.yml, else JSON. */
export async function readWorldFile(path: string): Promise<unknown> {
  return parseWorldFileText(path, await readWorldFileBytes(path));
}

/** A world file's bytes (what the digest of a file applied at start is taken over). */
export async function readWorldFileBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new StartupError(`cannot read world file ${path}: ${(error as Error).message}`);
  }
}

/** Parses a world file's text: YAML by a .yaml/.yml name, JSON otherwise. */
export function parseWorldFileText(path: string, bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  try {
    return ['.yaml', '.yml'].includes(extname(path).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new StartupError(
      `world file ${path} is not valid ${extname(path).match(/ya?ml/i) ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    );
  }
}
