import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { postJson, spawnCatnap, tempDir } from '../helpers/spawn.js';

// The one test on the fixed ports of the default world (3000 HTTP, 3001 WebSocket).
describe('npm start on a fresh data dir', () => {
  it('creates the default world and answers every foundation action over HTTP with NapCat shapes', async () => {
    const data = await tempDir();
    const catnap = await spawnCatnap(['--data', data, '--webui-port', '0']);
    try {
      expect(catnap.banner).toContain('Created the default world');
      expect(catnap.banner).toContain('httpServers "http-api" http://127.0.0.1:3000');
      expect(catnap.banner).toContain('websocketServers "ws-server" ws://127.0.0.1:3001');
      const call = async (action: string, params: unknown = {}) => {
        const reply = await postJson(`http://127.0.0.1:3000/${action}`, params);
        expect(reply.json.status, `${action}: ${reply.json.message}`).toBe('ok');
        return reply.json.data;
      };
      expect(await call('get_login_info')).toEqual({ user_id: 10001, nickname: 'Catnap Bot' });
      expect(await call('get_status')).toMatchObject({ online: true, good: true });
      expect(await call('get_version_info')).toMatchObject({ app_name: 'Catnap', protocol_version: 'v11' });
      expect((await call('get_robot_uin_range')).length).toBe(5);
      expect(await call('can_send_image')).toEqual({ yes: true });
      expect(await call('can_send_record')).toEqual({ yes: true });
      expect((await call('get_friend_list', { no_cache: true })).map((f: any) => f.user_id)).toEqual([20001, 20002, 20003]);
      const categories = await call('get_friends_with_category', { no_cache: true });
      expect(categories.map((c: any) => c.categoryName)).toEqual(['我的好友', 'Friends', 'Colleagues']);
      expect(await call('get_stranger_info', { user_id: 20004 })).toMatchObject({ user_id: 20004, nickname: 'Dave', sex: 'male' });
      expect((await call('get_group_list')).map((g: any) => g.group_id)).toEqual([30001, 30002]);
      expect(await call('get_group_info', { group_id: 30001 })).toMatchObject({ group_name: 'Catnap Lounge', member_count: 5 });
      const owner = await call('get_group_member_info', { no_cache: false, group_id: '30001', user_id: '20001' });
      expect(owner).toMatchObject({ role: 'owner', nickname: 'Alice', level: expect.any(String) });
      const members = await call('get_group_member_list', { no_cache: false, group_id: '30001' });
      expect(members.map((m: any) => m.role).sort()).toEqual(['admin', 'member', 'member', 'member', 'owner']);
      // The WebSocket server entry is live too: lifecycle connect first.
      const ws = new WebSocket('ws://127.0.0.1:3001/');
      const first = await new Promise<any>((resolve, reject) => {
        ws.once('message', (data) => resolve(JSON.parse(data.toString())));
        ws.once('error', reject);
      });
      expect(first).toMatchObject({ post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'connect', self_id: 10001 });
      ws.close();
    } finally {
      expect(await catnap.stop()).toBe(0);
    }
  });
});
