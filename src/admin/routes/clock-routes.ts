import { clockApi, type ClockView } from '../../contract/admin/clock.js';
import { parseDuration, parseInstant, type WorldClock } from '../../util/clock.js';
import { AdminError } from '../admin-errors.js';
import { implement } from '../admin-route.js';

export function clockView(clock: WorldClock): ClockView {
  const nowMs = clock.nowMs();
  return { now: Math.floor(nowMs / 1000), now_ms: nowMs, iso: new Date(nowMs).toISOString(), frozen: clock.frozen };
}

export const clockRoutes = implement(clockApi, {
  async getClock(_request, _reply, { world }) {
    return clockView(world.clock);
  },

  async setClock(request, _reply, { world }) {
    const body = request.body;
    // Every field is checked before anything moves, so a bad one changes nothing.
    const setMs = body.set === undefined ? undefined : parseInstant(body.set);
    if (body.set !== undefined && setMs === undefined) {
      throw new AdminError(400, 'BAD_REQUEST', `set: ${JSON.stringify(body.set)} is neither unix seconds nor an ISO 8601 time`);
    }
    const advanceMs = body.advance === undefined ? undefined : parseDuration(body.advance);
    if (body.advance !== undefined && advanceMs === undefined) {
      throw new AdminError(400, 'BAD_REQUEST', `advance: ${JSON.stringify(body.advance)} is not a duration such as 90s, 10m or 1d`);
    }
    if (setMs !== undefined) world.clock.set(setMs);
    if (advanceMs !== undefined) world.clock.advance(advanceMs);
    if (body.freeze === true) world.clock.freeze();
    if (body.freeze === false) world.clock.unfreeze();
    return clockView(world.clock);
  },
});
