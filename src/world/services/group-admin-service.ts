import { fail, WorldError } from '../errors.js';
import { addOptions, invitePolicies, type AddOption, type GroupJoinSettings, type InvitePolicy } from '../request-model.js';
import type { Member } from '../model.js';
import { now, operatorOf, transaction, type Actor, type ServiceContext, type Tx } from './context.js';
import type { GroupService } from './group-service.js';
import type { RequestService } from './request-service.js';

/**
 * Group administration beyond the member rules of `GroupService` (which it reuses for every rank
 * check): kicks that also refuse later join requests, batch kicks, leaving or dismissing, the
 * group's join setting, per-account group remarks and the list of muted members. Each change is
 * one unit of work, so a batch kick that meets a refusal removes nobody.
 */
export class GroupAdminService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
    private readonly requests: RequestService,
  ) {}

  /** Kicks a member; with `rejectAddRequest` the group also refuses their later join requests. */
  kick(actor: Actor, groupId: number, userId: number, options: { rejectAddRequest?: boolean } = {}): Promise<void> {
    return transaction(this.ctx, (tx) => this.kickIn(tx, actor, groupId, userId, options));
  }

  /** Kicks several members at once: all of them, or (on any refusal) none. */
  kickMany(actor: Actor, groupId: number, userIds: readonly number[], options: { rejectAddRequest?: boolean } = {}): Promise<void> {
    return transaction(this.ctx, (tx) => {
      const targets = [...new Set(userIds)];
      if (targets.length === 0) throw fail.invalid('user_id lists nobody to kick');
      for (const userId of targets) this.kickIn(tx, actor, groupId, userId, options);
    });
  }

  /**
   * The account leaves the group. Its owner cannot leave: with `dismiss` the group is dismissed,
   * without it the call fails and says how to dismiss.
   */
  leave(userId: number, groupId: number, dismiss: boolean): Promise<'left' | 'dismissed'> {
    return transaction(this.ctx, (tx) => {
      const self = this.groups.requireSelf(groupId, userId);
      if (self.role !== 'owner') {
        this.groups.leaveIn(tx, groupId, userId);
        return 'left';
      }
      if (!dismiss) {
        throw new WorldError(
          'PERMISSION_DENIED',
          `account ${userId} owns group ${groupId} and cannot leave it; pass is_dismiss: true to dismiss the group`,
        );
      }
      this.groups.dismissIn(tx, userId, groupId);
      return 'dismissed';
    });
  }

  joinSettings(groupId: number): GroupJoinSettings {
    this.groups.require(groupId);
    return this.requests.joinSettings(groupId);
  }

  /** Changes how the group takes new members (owner or admins). Options 4 and 5 need a question; 4 an answer. */
  setJoinSettings(actor: Actor, groupId: number, addOption: number, question = '', answer = ''): Promise<GroupJoinSettings> {
    return transaction(this.ctx, (tx) => {
      const group = this.groups.require(groupId);
      if (actor !== 'world') this.groups.requireAdmin(groupId, actor, 'change how it takes new members');
      if (!addOptions.includes(addOption as AddOption)) {
        throw fail.invalid(
          `add_type ${addOption} is not one of 1 (anyone), 2 (admin approval), 3 (nobody), 4 (correct answer), 5 (answer, then approval)`,
        );
      }
      if ((addOption === 4 || addOption === 5) && question.trim() === '')
        throw fail.invalid(`add_type ${addOption} needs a group_question`);
      if (addOption === 4 && answer.trim() === '') throw fail.invalid('add_type 4 needs the group_answer that lets people in');
      const settings: GroupJoinSettings = {
        ...this.requests.joinSettings(groupId),
        groupId,
        addOption: addOption as AddOption,
        question: addOption === 4 || addOption === 5 ? question : '',
        answer: addOption === 4 ? answer : '',
      };
      this.ctx.store.groupSettings.putJoinSettings(settings);
      tx.emit({ type: 'group.updated', group, operatorId: operatorOf(actor, group.ownerId), changed: ['addOption'], audience: [] });
      return settings;
    });
  }

  /** What a plain member's invitation leads to (owner or admins). */
  setInvitePolicy(actor: Actor, groupId: number, policy: string): Promise<GroupJoinSettings> {
    return transaction(this.ctx, (tx) => {
      const group = this.groups.require(groupId);
      if (actor !== 'world') this.groups.requireAdmin(groupId, actor, 'change who may invite');
      if (!invitePolicies.includes(policy as InvitePolicy)) {
        throw fail.invalid(`policy ${JSON.stringify(policy)} is not one of ${invitePolicies.join(', ')}`);
      }
      const current = this.requests.joinSettings(groupId);
      if (current.invitePolicy === policy) return current;
      const settings: GroupJoinSettings = { ...current, invitePolicy: policy as InvitePolicy };
      this.ctx.store.groupSettings.putJoinSettings(settings);
      tx.emit({ type: 'group.updated', group, operatorId: operatorOf(actor, group.ownerId), changed: ['invitePolicy'], audience: [] });
      return settings;
    });
  }

  /** How a member names the group for themselves ("" = none). */
  remark(userId: number, groupId: number): string {
    return this.ctx.store.groupSettings.remark(userId, groupId);
  }

  remarks(userId: number): Map<number, string> {
    return this.ctx.store.groupSettings.remarks(userId);
  }

  /** Sets the account's own remark for a group it is in ("" clears it). */
  setRemark(userId: number, groupId: number, remark: string): Promise<void> {
    return transaction(this.ctx, (tx) => {
      this.groups.requireSelf(groupId, userId);
      if (this.remark(userId, groupId) === remark) return;
      this.ctx.store.groupSettings.setRemark(userId, groupId, remark);
      tx.emit({ type: 'group.remark_changed', ownerId: userId, groupId, remark, audience: [] });
    });
  }

  /** Members whose personal mute has not expired yet, soonest to end first. */
  mutedMembers(groupId: number): Member[] {
    const time = now(this.ctx);
    return this.groups
      .members(groupId)
      .filter((member) => member.muteUntil > time)
      .sort((a, b) => a.muteUntil - b.muteUntil || a.userId - b.userId);
  }

  private kickIn(tx: Tx, actor: Actor, groupId: number, userId: number, options: { rejectAddRequest?: boolean }): void {
    this.groups.kickIn(tx, actor, groupId, userId);
    if (!options.rejectAddRequest) return;
    const operatorId = operatorOf(actor, this.groups.require(groupId).ownerId);
    this.ctx.store.groupSettings.blockJoin(groupId, userId, now(this.ctx));
    this.requests.rejectPendingJoinsIn(tx, groupId, userId, operatorId);
  }
}
