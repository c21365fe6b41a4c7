import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { allActions } from '../../src/onebot/actions/index.js';
import { ActionTable } from '../../src/onebot/action-table.js';
import { Dispatcher } from '../../src/onebot/dispatcher.js';
import { publicUrls } from '../../src/onebot/public-urls.js';
import { defaultRobotUinRanges } from '../../src/onebot/runtime-info.js';
import { silentLogger } from '../../src/util/logger.js';
import { MediaService } from '../../src/world/media/media-service.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { applyWorldFile } from '../../src/world/world-file.js';
import { World } from '../../src/world/world.js';
import { summarize, type Summary } from '../lib/stats.js';
import { benchTempDir, removeBenchTempDir } from '../lib/temp-dirs.js';

/**
 * get_group_msg_history (count 20) latency through the dispatcher on a group holding `messages`
 * messages, at random anchors, against the bare indexed SQLite query as the baseline. The group
 * is filled with one bulk insert (the send path is measured by the HTTP scenario).
 */
export async function historyLatency(
  messages: number,
  samples: number,
): Promise<{ messages: number; dispatch: Summary; baseline: Summary; bytesPerMessage: number }> {
  const dir = await benchTempDir('catnap-bench-history-');
  const store = new SqliteWorldStore(join(dir, 'catnap.db'));
  const world = new World({ store, media: new MediaService(join(dir, 'media')) });
  await applyWorldFile(world, {
    accounts: [
      { user_id: 10001, nickname: 'Bot', bot: true },
      { user_id: 20001, nickname: 'Alice' },
    ],
    groups: [{ group_id: 40001, group_name: 'Big', owner_id: 20001, members: [10001] }],
  });
  const insert = store.db.prepare(
    "INSERT INTO messages (conv, seq, time, sender_id, target_id, group_id, elements, reply_to, random) VALUES ('g:40001', ?, ?, ?, 0, 40001, ?, 0, ?)",
  );
  const base = 1_700_000_000;
  store.db.transaction(() => {
    for (let seq = 1; seq <= messages; seq++) {
      insert.run(seq, base + seq, seq % 2 ? 20001 : 10001, JSON.stringify([{ kind: 'text', text: `message number ${seq}` }]), seq);
    }
    store.db
      .prepare("INSERT INTO conversations (conv, group_id, last_seq, last_time, last_message_id) VALUES ('g:40001', 40001, ?, ?, ?)")
      .run(messages, base + messages, messages);
  })();
  // The database's size per message, once the write-ahead log is folded in (the world's few other rows are noise).
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const bytesPerMessage = (await stat(join(dir, 'catnap.db'))).size / messages;

  const dispatcher = new Dispatcher(new ActionTable(allActions), {
    world,
    logger: silentLogger,
    urls: publicUrls(() => 'http://127.0.0.1'),
    info: { appName: 'Catnap', appVersion: 'bench', startedAt: 0, robotUinRanges: defaultRobotUinRanges },
  } as never);
  const anchors = Array.from({ length: samples }, () => 1 + Math.floor(Math.random() * (messages - 100)));
  // Warm up the statement caches and the page cache.
  for (const anchor of anchors.slice(0, 50))
    await dispatcher.dispatch(10001, 'get_group_msg_history', { group_id: 40001, message_seq: anchor, count: 20 }, { transport: 'bench' });
  const dispatchTimes: number[] = [];
  for (const anchor of anchors) {
    const started = performance.now();
    const reply = await dispatcher.dispatch(
      10001,
      'get_group_msg_history',
      { group_id: 40001, message_seq: anchor, count: 20, reverse_order: anchor % 2 === 0 },
      { transport: 'bench' },
    );
    dispatchTimes.push(performance.now() - started);
    if (reply.status !== 'ok' || (reply.data as { messages: unknown[] }).messages.length !== 20)
      throw new Error(`history failed: ${reply.message}`);
  }
  const bare = store.db.prepare(
    "SELECT * FROM messages WHERE conv = 'g:40001' AND seq BETWEEN ? AND ? AND recalled = 0 ORDER BY seq ASC LIMIT 20",
  );
  const bareTimes: number[] = [];
  for (const anchor of anchors) {
    const started = performance.now();
    bare.all(anchor, anchor + 1000);
    bareTimes.push(performance.now() - started);
  }
  dispatcher.close();
  await world.close();
  // Ten million messages are a gigabyte on disk.
  removeBenchTempDir(dir);
  return { messages, dispatch: summarize(dispatchTimes), baseline: summarize(bareTimes), bytesPerMessage };
}
