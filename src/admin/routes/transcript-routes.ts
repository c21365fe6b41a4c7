import type { FastifyReply } from 'fastify';
import { transcriptApi } from '../../contract/admin/transcript.js';
import { matchProblem, type EntryMatch } from '../../onebot/transcript/match.js';
import { transcriptText } from '../../onebot/transcript/transcript.js';
import { AdminError } from '../admin-errors.js';
import { implement } from '../admin-route.js';

const position = (value: string | number | undefined, head: number): number => (value === undefined ? head : Number(value));

export const transcriptRoutes = implement(transcriptApi, {
  async addMark(request, _reply, { transcript }) {
    const seq = transcript.mark(request.body?.name);
    return { mark: String(seq), time: transcript.at(seq)!.time };
  },

  async getTranscript(request, reply, { transcript }) {
    const since = position(request.query.since, 0);
    const { entries, dropped } = transcript.since(since);
    if (request.query.format === 'text') {
      const base = transcript.at(since)?.time ?? entries[0]?.time ?? 0;
      return reply.type('text/plain; charset=utf-8').send(transcriptText(entries, base));
    }
    return { entries, head: String(transcript.head), dropped };
  },

  async wait(request, reply, { transcript }) {
    const body = request.body;
    const match = body.match as EntryMatch;
    const problem = matchProblem(match);
    if (problem) throw new AdminError(400, 'BAD_REQUEST', problem, [problem]);
    const since = position(body.since, transcript.head);
    const timeoutMs = body.timeout_ms ?? 5000;
    const outcome = await transcript.wait({
      since,
      match,
      count: body.count ?? 1,
      none: body.none ?? false,
      timeoutMs,
      signal: abandonedBy(reply),
    });
    if (outcome.ok) return { matched: outcome.matched, next: String(outcome.next) };
    if (outcome.reason === 'stopped') {
      throw new AdminError(503, 'STOPPING', 'Catnap is stopping: the wait ended before it was decided');
    }
    // Nobody hears this one (the client went); it only closes the request.
    if (outcome.reason === 'abandoned') throw new AdminError(499, 'ABANDONED', 'the client went before the wait was decided');
    const timedOut = outcome.reason === 'timeout';
    return reply.code(timedOut ? 408 : 409).send({
      error: {
        code: timedOut ? 'TIMEOUT' : 'MATCHED',
        message: timedOut
          ? `no ${body.count && body.count > 1 ? `${body.count} entries` : 'entry'} matched within ${timeoutMs} ms (${outcome.matched.length} did)`
          : `an entry matched, and none should have within ${timeoutMs} ms`,
      },
      matched: outcome.matched,
      closest: outcome.closest,
    });
  },
});

/** Aborted when the client goes before its answer is sent (it gave up on a long wait). */
function abandonedBy(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const raw = reply.raw;
  raw.once('close', () => raw.writableFinished || controller.abort());
  return controller.signal;
}
