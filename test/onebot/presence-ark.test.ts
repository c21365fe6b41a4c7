import { describe, expect, it } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';
import { fileOnebotWorld } from '../helpers/reopen.js';

describe('model show and custom status', () => {
  it('sets the model shown and a custom status others see; NapCat-style calls without params change nothing', async () => {
    const ob = await onebotWorld();
    expect(await ob.data(10001, '_get_model_show')).toEqual([{ variants: { model_show: 'Catnap', need_pay: false } }]);
    expect(await ob.data(10001, '_set_model_show')).toBeNull();
    expect(ob.world.presence.get(10001).modelShow).toBe('');
    await ob.data(10001, '_set_model_show', { model: 'iPhone14,2', model_show: 'iPhone 13 Pro' });
    expect(await ob.data(10001, '_get_model_show')).toEqual([{ variants: { model_show: 'iPhone 13 Pro', need_pay: false } }]);
    expect(await ob.data(10001, '_get_model_show', { model: 'Pixel' })).toEqual([{ variants: { model_show: 'Pixel', need_pay: false } }]);

    expect(await ob.data(10001, 'set_diy_online_status', { face_id: 358, wording: 'coding' })).toBe('');
    expect(ob.world.presence.get(10001)).toMatchObject({ diyFaceId: '358', diyFaceType: '1', diyWording: 'coding' });
    expect(await ob.data(20001, 'nc_get_user_status', { user_id: 10001 })).toEqual({ status: 10, ext_status: 2000 });
    expect(ob.domainEvents.at(-1)).toMatchObject({ type: 'account.updated' });
  });

  it('refuses bad params, changing nothing', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'set_diy_online_status', { wording: 'x' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'set_diy_online_status', { face_id: 1, wording: 'x'.repeat(51) })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, '_set_model_show', { model: 'x'.repeat(65) })).toMatchObject({ retcode: 1400 });
    expect(ob.world.presence.get(10001)).toMatchObject({ diyWording: '', model: '' });
    expect(await ob.data(20001, 'nc_get_user_status', { user_id: 10001 })).toEqual({ status: 10, ext_status: 0 });
  });

  it('survives a restart', async () => {
    const { ob, reopen } = await fileOnebotWorld();
    await ob.data(10001, '_set_model_show', { model: 'Mi 11' });
    await ob.data(10001, 'set_diy_online_status', { face_id: '1', face_type: '2', wording: 'kept' });
    const again = await reopen();
    expect(again.world.presence.get(10001)).toEqual({
      model: 'Mi 11',
      modelShow: 'Mi 11',
      diyFaceId: '1',
      diyFaceType: '2',
      diyWording: 'kept',
    });
  });
});

describe('guilds', () => {
  it('answers null as NapCat does', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'get_guild_list')).toMatchObject({ status: 'ok', data: null });
    expect(await ob.call(10001, 'get_guild_service_profile')).toMatchObject({ status: 'ok', data: null });
  });
});

describe('mini-app arks', () => {
  it('builds a template card that travels through the world as a json segment', async () => {
    const ob = await onebotWorld();
    const { data: ark } = await ob.data(10001, 'get_mini_app_ark', {
      type: 'bili',
      title: 'A video',
      desc: 'Watch it',
      picUrl: 'https://example.com/p.jpg',
      jumpUrl: 'https://example.com/v',
    });
    expect(ark).toMatchObject({
      app: 'com.tencent.miniapp_01',
      prompt: '[QQ小程序]A video',
      config: { token: '' },
      meta: { detail_1: { appid: '1109937557', title: 'A video', desc: 'Watch it', host: { uin: 10001, nick: 'Bot A' } } },
    });
    const sent = await ob.data(10001, 'send_group_msg', {
      group_id: 30001,
      message: [{ type: 'json', data: { data: JSON.stringify(ark) } }],
    });
    const got = await ob.data(20002, 'get_msg', { message_id: sent.message_id });
    expect(JSON.parse(got.message[0].data.data)).toEqual(ark);
  });

  it('builds a custom card, or the raw ark, and refuses missing params', async () => {
    const ob = await onebotWorld();
    const base = { title: 't', desc: 'd', picUrl: 'p', jumpUrl: 'j' };
    const custom = {
      appId: '42',
      scene: '1001',
      iconUrl: 'i',
      templateType: '1',
      businessType: '0',
      verType: '3',
      shareType: '0',
      versionId: 'v',
      withShareTicket: '0',
    };
    expect((await ob.data(10001, 'get_mini_app_ark', { ...base, ...custom })).data.meta.detail_1).toMatchObject({
      appid: '42',
      scene: 1001,
      icon: 'i',
    });
    expect((await ob.data(10001, 'get_mini_app_ark', { ...base, type: 'weibo', rawArkData: 'true' })).data).toMatchObject({
      appName: 'com.tencent.miniapp_01',
      desc: 'd',
      metaData: { detail_1: { appid: '1109224783' } },
    });
    expect(await ob.call(10001, 'get_mini_app_ark', base)).toMatchObject({ retcode: 1400, message: expect.stringContaining('appId') });
    expect(await ob.call(10001, 'get_mini_app_ark', { ...base, type: 'douyin' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'get_mini_app_ark', { type: 'bili' })).toMatchObject({ retcode: 1400 });
  });
});
