import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Clock } from '../util/clock.js';
import { DomainEventBus, type DomainEvent } from './events.js';
import { FavoritesService } from './favorites/favorites-service.js';
import { registerFileResolver } from './files/file-resolver.js';
import { GroupFileService } from './files/group-file-service.js';
import { PrivateFileService } from './files/private-file-service.js';
import { MediaService } from './media/media-service.js';
import { LikeService } from './profile/like-service.js';
import { ProfileService } from './profile/profile-service.js';
import { AccountService } from './services/account-service.js';
import type { ServiceContext } from './services/context.js';
import { FriendService } from './services/friend-service.js';
import { GroupService } from './services/group-service.js';
import type { WorldStore } from './store/store.js';

export interface WorldOptions {
  readonly store: WorldStore;
  readonly clock?: Clock;
  /** Media storage; tests may omit it (a per-process temp dir is used). */
  readonly media?: MediaService;
  /** Called when a domain-event listener throws; the world itself carries on. */
  readonly onListenerError?: (error: unknown, event: DomainEvent) => void;
}

/**
 * The QQ world: its services over one store, and the bus its changes are announced on.
 * Knows nothing of OneBot, HTTP or JSON envelopes.
 */
export class World {
  readonly store: WorldStore;
  readonly clock: Clock;
  readonly events: DomainEventBus;
  readonly media: MediaService;
  readonly accounts: AccountService;
  readonly friends: FriendService;
  readonly groups: GroupService;
  // The seed API's extras.
  readonly profiles: ProfileService;
  readonly likes: LikeService;
  readonly favorites: FavoritesService;
  readonly groupFiles: GroupFileService;
  readonly privateFiles: PrivateFileService;

  constructor(options: WorldOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.events = new DomainEventBus(options.onListenerError);
    this.media = options.media ?? new MediaService(join(tmpdir(), `catnap-media-${process.pid}`));
    const ctx: ServiceContext = { store: this.store, bus: this.events, clock: this.clock };
    this.accounts = new AccountService(ctx);
    this.friends = new FriendService(ctx);
    this.groups = new GroupService(ctx);
    this.profiles = new ProfileService(ctx, this.media, this.accounts, this.groups);
    this.likes = new LikeService(ctx, this.accounts);
    this.favorites = new FavoritesService(ctx, this.media, this.accounts);
    this.groupFiles = new GroupFileService(ctx, this.media, this.groups);
    this.privateFiles = new PrivateFileService(ctx, this.media);
    registerFileResolver(this.media, this.store);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
