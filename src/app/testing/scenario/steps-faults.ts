import { Type } from '@sinclair/typebox';
import { HealthState } from '../../../contract/admin/faults.js';
import { FaultRuleInput } from '../../../contract/fault-rule.js';
import { defineStep, Duration, durationMs, strict } from './step.js';

/**
 * Steps that make QQ or the connection fail (docs/faults.md): a fault rule, the bot account's
 * health, its connections dropped. Their values are the faults routes' own bodies (the contract's
 * schemas), so the scenario schema and the server agree on every field.
 */

export const faultStep = defineStep({
  name: 'fault',
  summary: 'Add a fault rule (the body of POST /api/faults): matching calls fail, wait, hang or drop their connection',
  schema: FaultRuleInput,
  async run(ctx, rule) {
    await ctx.world.faults.add(rule);
  },
  describe: (rule) => `fault: ${rule.action ?? (rule.event ? `event ${rule.event}` : 'every call')} ${rule.effect.type}`,
});

export const healthStep = defineStep({
  name: 'health',
  summary: "The bot account's health: online, offline, kicked or zombie (the body of POST /api/bots/:id/health, or just the state)",
  schema: Type.Union([HealthState, Type.Object({ state: HealthState, message: Type.Optional(Type.String({ maxLength: 500 })) }, strict)]),
  async run(ctx, value) {
    const { state, message } = typeof value === 'string' ? { state: value, message: undefined } : value;
    await ctx.world.faults.health(state, message);
  },
  describe: (value) => `the bot goes ${typeof value === 'string' ? value : value.state}`,
});

export const disconnectStep = defineStep({
  name: 'disconnect',
  summary:
    "Drop the bot's connections (on one adapter, else every adapter it is connected on); refuse reconnects for refuse_ms, or stall them; " +
    'with reconnect, wait that long for the bot to connect again',
  schema: Type.Union([
    Type.String({ minLength: 1, description: 'The adapter name' }),
    Type.Object(
      {
        adapter: Type.Optional(Type.String({ minLength: 1 })),
        refuse_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_600_000 })),
        stall: Type.Optional(Type.Boolean()),
        reconnect: Type.Optional(Duration),
      },
      strict,
    ),
  ]),
  async run(ctx, value) {
    const { adapter, reconnect, ...options } = typeof value === 'string' ? { adapter: value } : value;
    // Taken first: a dropped connection may still be listed while it closes, and is not the bot back.
    const dropping = reconnect === undefined ? undefined : await ctx.world.botConnections();
    const dropped = await ctx.world.faults.disconnect(adapter, options);
    if (dropped === 0) throw new Error(`disconnect: the bot had no connection to drop${adapter ? ` on ${adapter}` : ''}`);
    if (reconnect === undefined) return;
    // The adapter refuses until refuse_ms has passed; only then can the bot be back.
    await new Promise((resolve) => setTimeout(resolve, options.refuse_ms ?? 0));
    await ctx.world.waitForBot(durationMs(reconnect), dropping);
  },
  describe: (value) => {
    const adapter = typeof value === 'string' ? value : value.adapter;
    const refuse = typeof value === 'object' && value.refuse_ms ? `, refusing it for ${value.refuse_ms} ms` : '';
    const back = typeof value === 'object' && value.reconnect !== undefined ? `, and it reconnects within ${value.reconnect}` : '';
    return `the bot's connection drops${adapter ? ` on ${adapter}` : ''}${refuse}${back}`;
  },
});
