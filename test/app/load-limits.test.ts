import { describe, expect, it } from 'vitest';
import { checkLimits, limitsLine, type Measured } from '../../src/app/load/load-limits.js';
import { LoadOptionError, parseLimitCount, parsePercent } from '../../src/app/load/load-options.js';

const measured: Measured = { deliveryP99Ms: 4.2, replyP99Ms: 812, replyRate: 0.975, errorRate: 0.0125, lost: 0 };

describe('load limits', () => {
  it('checks each limit given, in the order of the options, a limit at the value as met', () => {
    const checks = checkLimits({ maxDeliveryP99Ms: 4.2, maxReplyP99Ms: 500, minReplyRate: 0.99, maxErrorRate: 0.02, maxLost: 0 }, measured);
    expect(checks).toEqual([
      { option: '--max-delivery-p99', limit: 4.2, value: 4.2, unit: 'ms', passed: true },
      { option: '--max-reply-p99', limit: 500, value: 812, unit: 'ms', passed: false },
      { option: '--min-reply-rate', limit: 99, value: 97.5, unit: '%', passed: false },
      { option: '--max-error-rate', limit: 2, value: 1.25, unit: '%', passed: true },
      { option: '--max-lost', limit: 0, value: 0, unit: 'events', passed: true },
    ]);
    expect(limitsLine(checks)).toBe('2 of 5 missed: --max-reply-p99 500 ms: 812 ms; --min-reply-rate 99%: 97.5%');
    expect(limitsLine(checks.filter((check) => check.passed))).toBe('all 3 met');
  });

  it('lets nothing measured pass no limit, and checks nothing without limits', () => {
    // No answer was timed: the bot never answered, which no reply limit may let through.
    const silent = checkLimits({ maxReplyP99Ms: 500 }, { ...measured, replyP99Ms: null });
    expect(silent).toEqual([{ option: '--max-reply-p99', limit: 500, value: null, unit: 'ms', passed: false }]);
    expect(limitsLine(silent)).toBe('1 of 1 missed: --max-reply-p99 500 ms: nothing measured');
    expect(checkLimits({}, measured)).toEqual([]);
  });

  it('reads percentages and counts as typed, and refuses anything else', () => {
    expect(parsePercent('99%', '--min-reply-rate')).toBe(0.99);
    expect(parsePercent('0', '--max-error-rate')).toBe(0);
    expect(parsePercent('99.5', '--min-reply-rate')).toBe(0.995);
    for (const wrong of ['101%', '-1', 'most', '']) {
      expect(() => parsePercent(wrong, '--min-reply-rate')).toThrow(LoadOptionError);
    }
    // A limit keeps the precision it was typed with.
    expect(checkLimits({ minReplyRate: parsePercent('99.999%', '--min-reply-rate') }, measured)[0]!.limit).toBe(99.999);
    expect(parseLimitCount('0', '--max-lost')).toBe(0);
    expect(() => parseLimitCount('-2', '--max-lost')).toThrow('--max-lost must be a whole number from 0, got "-2"');
  });
});
