import { describe, expect, it } from 'vitest';
import { memoryWorld, smallWorld } from '../helpers/world.js';

describe('HealthService', () => {
  it('answers the new health to whoever hears the change announced', async () => {
    const { world } = await memoryWorld(smallWorld);
    const heard: string[] = [];
    world.events.on((event) => {
      if (event.type === 'account.health') heard.push(`${event.state}: ${world.health.state(event.userId)}`);
    });
    expect(world.health.state(10001)).toBe('online');
    await world.health.set(10001, 'kicked');
    await world.health.set(10001, 'zombie');
    await world.health.set(10001, 'online');
    expect(heard).toEqual(['kicked: kicked', 'zombie: zombie', 'online: online']);
  });

  it('keeps what it answers when the change fails', async () => {
    const { world } = await memoryWorld(smallWorld);
    await world.health.set(10001, 'offline');
    await expect(world.health.set(99999, 'kicked')).rejects.toThrow();
    expect(world.health.list().map((health) => [health.userId, health.state])).toEqual([[10001, 'offline']]);
  });
});
