import { WorldError } from '../errors.js';
import type { OnlineStatus } from '../model.js';

/**
 * QQ's online statuses as NapCat's set_online_status documents them: a main status, and for
 * "online" (10) an extended status that picks one of QQ's custom statuses. Any other combination
 * does not exist in QQ and is refused.
 */
export const mainStatuses: Readonly<Record<number, string>> = {
  10: 'online',
  30: 'away',
  40: 'invisible',
  50: 'busy',
  60: 'Q me',
  70: 'do not disturb',
};

/** Custom statuses (ext_status) QQ offers under status 10, by code. */
export const extStatuses: Readonly<Record<number, string>> = {
  1000: 'my battery',
  1011: 'weak signal',
  1016: 'sleeping',
  1018: 'studying',
  1021: 'watching shows',
  1027: 'gaming (timi)',
  1028: 'listening to music',
  1030: "today's weather",
  1032: 'staying up late',
  1051: 'in love',
  1052: "I'm fine",
  1056: 'having a blast',
  1058: 'full of energy',
  1059: 'taking it easy',
  1060: 'bored',
  1061: 'want some quiet',
  1062: 'having a hard time',
  1063: 'hard to say',
  1070: 'baby certified',
  1071: 'lucky koi',
  1201: 'bad luck be gone',
  1300: 'slacking off',
  1401: 'feeling emo',
  2001: 'happily muddled',
  2003: 'out and about',
  2006: 'love you',
  2012: 'doing homework',
  2013: "I've let it go",
  2014: 'drained',
  2015: 'travelling',
  2019: 'I crashed',
  2023: 'hard at work',
  2025: 'playing together',
  2026: 'looking for a teammate',
  2037: 'spring limited',
};

/** Validates a status triple; throws INVALID_ARGUMENT naming what is wrong and what is allowed. */
export function checkOnlineStatus(value: OnlineStatus): OnlineStatus {
  const { status, extStatus, batteryStatus } = value;
  if (!(status in mainStatuses)) {
    const allowed = Object.entries(mainStatuses)
      .map(([code, name]) => `${code} (${name})`)
      .join(', ');
    throw new WorldError('INVALID_ARGUMENT', `status ${status} is not a QQ online status; use one of ${allowed}`);
  }
  if (extStatus !== 0) {
    if (status !== 10) {
      throw new WorldError(
        'INVALID_ARGUMENT',
        `ext_status ${extStatus} cannot go with status ${status} (${mainStatuses[status]}): custom statuses need status 10, other statuses take ext_status 0`,
      );
    }
    if (!(extStatus in extStatuses)) {
      throw new WorldError(
        'INVALID_ARGUMENT',
        `ext_status ${extStatus} is not a QQ custom status; with status 10 use 0 or one of ${Object.keys(extStatuses).join(', ')}`,
      );
    }
  }
  if (!Number.isInteger(batteryStatus) || batteryStatus < 0 || batteryStatus > 100) {
    throw new WorldError('INVALID_ARGUMENT', `battery_status ${batteryStatus} must be a percentage from 0 to 100`);
  }
  return { status, extStatus, batteryStatus };
}
