import { recordsApi } from '../../contract/admin/records.js';
import { AdminError } from '../admin-errors.js';
import { implement } from '../admin-route.js';

/** Voice records with a transcript (see the contract). */
export const recordRoutes = implement(recordsApi, {
  async sendRecord(request, _reply, { world }) {
    const { user_id, group_id, target_id, file, transcript } = request.body;
    if ((group_id === undefined) === (target_id === undefined)) {
      throw new AdminError(400, 'BAD_REQUEST', 'give exactly one of group_id (a group) and target_id (a user)');
    }
    const target =
      group_id !== undefined ? ({ type: 'group', groupId: group_id } as const) : ({ type: 'private', userId: target_id! } as const);
    const message = await world.aiVoice.sendWithTranscript(user_id, target, file, transcript);
    return { message_id: message.messageId };
  },
});
