import { fail } from '../errors.js';
import { transaction, type ServiceContext } from '../services/context.js';
import type { GroupService } from '../services/group-service.js';
import type { GroupFeatures } from './group-features-model.js';

/** The switches set_group_member_permissions takes; those left out keep their value. */
export type MemberPermissions = Partial<
  Pick<GroupFeatures, 'allowMemberUploadAlbum' | 'allowMemberTemporarySession' | 'allowMemberCreateGroup'>
>;

/**
 * A group's feature switches, with QQ's rules: only the owner and admins change them. What they
 * govern is enforced where it applies: albums ask `membersMayUpload`, temp chats ask
 * `membersMayStartTempChats`, and a member who joins while new members may not see history gets
 * a history floor (`noteJoinIn`, history-floor.ts), which every read of group messages respects.
 */
export class GroupFeaturesService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
  ) {}

  /** The group's switches (the world's view; anyone may read them through the group's info). */
  get(groupId: number): GroupFeatures {
    this.groups.require(groupId);
    return this.ctx.store.groupFeatures.get(groupId);
  }

  setMemberPermissions(actor: number, groupId: number, permissions: MemberPermissions): Promise<GroupFeatures> {
    const given = Object.fromEntries(Object.entries(permissions).filter(([, value]) => value !== undefined));
    if (Object.keys(given).length === 0)
      throw fail.invalid('give at least one of allow_member_upload_album, allow_member_temporary_session, allow_member_create_group');
    return this.change(actor, groupId, 'change member permissions', given);
  }

  setNewMemberHistoryVisibility(actor: number, groupId: number, visible: boolean): Promise<GroupFeatures> {
    return this.change(actor, groupId, 'change who sees history', { newMembersSeeHistory: visible });
  }

  setRobotAddOption(
    actor: number,
    groupId: number,
    option: { robotMemberSwitch?: number; robotMemberExamine?: number },
  ): Promise<GroupFeatures> {
    return this.change(actor, groupId, 'change the robot options', option);
  }

  setSearch(actor: number, groupId: number, option: { noCodeFingerOpen?: number; noFingerOpen?: number }): Promise<GroupFeatures> {
    return this.change(actor, groupId, 'change how the group is found', option);
  }

  /** QQ's anonymous chat switch (set_group_anonymous). */
  setAnonymous(actor: number, groupId: number, enable: boolean): Promise<GroupFeatures> {
    return this.change(actor, groupId, 'switch anonymous chat', { allowAnonymous: enable });
  }

  membersMayUpload(groupId: number): boolean {
    return this.ctx.store.groupFeatures.get(groupId).allowMemberUploadAlbum;
  }

  membersMayStartTempChats(groupId: number): boolean {
    return this.ctx.store.groupFeatures.get(groupId).allowMemberTemporarySession;
  }

  private change(actor: number, groupId: number, what: string, patch: Partial<GroupFeatures>): Promise<GroupFeatures> {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<GroupFeatures>;
    return transaction(this.ctx, () => {
      this.groups.requireAdmin(groupId, actor, what);
      const next = { ...this.ctx.store.groupFeatures.get(groupId), ...defined };
      this.ctx.store.groupFeatures.put(groupId, next);
      return next;
    });
  }
}
