/**
 * `npm run soak` (`-- --minutes N --seed S`): the concurrent fuzz of `npm test`, for minutes
 * instead of seconds, on a file database with background checkpoints, as Catnap runs it. Waves
 * of concurrent, deliberately conflicting calls go through the dispatcher; every 20 seconds and
 * at the end the world is held to its rules (test/reliability/world-invariants.ts); then the
 * database is closed, reopened and checked again, acknowledged messages included. Prints the
 * figures and writes bench/soak-results.json. Exits non-zero if any rule broke.
 */
import { stat, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteWorldStore } from '../src/world/store/sqlite/sqlite-store.js';
import { onebotWorld } from '../test/helpers/onebot.js';
import { ConcurrentFuzz, fuzzWorldFile } from '../test/reliability/concurrent-world.js';
import { checkInvariants } from '../test/reliability/world-invariants.js';
import { benchTempDir, keepBenchTempDir } from './lib/temp-dirs.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '5' }, seed: { type: 'string', default: '1' } } });
const minutes = Number(values.minutes);
const seed = Number(values.seed);
const waveSize = 32;

async function main(): Promise<void> {
  const dir = await benchTempDir('catnap-soak-');
  const path = join(dir, 'catnap.db');
  const store = new SqliteWorldStore(path);
  store.startMaintenance((message) => process.stderr.write(`checkpoint: ${message}\n`));
  const ob = await onebotWorld(fuzzWorldFile, store);
  const fuzz = new ConcurrentFuzz({ world: ob.world, dispatcher: ob.dispatcher, advance: (ms) => ob.clock.advance(ms) }, seed);
  process.stdout.write(`Soak: ${minutes} min, seed ${seed}, waves of ${waveSize} concurrent calls, database ${path}\n`);

  const started = performance.now();
  const deadline = started + minutes * 60_000;
  let checks = 0;
  let nextCheck = started + 20_000;
  let peakRss = 0;
  const fail = (problems: string[]) => {
    // The database that broke a rule stays for whoever reads the failure; a passing soak's goes.
    keepBenchTempDir(dir);
    process.stdout.write(`RULES BROKEN after ${fuzz.calls} calls:\n  ${problems.join('\n  ')}\n  database kept at ${path}\n`);
    process.exit(1);
  };
  while (performance.now() < deadline) {
    await fuzz.wave(waveSize);
    if (performance.now() < nextCheck) continue;
    await ob.dispatcher.idle();
    const problems = fuzz.check();
    checks++;
    if (problems.length > 0) fail(problems);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `  ${Math.round(seconds)} s: ${fuzz.calls} calls (${Math.round(fuzz.calls / seconds)}/s), ${fuzz.observed.acknowledged.size} messages acknowledged, rules hold\n`,
    );
    nextCheck = performance.now() + 20_000;
  }
  await ob.dispatcher.idle();
  const elapsed = (performance.now() - started) / 1000;
  const live = fuzz.check();
  checks++;
  if (live.length > 0) fail(live);
  ob.dispatcher.close();
  await ob.world.close();

  // Everything acknowledged must still be there after closing and reopening the database.
  const reopened = new SqliteWorldStore(path);
  const afterReopen = checkInvariants(reopened.db, fuzz.observed, fuzz.model);
  checks++;
  const messages = (reopened.db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  await reopened.close();
  if (afterReopen.length > 0) fail(afterReopen);

  const ok = fuzz.retcodes.get(0) ?? 0;
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    seed,
    minutes: Math.round((elapsed / 60) * 10) / 10,
    calls: fuzz.calls,
    callsPerSecond: Math.round(fuzz.calls / elapsed),
    succeeded: ok,
    refused: fuzz.calls - ok,
    acknowledgedMessages: fuzz.observed.acknowledged.size,
    storedMessages: messages,
    invariantChecks: checks,
    problems: 0,
    databaseMiB: Math.round(((await stat(path)).size / 2 ** 20) * 10) / 10,
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    retcodes: Object.fromEntries([...fuzz.retcodes].sort((a, b) => b[1] - a[1])),
  };
  await writeFile(new URL('./soak-results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `\n${results.calls} calls in ${results.minutes} min (${results.callsPerSecond}/s): ${ok} succeeded, ${results.refused} refused with documented errors, ` +
      `${results.acknowledgedMessages} messages acknowledged and all stored; ${checks} invariant checks, every rule held (also after reopening).\n` +
      `Wrote bench/soak-results.json.\n`,
  );
}

await main();
