import type { FaultEffect } from '../../contract/fault-rule.js';

export type { FaultEffect };

/** A fault rule as the world keeps it (the admin API and the world file write it). */
export interface FaultRule {
  readonly id: number;
  readonly selfId: number | null;
  /** An action name or glob; null with `event` set, or for every action. */
  readonly action: string | null;
  /**
   * An event name or glob: the rule hits events POSTed to OneBot's HTTP POST targets ("message.group",
   * "notice.*") and Milky's WebHooks (by event_type: "message_receive").
   */
  readonly event: string | null;
  readonly transport: string | null;
  /** Hits left (null: no limit). */
  readonly timesLeft: number | null;
  readonly probability: number | null;
  readonly effect: FaultEffect;
  readonly fired: number;
  /** Unix seconds. */
  readonly createdAt: number;
}

export type NewFaultRule = Omit<FaultRule, 'id' | 'fired'>;

/**
 * The signal "a fault rule fired": one per call or event a rule hit, at the moment it hit (before
 * the call's answer), whichever protocol the call or event is of. The transcript records it
 * (`kind: "fault"`) and the console's live log shows it.
 */
export interface FaultFired {
  readonly ruleId: number;
  readonly selfId: number;
  /** The action or Milky API as called (a rule on calls), or the event's name (a rule on events). */
  readonly action?: string;
  readonly event?: string;
  readonly transport: string;
  readonly effect: FaultEffect['type'];
  /** For `fail`: the retcode the call answers. */
  readonly retcode?: number;
  /** The world's time (unix milliseconds). */
  readonly time: number;
}

/** How an account is, as QQ sees it; `online` is the normal state (no record). */
export type HealthState = 'online' | 'offline' | 'kicked' | 'zombie';

export interface AccountHealth {
  readonly userId: number;
  readonly state: Exclude<HealthState, 'online'>;
  /** What the bot_offline notice said. */
  readonly message: string;
  /** Unix seconds. */
  readonly since: number;
  /** The QQ status (`onlineStatus.status`) to restore when the account comes back. */
  readonly prevStatus: number | null;
}
