import { milkyPackageVersion, milkyVersion, Event } from '@saltify/milky-types';
import type { WorldErrorCode } from '../world/errors.js';
import { specApiNames, type MilkyApiSpec, type MilkyCategory } from './api.js';
import { milkyProtocolErrors, milkyWorldErrors } from './error-catalogue.js';
import type { MilkyEventType } from './events/milky-event.js';

const categoryNames: Record<MilkyCategory, string> = {
  system: 'System',
  message: 'Message',
  friend: 'Friend',
  group: 'Group',
  file: 'File',
};

/** Where each Milky event comes from in the world, for the page. A test checks every spec event is here. */
export const eventSources: Record<MilkyEventType, string> = {
  bot_offline:
    'QQ logs the account out (its health becomes offline or kicked, faults.md), with the notice as `reason`; the connections stay open. Also when the account’s Milky server or WebHook stops (config disabled or removed, Catnap stopping), before the connection closes.',
  message_receive:
    'Any message the account sees (`message.created`), the same domain event OneBot’s `message` comes from; own messages only with `reportSelfMessage`. Events are built after the fact: when a snapshot restore removed the group or the other side of a private chat in between, that group or friend is shown by number: named by its number (a friend with sex unknown and the default category).',
  message_recall: 'A recall (`message.recalled`).',
  peer_pin_change:
    'The account pins or unpins a chat (`conversation.pinned`, `set_peer_pin`); the private chat with someone who is not a mutual friend is a temp chat, scene `temp`.',
  friend_request: 'A friend request to the account (`request.friend`); requests QQ’s filter keeps aside raise none.',
  group_join_request: 'A join request to a group the account administers (`request.group`).',
  group_invited_join_request: 'A member’s invitation accepted by the invitee, waiting for an admin (`request.group` with an invitor).',
  group_invitation: 'Someone invites the account into a group (`request.group`, invite).',
  friend_nudge: 'A poke in a private chat (`poke` without a group).',
  friend_file_upload:
    'A file element in a friend chat’s message (`message.created`), not a temp chat’s; `file_hash` is the file’s blob id, which get_private_file_download_url checks.',
  group_admin_change:
    'A member becomes an admin or stops being one (`member.role_changed`); the operator is the group’s owner when the change was made.',
  group_essence_message_change: 'A message is made essence or stops being one (`essence.changed`).',
  group_member_increase:
    'A member joins (`member.joined`): operator only when an owner or admin approved a join request (not for a join setting that lets one in, nor for the world adding a member), invitor when an invitation led to it (both when an admin approved a member’s invitation).',
  group_member_decrease:
    'A member leaves or is kicked (`member.left`); a dismissed group tells each member once, about itself, with the owner as operator.',
  group_name_change: 'The group is renamed (`group.name_changed`).',
  group_message_reaction: 'A reaction to a group message is added or removed (`message.reaction`).',
  group_mute: 'A member is muted or unmuted (`member.muted`).',
  group_whole_mute: 'The whole group is muted or unmuted (`member.muted` for the group).',
  group_nudge: 'A poke in a group (`poke`).',
  group_file_upload: 'A file is uploaded to the group’s files (`file.uploaded`).',
};

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** World errors grouped by the retcode Milky gives them. */
function errorRows(): string[] {
  const byRetcode = new Map<number, WorldErrorCode[]>();
  for (const [code, retcode] of Object.entries(milkyWorldErrors) as [WorldErrorCode, number][]) {
    byRetcode.set(retcode, [...(byRetcode.get(retcode) ?? []), code]);
  }
  return [...byRetcode.entries()]
    .sort(([a], [b]) => b - a)
    .map(([retcode, codes]) => `| ${retcode} | ${codes.map((code) => `\`${code}\``).join(', ')} |`);
}

/**
 * Renders docs/milky.md: every Milky API of the spec with how Catnap serves it, every event with
 * the domain event it comes from, and the retcodes, from the live API list and the spec's own
 * package. `npm run docs` writes it; a test keeps the file equal to this rendering.
 */
export function renderMilkyDoc(apis: readonly MilkyApiSpec[]): string {
  const served = new Map(apis.map((api) => [api.name, api]));
  const spec = specApiNames();
  const rows = (category: MilkyCategory) =>
    spec
      .filter((api) => api.category === category)
      .map((api) => {
        const mine = served.get(api.name);
        return `| \`${api.name}\` | ${cell(api.description)} | ${mine ? 'yes' : '**no**'} | ${cell(mine?.summary ?? '')} |`;
      });
  const eventTypes = Event.options.map((option) => option.shape.event_type.value);
  return [
    '# Milky coverage',
    '',
    `Catnap serves [Milky](https://milky.ntqqrev.org) ${milkyVersion} (checked against \`@saltify/milky-types\` ${milkyPackageVersion},`,
    'the zod schemas the spec publishes) beside OneBot 11, over the same world: a change made through one',
    'protocol is what the other reads at once, and both report the same domain events. Generated from the',
    'live API list by `npm run docs`; a test fails when this page and the code disagree.',
    '',
    `Of ${spec.length} APIs in the spec: ${spec.filter((api) => served.has(api.name)).length} served.`,
    '',
    '## Transports',
    '',
    '- `POST <prefix>/api/:api` with a JSON body and `Authorization: Bearer <accessToken>`. HTTP 401 when the',
    '  token is missing or wrong, 404 for an unknown API, 415 for a body that is not `application/json`,',
    '  otherwise 200 with `{status, retcode, data}` or `{status, retcode, message}` (`data` is `{}` for APIs',
    '  that return nothing). A body that is not valid JSON answers 200 with retcode -400.',
    '- `GET <prefix>/event`: a WebSocket when the request asks to upgrade, else Server-Sent Events',
    '  (`event: milky_event`, `data: <event JSON>`). The token comes as `Authorization: Bearer` or `?access_token=`.',
    '- WebHooks: every event is POSTed as JSON to each configured URL, with `Authorization: Bearer` when the',
    '  WebHook has an access token. Events go out in order; a receiver that falls behind loses the oldest.',
    '',
    'Settings per account live in `config/milky_<uin>.json` or `accounts[].milky` of a world file, in LLBot’s',
    'shape (see the README). Messages are named by `message_scene`, `peer_id` and `message_seq`, the',
    'conversation’s sequence number (OneBot reports the same number as `real_seq`). Resources are',
    '`<sha256>.<ext>` ids; `get_resource_temp_url` and every `temp_url` point at Catnap’s own media URLs, which',
    'do not expire. A file segment has a `file_hash` (the file’s blob id) in private and temp chats only, as',
    'the spec says; a group file is fetched by its `file_id`. A recalled message cannot be fetched',
    '(`get_message` answers `MESSAGE_RECALLED`) and has no segments where Milky still shows it (a quote of',
    'it, its entry in `get_group_essence_messages`): QQ keeps only its recall notice in the chat, and LLBot,',
    'which reads QQ’s local history, shows nothing of it either. (OneBot’s `get_essence_msg_list` still',
    'shows an essence message’s content after a recall.)',
    '',
    ...(Object.keys(categoryNames) as MilkyCategory[]).flatMap((category) => [
      `## ${categoryNames[category]} APIs`,
      '',
      '| API | spec | served | how |',
      '| --- | --- | --- | --- |',
      ...rows(category),
      '',
    ]),
    '## Events',
    '',
    '| event | comes from |',
    '| --- | --- |',
    ...eventTypes.map((type) => `| \`${type}\` | ${cell(eventSources[type as MilkyEventType] ?? '**unexplained**')} |`),
    '',
    '## Faults on demand',
    '',
    'The admin API’s account health and fault rules ([faults.md](faults.md)) reach a Milky bot as they reach a',
    'OneBot bot. An account QQ logged out (offline or kicked) gets `bot_offline` on its open streams and',
    'WebHooks, which stay open, and events keep coming; every API that changes something answers -403 and',
    'changes nothing, while `get_*` APIs still answer. A zombie’s changes hang for catnap.json’s',
    '`faults.sendTimeoutMs` (NapCat’s 10 s by default) and then answer -500. As OneBot’s servers do, a',
    'kicked account’s Milky server refuses new event clients (WebSocket or SSE on `<prefix>/event`) with',
    'HTTP 503 and retcode -503 until the account is online again; clients already connected stay.',
    '',
    'A fault rule’s `action` matches the Milky API’s name (`send_group_message`; a glob such as `send_*`',
    'matches both protocols’ sends), and Milky calls come over the transport `milky`, so `"transport":',
    '"milky"` keeps a rule to Milky bots. A `fail` effect answers its own `retcode` and `message` when it',
    'has them (`wording` is OneBot’s), else its preset’s: `logged_out` answers -403, the others -500 with',
    'what QQ said. `delay` and `no_reply` hold the call (the HTTP request stays open); `disconnect` answers',
    '-500 without closing the connection, which the Milky server does not offer. A rule on events',
    '(`event`) is matched against the event’s `event_type` (`message_receive`) and acts on the events',
    'POSTed to the WebHooks, as OneBot’s act on its HTTP POST targets: `delay` posts late, the other',
    'effects drop the event; the event streams (WebSocket, SSE) are not affected.',
    '',
    '## Retcodes',
    '',
    ...Object.values(milkyProtocolErrors).map(({ retcode, meaning }) => `- \`${retcode}\`: ${meaning}`),
    '',
    'A world failure answers the retcode of its code:',
    '',
    '| retcode | world error codes (see errors.md for their meaning) |',
    '| --- | --- |',
    ...errorRows(),
    '',
    '## What the world does not have',
    '',
    'Fields whose QQ data the simulated world does not keep are filled with fixed values: `qid` is `""`,',
    'friend requests’ `via` is `""`, a voice message’s `duration` and a video’s size and duration are 0,',
    'profiles’ country, city and school are `""`, and nudges show QQ’s default wording. Group notifications',
    'list join requests (with and without an invitation); admin changes, kicks and quits are reported as',
    'events when they happen, but the world keeps no notification list of them.',
    '',
    'Milky’s QQ numbers run from 10001 to 4294967295. A world may hold accounts and groups outside that',
    'range (OneBot takes any positive number); a mention of such an account arrives as `@name` text, but',
    'a reply or event that names one (as sender, member, friend or group) fails the spec’s schema, so give',
    'the accounts a Milky bot meets numbers in range. A super face (QQ face type 3) has `is_large`.',
    '',
  ].join('\n');
}
