import { TypeCompiler } from '@sinclair/typebox/compiler';
import { LiveActRequest } from '../../contract/admin/act.js';
import type { LiveFrame } from '../../contract/live.js';
import type { Envelope } from '../../contract/onebot/envelope.js';
import { describeProblems } from '../../util/schema-problems.js';
import type { ActCall, ActCaller } from '../act-calls.js';
import { AdminError } from '../admin-errors.js';

/** Runs the calls of one `act` request (runActCalls, bound to the world and its dispatcher). */
export type RunActCalls = (calls: readonly ActCall[], caller: ActCaller) => Promise<Envelope[]>;

const checkRequest = TypeCompiler.Compile(LiveActRequest);

/** An `acted` frame: the answer to the request with this id. */
type Acted = Extract<LiveFrame, { type: 'acted' }>;

/** The answer to a request that runs none of its calls, with its id (null when it had none to echo). */
export function actRefusal(request: Readonly<Record<string, unknown>>, code: string, message: string): Acted {
  const id = typeof request.id === 'string' || typeof request.id === 'number' ? request.id : null;
  return { type: 'acted', id, error: { code, message } };
}

/**
 * Answers one `act` request of the live socket, as `POST /api/world/act-batch` answers its body:
 * every call's envelope in order, or why none ran, with the request's `id` (null when the request
 * had none to echo). A request that does not match LiveActRequest runs nothing and says which
 * field is wrong. Only an unexpected failure of the world itself throws.
 */
export async function answerAct(request: Readonly<Record<string, unknown>>, run: RunActCalls, caller: ActCaller): Promise<Acted> {
  if (!checkRequest.Check(request)) {
    const problems = describeProblems(checkRequest.Errors(request), '(request)');
    return actRefusal(request, 'BAD_REQUEST', `invalid act request: ${problems[0] ?? 'rejected'}`);
  }
  try {
    return { type: 'acted', id: request.id, results: await run(request.calls, caller) };
  } catch (error) {
    if (error instanceof AdminError) return actRefusal(request, error.code, error.message);
    throw error;
  }
}
