import { clockApi, type ClockView } from '../../../contract/admin/clock.js';
import { snapshotsApi, type SnapshotView } from '../../../contract/admin/snapshots.js';
import { transcriptApi } from '../../../contract/admin/transcript.js';
import { defineTool, routeInput, ToolError } from '../mcp-tool.js';

export const saveSnapshot = defineTool({
  name: 'save_snapshot',
  title: 'Save a snapshot',
  description: 'Save the whole world (accounts, groups, messages, files, requests, the clock, ...) under a name, to restore it later.',
  input: routeInput(snapshotsApi.saveSnapshot.body),
  async run(args, { catnap }) {
    return catnap.post<SnapshotView>('/api/world/snapshots', { name: args.name });
  },
});

export const listSnapshots = defineTool({
  name: 'list_snapshots',
  title: 'List snapshots',
  description:
    'The saved snapshots of the world, oldest first ("start" is the world as this start made it), then each whose sidecar is ' +
    'damaged as { name, damaged: true, problem }: it cannot be restored until it is saved again (or deleted).',
  input: {},
  readOnly: true,
  async run(_args, { catnap }) {
    const listing = await catnap.get('GET /api/world/snapshots');
    // One list, as before, so a caller reading names sees the damaged ones too instead of missing them.
    return [...listing.snapshots, ...listing.damaged.map(({ name, problem }) => ({ name, damaged: true, problem }))];
  },
});

export const restoreSnapshot = defineTool({
  name: 'restore_snapshot',
  title: 'Restore a snapshot',
  description: 'Put the whole world back as a snapshot kept it; connected bots stay connected.',
  input: routeInput(snapshotsApi.restoreSnapshot.params),
  async run(args, { catnap }) {
    return catnap.post<SnapshotView>(`/api/world/snapshots/${encodeURIComponent(args.name)}/restore`, undefined);
  },
});

export const resetWorld = defineTool({
  name: 'reset_world',
  title: 'Reset the world',
  description: 'Put the world back as it was right after Catnap started (its world file applied).',
  input: {},
  async run(_args, { catnap }) {
    return catnap.post<SnapshotView>('/api/world/reset', undefined);
  },
});

export const setClock = defineTool({
  name: 'set_clock',
  title: "Move the world's clock",
  description:
    'Read or move the time every world time comes from: freeze it, set it (ISO 8601 or unix seconds) and/or advance it ("90s", "10m", "1d"). ' +
    'With no arguments, answers the current time.',
  input: routeInput(clockApi.setClock.body),
  async run(args, { catnap }) {
    // The body is JSON, which leaves out the arguments not given.
    if (Object.values(args).every((value) => value === undefined)) return catnap.get('GET /api/clock');
    return catnap.post<ClockView>('/api/clock', args);
  },
});

export const waitFor = defineTool({
  name: 'wait_for',
  title: 'Wait for something to happen',
  description:
    'Wait until the transcript has an entry matching: kind "message" (from, group_id, user_id, text, regex), "call" (self_id, action, ' +
    'params), "notice" (notice_type, sub_type, ...) or "fault" (a fault rule fired: rule_id, self_id, action, effect). ' +
    'Answers the matches; on timeout (or, with none, on a match) fails with the entries that matched and those that came closest.',
  input: routeInput(transcriptApi.wait.body),
  readOnly: true,
  async run(args, { catnap, signal }) {
    // The wait lasts up to its own timeout, which may be far beyond the client's limit for a call;
    // a cancelled tool call drops the request, and Catnap then ends the wait rather than holding it.
    const { result, status } = await catnap.requestWithStatus<WaitFailure>('POST', '/api/world/wait', args, [408, 409], {
      timeoutMs: catnap.timeoutMs + (args.timeout_ms ?? 5000),
      signal,
    });
    if (status < 300) return result;
    // Not an answer: the wait failed, and the agent must see it as a failure, with what came instead.
    throw new ToolError(`wait_for failed with HTTP ${status} ${result.error.code}: ${result.error.message}`, {
      matched: result.matched,
      closest: result.closest,
    });
  },
});

/** The body of a wait's 408 (time ran out) or 409 (a `none` wait saw a match). */
interface WaitFailure {
  readonly error: { readonly code: string; readonly message: string };
  readonly matched: unknown[];
  readonly closest: unknown[];
}
