import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBigWorld } from '../lib/big-world.js';
import { actionLatency } from '../lib/http-latency.js';
import { rssMiB, startCatnap } from '../lib/processes.js';
import type { Summary } from '../lib/stats.js';
import { benchTempDir, removeBenchTempDir } from '../lib/temp-dirs.js';

export interface ScaleWorldResult {
  readonly accounts: number;
  readonly groups: number;
  readonly memberships: number;
  /** From `catnap start --world` on an empty data folder to its HTTP API answering (the import). */
  readonly importMs: number;
  readonly idleRssMiB: number;
  /** get_group_member_list of a 3,000-member group. */
  readonly memberList: Summary;
  /** get_group_list of an account in 500 groups. */
  readonly groupList: Summary;
}

/**
 * A world of 100,000 accounts and 10,000 groups, ten of 3,000 members (bench/lib/big-world.ts),
 * imported by a real `catnap start --world`. Bot 10001 is in every big group; bot 10002 joins 500
 * of the small groups. Both answer over the HTTP API.
 */
export async function scaleWorld(basePort: number, samples: number): Promise<ScaleWorldResult> {
  const dataDir = await benchTempDir('catnap-bench-scale-');
  const ports = { httpA: basePort, wsA: basePort + 1, wsB: basePort + 2, webui: basePort + 3 };
  const http = (port: number) => ({ network: { httpServers: [{ name: 'http', enable: true, host: '127.0.0.1', port }] } });
  const worldFile = join(dataDir, 'world.json');
  const bots = [
    { user_id: 10001, nickname: 'Big Bot', onebot: http(ports.httpA) },
    { user_id: 10002, nickname: 'Busy Bot', onebot: http(ports.wsA) },
  ];
  // Bot 10002 leaves the big groups (the generator puts every bot there) and joins 500 small ones.
  const world = await writeBigWorld(worldFile, { bots });
  let busy = 0;
  for (const group of world.file.groups ?? []) {
    if (world.bigGroupIds.includes(group.group_id)) group.members = (group.members ?? []).filter((uin) => uin !== 10002);
    else if (busy < 500) {
      group.members = [...(group.members ?? []), 10002];
      busy++;
    }
  }
  await writeFile(worldFile, JSON.stringify(world.file));
  if (busy !== 500) throw new Error(`bot 10002 joined ${busy} groups, not 500`);
  const catnap = await startCatnap({ dataDir, worldFile, ports });
  try {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleRssMiB = await rssMiB(catnap.pid);
    const memberList = await actionLatency(
      `http://127.0.0.1:${ports.httpA}`,
      'get_group_member_list',
      { group_id: world.bigGroupIds[0] },
      samples,
    );
    const groupList = await actionLatency(`http://127.0.0.1:${ports.wsA}`, 'get_group_list', {}, samples);
    return { ...world.stats, importMs: catnap.startMs, idleRssMiB, memberList, groupList };
  } finally {
    await catnap.stop();
    removeBenchTempDir(dataDir);
  }
}
