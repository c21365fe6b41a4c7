import { AccountsCard } from './accounts-card';
import { ClockCard } from './clock-card';
import { SnapshotsCard } from './snapshots-card';
import { FriendsCard } from './friends-card';
import { GroupsCard } from './groups-card';
import { RequestsCard } from './requests-card';
import { TransferCard } from './transfer-card';

/**
 * World management as the world itself ("god mode"): accounts, groups, members, friendships,
 * requests, world files in and out, snapshots and the world's clock. Changes here ignore QQ's
 * permission rules; the chat's member panel does the same things as an account, with the rules.
 */
export function WorldPage() {
  return (
    <div className="manage-page" data-testid="world-page">
      <h2>世界管理 · The world</h2>
      <AccountsCard />
      <GroupsCard />
      <FriendsCard />
      <RequestsCard />
      <TransferCard />
      <SnapshotsCard />
      <ClockCard />
    </div>
  );
}
