import { describe, expect, it } from 'vitest';
import { ActionTally, otherActions } from '../../src/app/load/action-tally.js';

describe('calls by action in a load report', () => {
  it('lists the busiest action first, with failures by retcode and an accepted _async call as no failure', () => {
    const tally = new ActionTally();
    tally.add('get_msg', 0);
    tally.add('send_group_msg', 0, 3);
    tally.add('send_group_msg', 1200, 2);
    tally.add('send_group_msg', '1404');
    tally.add('send_group_msg_async', 1);
    tally.add('get_status', 0, 0); // nothing happened: not listed
    expect(tally.list()).toEqual([
      { action: 'send_group_msg', calls: 6, failed: 3, failed_by_retcode: { '1200': 2, '1404': 1 } },
      { action: 'get_msg', calls: 1, failed: 0, failed_by_retcode: {} },
      { action: 'send_group_msg_async', calls: 1, failed: 0, failed_by_retcode: {} },
    ]);
  });

  it('counts names past its limit together, so a bot calling made-up actions cannot grow the report without end', () => {
    const tally = new ActionTally(3);
    for (const action of ['a', 'b', 'c', 'made_up_1', 'made_up_2']) tally.add(action, 1404);
    tally.add('a', 0); // a name already counted goes on being counted as itself
    expect(tally.list()).toEqual([
      { action: otherActions, calls: 2, failed: 2, failed_by_retcode: { '1404': 2 } },
      { action: 'a', calls: 2, failed: 1, failed_by_retcode: { '1404': 1 } },
      { action: 'b', calls: 1, failed: 1, failed_by_retcode: { '1404': 1 } },
      { action: 'c', calls: 1, failed: 1, failed_by_retcode: { '1404': 1 } },
    ]);
  });
});
