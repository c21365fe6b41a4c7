import { describe, expect, it } from 'vitest';
import { WorldRandom } from '../../src/util/random.js';
import { onebotWorld } from '../helpers/onebot.js';
import { smallWorld } from '../helpers/world.js';

// smallWorld: 10001 and 20001 are friends.
const bytes = (text: string) => `base64://${Buffer.from(text).toString('base64')}`;

/** Every id the transfer actions make up, in one run of the same calls. */
async function transferIds(seed: number, seeded = true) {
  const ob = await onebotWorld(smallWorld, undefined, new WorldRandom(seed, seeded));
  const created = await ob.data(10001, 'create_flash_task', { files: [bytes('one'), bytes('two')], name: 'set' });
  const { fileSetId, shareLink } = created.createFlashTransferResult;
  const list = await ob.data(10001, 'get_flash_file_list', { fileset_id: fileSetId });
  const fileIds = list.fileLists[0].fileList.map((file: { cliFileId: string }) => file.cliFileId);
  const reshared = await ob.data(10001, 'reshare_flash_file', { file_set_id: fileSetId });
  const offer = await ob.data(10001, 'send_online_file', { user_id: 20001, file_path: bytes('notes'), file_name: 'notes.txt' });
  await ob.world.close();
  return { fileSetId, shareLink, fileIds, reshared, msgId: offer.msgId, elementId: offer.elementId };
}

describe('transfer ids come from the seeded world.random', () => {
  it('the same seed makes the same file set ids, share codes, file ids and online file ids; another seed others', async () => {
    const first = await transferIds(7);
    expect(await transferIds(7)).toEqual(first);
    const other = await transferIds(8);
    expect(other.fileSetId).not.toBe(first.fileSetId);
    expect(other.shareLink).not.toBe(first.shareLink);
    expect(other.msgId).not.toBe(first.msgId);
    expect(first.fileIds).toHaveLength(2);
    expect(first.shareLink).toMatch(/^https:\/\/qfile\.qq\.com\/q\/[A-HJ-NP-Za-km-z2-9]{10}$/);
  });

  it('without a user-chosen seed, share codes do not come from the predictable stream (they open the set to anyone)', async () => {
    const [first, second] = [await transferIds(7, false), await transferIds(7, false)];
    expect(second.fileSetId).toBe(first.fileSetId);
    expect(second.shareLink).not.toBe(first.shareLink);
  });
});
