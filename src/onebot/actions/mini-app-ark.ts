import { Type, type Static } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';
import { nowSeconds } from '../../util/clock.js';

/** NapCat's two built-in mini-app templates (appId, version and icon of the real mini programs). */
const templates = {
  bili: {
    appId: '1109937557',
    versionId: 'cfc5f7b05b44b5956502edaecf9d2240',
    iconUrl: 'https://miniapp.gtimg.cn/public/appicon/51f90239b78a2e4994c11215f4c4ba15_200.jpg',
  },
  weibo: {
    appId: '1109224783',
    versionId: 'e482a3cc4e574d9b772e96ba6eec9ba2',
    iconUrl: 'https://miniapp.gtimg.cn/public/appicon/35bbb44dc68e65194cfacfb206b8f1f7_200.jpg',
  },
} as const;

const Config = Type.Object({
  type: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  forward: Type.Integer(),
  autoSize: Type.Integer(),
  ctime: Type.Integer(),
  token: Type.String(),
});
const Meta = Type.Object({
  detail_1: Type.Object({
    appid: Type.String(),
    appType: Type.Integer(),
    title: Type.String(),
    desc: Type.String(),
    icon: Type.String(),
    preview: Type.String(),
    url: Type.String(),
    scene: Type.Integer(),
    host: Type.Object({ uin: Type.Integer(), nick: Type.String() }),
    shareTemplateId: Type.String(),
    shareTemplateData: Type.Object({}),
    showLittleTail: Type.String(),
    gamePoints: Type.String(),
    gamePointsUrl: Type.String(),
    shareOrigin: Type.Integer(),
  }),
});
/** The ark as a `json` segment carries it (NapCat's `RawToSend`). */
const MiniAppArk = Type.Object({
  ver: Type.String(),
  prompt: Type.String(),
  config: Config,
  app: Type.String(),
  view: Type.String(),
  meta: Meta,
  miniappShareOrigin: Type.Integer(),
  miniappOpenRefer: Type.String(),
});
/** The ark as QQ's share service answers it (`rawArkData: "true"`). */
const MiniAppRawArk = Type.Object({
  appName: Type.String(),
  appView: Type.String(),
  ver: Type.String(),
  desc: Type.String(),
  prompt: Type.String(),
  metaData: Meta,
  config: Config,
});

const templateId = '8C8E89B49BE609866298ADDFF2DBABA4';
const custom = (name: string) => P.optional(P.str(`${name} (custom mini app; required without type)`, { maxLength: 512 }));

/** Mini-app cards (小程序 ark), built in the world as QQ's share service would shape them. */
export const miniAppArkActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_mini_app_ark',
    origin: 'napcat',
    summary: 'A mini-app card to send as a json segment: from the bili or weibo template, or from a custom app',
    description:
      "Catnap builds the card itself in the shape QQ's share service answers NapCat, with an empty `config.token`: " +
      'QQ signs real cards, and the world has no signer. Sent in the world as a `json` segment, every receiver gets it as sent.',
    params: P.object({
      type: P.optional(Type.Union([Type.Literal('bili'), Type.Literal('weibo')], { description: 'Template' })),
      title: P.str('Title', { maxLength: 512 }),
      desc: P.str('Description', { maxLength: 512 }),
      picUrl: P.str('Preview image URL', { maxLength: 2048 }),
      jumpUrl: P.str('Where a tap leads', { maxLength: 2048 }),
      webUrl: P.optional(P.str('Web URL', { maxLength: 2048 })),
      rawArkData: P.optional(P.str('"true" answers the raw ark')),
      appId: custom('Mini app id'),
      scene: custom('Scene id'),
      iconUrl: custom('Icon URL'),
      templateType: custom('Template type'),
      businessType: custom('Business type'),
      verType: custom('Version type'),
      shareType: custom('Share type'),
      versionId: custom('Version id'),
      sdkId: P.optional(P.str('SDK id')),
      withShareTicket: custom('With share ticket'),
    }),
    result: Type.Object({ data: Type.Union([MiniAppArk, MiniAppRawArk]) }),
    async handler(ctx, params) {
      let app: { appId: string; iconUrl: string; scene: number };
      if (params.type !== undefined) {
        app = { ...templates[params.type], scene: 1 };
      } else {
        const missing = (
          ['appId', 'scene', 'iconUrl', 'templateType', 'businessType', 'verType', 'shareType', 'versionId', 'withShareTicket'] as const
        ).filter((key) => params[key] === undefined);
        if (missing.length > 0) throw badParams(`${missing.join(', ')}: required without type (bili or weibo)`);
        const scene = Number(params.scene);
        if (!Number.isInteger(scene)) throw badParams('scene: must be an integer');
        app = { appId: params.appId!, iconUrl: params.iconUrl!, scene };
      }
      const self = await ctx.world.accounts.require(ctx.selfId);
      const meta: Static<typeof Meta> = {
        detail_1: {
          appid: app.appId,
          appType: 0,
          title: params.title,
          desc: params.desc,
          icon: app.iconUrl,
          preview: params.picUrl,
          url: params.jumpUrl,
          scene: app.scene,
          host: { uin: ctx.selfId, nick: self.nickname },
          shareTemplateId: templateId,
          shareTemplateData: {},
          showLittleTail: '',
          gamePoints: '',
          gamePointsUrl: '',
          shareOrigin: 0,
        },
      };
      const config = { type: 'normal', width: 0, height: 0, forward: 1, autoSize: 0, ctime: nowSeconds(ctx.world.clock), token: '' };
      const prompt = `[QQ小程序]${params.title}`;
      const ver = '1.0.0.19';
      if (params.rawArkData === 'true') {
        return {
          data: {
            appName: 'com.tencent.miniapp_01',
            appView: `view_${templateId}`,
            ver,
            desc: params.desc,
            prompt,
            metaData: meta,
            config,
          },
        };
      }
      return {
        data: {
          ver,
          prompt,
          config,
          app: 'com.tencent.miniapp_01',
          view: `view_${templateId}`,
          meta,
          miniappShareOrigin: 3,
          miniappOpenRefer: '10002',
        },
      };
    },
  }),
];
