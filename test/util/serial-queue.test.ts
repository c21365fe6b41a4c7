import { describe, expect, it } from 'vitest';
import { KeyedSerialQueue, SerialQueue } from '../../src/util/serial-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('SerialQueue', () => {
  it('runs tasks one after another in call order; a failure is its caller’s and the next still runs', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      };
    const results = [queue.run(task('a')), queue.run(task('b', true)), queue.run(task('c'))];
    const idle = queue.idle();
    expect(await Promise.allSettled(results)).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: new Error('b failed') },
      { status: 'fulfilled', value: 'c' },
    ]);
    await expect(idle).resolves.toBeUndefined();
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });
});

describe('KeyedSerialQueue', () => {
  it('keeps one key’s tasks in order, lets other keys run beside them, and lets an idle key go', async () => {
    const queue = new KeyedSerialQueue<number>();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    const runs = [queue.run(1, task('1a')), queue.run(2, task('2a')), queue.run(1, task('1b'))];
    expect(queue.busyKeys).toBe(2);
    await Promise.all(runs);
    expect(log.indexOf('1a end')).toBeLessThan(log.indexOf('1b start'));
    expect(log.indexOf('2a start')).toBeLessThan(log.indexOf('1a end'));
    await tick();
    expect(queue.busyKeys).toBe(0);
  });
});
