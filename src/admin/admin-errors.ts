import type { FastifyReply } from 'fastify';
import { WorldError, type WorldErrorCode } from '../world/errors.js';
import { WorldFileError } from '../world/world-file.js';

/**
 * Errors of the admin API: `{ error: { code, message, problems? } }` with a matching HTTP status.
 * World failures keep the world's code; request problems use the codes below.
 */
export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems?: readonly string[],
  ) {
    super(message);
  }
}

const statusOfWorldCode = (code: WorldErrorCode): number => {
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code === 'ALREADY_EXISTS' || code === 'CONFLICT') return 409;
  if (code === 'PERMISSION_DENIED' || code === 'RANK_TOO_LOW' || code === 'NOT_A_MEMBER' || code === 'MUTED') return 403;
  return 400;
};

export function sendAdminError(reply: FastifyReply, error: unknown): FastifyReply | undefined {
  if (error instanceof AdminError) {
    return reply
      .code(error.status)
      .send({ error: { code: error.code, message: error.message, ...(error.problems && { problems: error.problems }) } });
  }
  if (error instanceof WorldFileError) {
    return reply
      .code(400)
      .send({ error: { code: 'WORLD_FILE_INVALID', message: 'the world file was rejected', problems: error.problems } });
  }
  if (error instanceof WorldError) {
    return reply.code(statusOfWorldCode(error.code)).send({ error: { code: error.code, message: error.message } });
  }
  return undefined;
}
