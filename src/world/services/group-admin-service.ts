import { fail, WorldError } from '../errors.js';
import { addOptions, invitePolicies, type AddOption, type GroupJoinSettings, type InvitePolicy } from '../extras-model.js';
import type { Member } from '../model.js';
import { emit, now, operatorOf, type Actor, type ServiceContext } from './context.js';
import type { GroupService } from './group-service.js';
import type { RequestService } from './request-service.js';

/**
 * Group administration beyond the member rules of `GroupService` (which it reuses for every rank
 * check): kicks that also refuse later join requests, batch kicks, leaving or dismissing, the
 * group's join setting, per-account group remarks and the list of muted members.
 */
export class GroupAdminService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
    private readonly requests: RequestService,
  ) {}

  /** Kicks a member; with `rejectAddRequest` the group also refuses their later join requests. */
  async kick(actor: Actor, groupId: number, userId: number, options: { rejectAddRequest?: boolean } = {}): Promise<void> {
    await this.groups.kick(actor, groupId, userId);
    if (options.rejectAddRequest) await this.rejectLater(actor, groupId, userId);
  }

  /**
   * Kicks several members at once. Every target is checked before anyone is removed, so a
   * refusal (an unknown member, a rank too high) changes nothing.
   */
  async kickMany(actor: Actor, groupId: number, userIds: readonly number[], options: { rejectAddRequest?: boolean } = {}): Promise<void> {
    const targets = [...new Set(userIds)];
    if (targets.length === 0) throw fail.invalid('user_id lists nobody to kick');
    for (const userId of targets) {
      const target = await this.groups.requireMember(groupId, userId);
      if (actor !== 'world') {
        if (actor === userId) throw new WorldError('PERMISSION_DENIED', `account ${actor} cannot kick itself; leave the group instead`);
        await this.groups.requireOutranks(actor, target);
      }
      if (target.role === 'owner') throw new WorldError('RANK_TOO_LOW', `the owner of group ${groupId} cannot be removed`);
    }
    for (const userId of targets) await this.kick(actor, groupId, userId, options);
  }

  /**
   * The account leaves the group. Its owner cannot leave: with `dismiss` the group is dismissed,
   * without it the call fails and says how to dismiss.
   */
  async leave(userId: number, groupId: number, dismiss: boolean): Promise<'left' | 'dismissed'> {
    const self = await this.groups.requireSelf(groupId, userId);
    if (self.role === 'owner') {
      if (!dismiss) {
        throw new WorldError(
          'PERMISSION_DENIED',
          `account ${userId} owns group ${groupId} and cannot leave it; pass is_dismiss: true to dismiss the group`,
        );
      }
      await this.groups.dismiss(userId, groupId);
      return 'dismissed';
    }
    await this.groups.leave(groupId, userId);
    return 'left';
  }

  async joinSettings(groupId: number): Promise<GroupJoinSettings> {
    await this.groups.require(groupId);
    return this.requests.joinSettings(groupId);
  }

  /** Changes how the group takes new members (owner or admins). Options 4 and 5 need a question; 4 an answer. */
  async setJoinSettings(actor: Actor, groupId: number, addOption: number, question = '', answer = ''): Promise<GroupJoinSettings> {
    const group = await this.groups.require(groupId);
    if (actor !== 'world') await this.groups.requireAdmin(groupId, actor, 'change how it takes new members');
    if (!addOptions.includes(addOption as AddOption)) {
      throw fail.invalid(
        `add_type ${addOption} is not one of 1 (anyone), 2 (admin approval), 3 (nobody), 4 (correct answer), 5 (answer, then approval)`,
      );
    }
    if ((addOption === 4 || addOption === 5) && question.trim() === '') {
      throw fail.invalid(`add_type ${addOption} needs a group_question`);
    }
    if (addOption === 4 && answer.trim() === '') throw fail.invalid('add_type 4 needs the group_answer that lets people in');
    const keepsQuestion = addOption === 4 || addOption === 5;
    const settings: GroupJoinSettings = {
      ...(await this.requests.joinSettings(groupId)),
      groupId,
      addOption: addOption as AddOption,
      question: keepsQuestion ? question : '',
      answer: addOption === 4 ? answer : '',
    };
    await this.ctx.store.extras.groupSettings.putJoinSettings(settings);
    emit(this.ctx, { type: 'group.updated', group, operatorId: operatorOf(actor, group.ownerId), changed: ['addOption'], audience: [] });
    return settings;
  }

  /** What a plain member's invitation leads to (owner or admins). */
  async setInvitePolicy(actor: Actor, groupId: number, policy: string): Promise<GroupJoinSettings> {
    const group = await this.groups.require(groupId);
    if (actor !== 'world') await this.groups.requireAdmin(groupId, actor, 'change who may invite');
    if (!invitePolicies.includes(policy as InvitePolicy))
      throw fail.invalid(`policy ${JSON.stringify(policy)} is not one of ${invitePolicies.join(', ')}`);
    const current = await this.requests.joinSettings(groupId);
    if (current.invitePolicy === policy) return current;
    const settings: GroupJoinSettings = { ...current, invitePolicy: policy as InvitePolicy };
    await this.ctx.store.extras.groupSettings.putJoinSettings(settings);
    emit(this.ctx, { type: 'group.updated', group, operatorId: operatorOf(actor, group.ownerId), changed: ['invitePolicy'], audience: [] });
    return settings;
  }

  /** How a member names the group for themselves ("" = none). */
  async remark(userId: number, groupId: number): Promise<string> {
    return this.ctx.store.extras.groupSettings.remark(userId, groupId);
  }

  remarks(userId: number): Promise<Map<number, string>> {
    return this.ctx.store.extras.groupSettings.remarks(userId);
  }

  /** Sets the account's own remark for a group it is in ("" clears it). */
  async setRemark(userId: number, groupId: number, remark: string): Promise<void> {
    await this.groups.requireSelf(groupId, userId);
    if ((await this.remark(userId, groupId)) === remark) return;
    await this.ctx.store.extras.groupSettings.setRemark(userId, groupId, remark);
    emit(this.ctx, { type: 'group.remark_changed', ownerId: userId, groupId, remark, audience: [] });
  }

  /** Members whose personal mute has not expired yet, soonest to end first. */
  async mutedMembers(groupId: number): Promise<Member[]> {
    const time = now(this.ctx);
    const members = await this.groups.members(groupId);
    return members.filter((member) => member.muteUntil > time).sort((a, b) => a.muteUntil - b.muteUntil || a.userId - b.userId);
  }

  private async rejectLater(actor: Actor, groupId: number, userId: number): Promise<void> {
    const group = await this.groups.require(groupId);
    await this.ctx.store.extras.groupSettings.blockJoin(groupId, userId, now(this.ctx));
    await this.requests.rejectPendingJoins(groupId, userId, operatorOf(actor, group.ownerId));
  }
}
