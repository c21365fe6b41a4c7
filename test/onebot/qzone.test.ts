import { describe, expect, it } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';
import { base64Of, pngHeader } from '../helpers/images.js';
import { fileOnebotWorld } from '../helpers/reopen.js';

describe('QZone posts', () => {
  it('posts with images; friends, named friends and everyone see what ugc_right allows; the poster deletes', async () => {
    const ob = await onebotWorld(); // 10001 and 20001 are friends; 20002 is not 10001's friend
    const everyone = (await ob.data(10001, 'send_qzone_msg', { content: 'hello world', images: [base64Of(pngHeader(8, 6))] })).tid;
    expect(everyone).toMatch(/^[0-9a-f]{24}$/);
    ob.clock.advance(1000);
    const friends = (await ob.data(10001, 'send_qzone_msg', { content: 'friends only', ugc_right: '4' })).tid;
    const named = (await ob.data(10001, 'send_qzone_msg', { content: 'for alice', ugc_right: 16, target_uins: ['20001'] })).tid;
    const allBut = (await ob.data(10001, 'send_qzone_msg', { content: 'not alice', ugc_right: 128, target_uins: [20001] })).tid;
    const me = (await ob.data(10001, 'send_qzone_msg', { content: 'diary', ugc_right: 64 })).tid;

    const own = await ob.data(10001, 'get_qzone_msg_list');
    expect(own.map((post: any) => post.tid)).toEqual([me, allBut, named, friends, everyone]);
    expect(own.at(-1)).toMatchObject({ user_id: 10001, content: 'hello world', ugc_right: 1, images: [{ width: 8, height: 6 }] });
    expect((await ob.data(20001, 'get_qzone_msg_list', { user_id: 10001 })).map((post: any) => post.tid)).toEqual([
      named,
      friends,
      everyone,
    ]);
    expect((await ob.data(20002, 'get_qzone_msg_list', { user_id: 10001 })).map((post: any) => post.tid)).toEqual([everyone]);

    expect(await ob.call(20001, 'delete_qzone_msg', { tid: everyone })).toMatchObject({ retcode: 2023 });
    await ob.data(10001, 'delete_qzone_msg', { tid: everyone });
    expect(await ob.data(20002, 'get_qzone_msg_list', { user_id: 10001 })).toEqual([]);
    expect(await ob.call(10001, 'delete_qzone_msg', { tid: everyone })).toMatchObject({ retcode: 2023 });
  });

  it('refuses bad rights, missing targets, empty posts, non-images and unknown accounts, storing nothing', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'send_qzone_msg', { content: 'x', ugc_right: 2 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'send_qzone_msg', { content: 'x', ugc_right: 16 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'send_qzone_msg', { content: '  ' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'send_qzone_msg', { content: 'x', images: [{}] })).toMatchObject({ retcode: 1400 });
    expect(
      await ob.call(10001, 'send_qzone_msg', { content: 'x', images: [`base64://${Buffer.from('text').toString('base64')}`] }),
    ).toMatchObject({ retcode: 2201 });
    expect(await ob.call(10001, 'get_qzone_msg_list', { user_id: 99999 })).toMatchObject({ retcode: 2001 });
    expect(await ob.data(10001, 'get_qzone_msg_list')).toEqual([]);
  });

  it('survives a restart', async () => {
    const { ob, reopen } = await fileOnebotWorld();
    const { tid } = await ob.data(10001, 'send_qzone_msg', { content: 'kept', ugc_right: 16, target_uins: [20001] });
    const again = await reopen();
    expect(await again.data(20001, 'get_qzone_msg_list', { user_id: 10001 })).toMatchObject([{ tid, content: 'kept', ugc_right: 16 }]);
    expect(await again.data(20002, 'get_qzone_msg_list', { user_id: 10001 })).toEqual([]);
  });
});
