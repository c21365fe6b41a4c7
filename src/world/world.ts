import { GroupMsgMaskService } from './services/group-msg-mask-service.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorldClock, type Clock } from '../util/clock.js';
import { WorldRandom } from '../util/random.js';
import { AlbumService } from './albums/album-service.js';
import { QzoneService } from './qzone/qzone-service.js';
import { GroupFeaturesService } from './group-features/group-features-service.js';
import { PresenceService } from './presence/presence-service.js';
import { TodoService } from './todos/todo-service.js';
import { KeyboardService } from './keyboards/keyboard-service.js';
import { DomainEventBus, type DomainEvent } from './events.js';
import { FaultService } from './faults/fault-service.js';
import { HealthService } from './faults/health-service.js';
import { FavoritesService } from './favorites/favorites-service.js';
import { FlashService } from './flash/flash-service.js';
import { OnlineFileService } from './online-files/online-file-service.js';
import { UploadStreamService } from './streams/upload-stream-service.js';
import { AiVoiceService } from './voice/ai-voice-service.js';
import { EspeakSynthesizer, type SpeechSynthesizer } from './voice/speech-synthesizer.js';
import { registerFileResolver } from './files/file-resolver.js';
import { GroupFileService } from './files/group-file-service.js';
import { PrivateFileService } from './files/private-file-service.js';
import { MediaService } from './media/media-service.js';
import { ConversationService } from './messages/conversation-service.js';
import { ForwardService } from './messages/forward-service.js';
import { messageMediaResolver } from './messages/media-ids.js';
import { MessageService } from './messages/message-service.js';
import { PokeService } from './messages/poke-service.js';
import { ReactionService } from './messages/reaction-service.js';
import { LikeService } from './profile/like-service.js';
import { ProfileService } from './profile/profile-service.js';
import { AccountService } from './services/account-service.js';
import { transaction, type ServiceContext, type Tx } from './services/context.js';
import { FriendService } from './services/friend-service.js';
import { GroupService } from './services/group-service.js';
import { CredentialService } from './services/credential-service.js';
import { GroupAdminService } from './services/group-admin-service.js';
import { InputStatusService } from './services/input-status-service.js';
import { NoticeService } from './services/notice-service.js';
import { RequestService } from './services/request-service.js';
import { SignService } from './services/sign-service.js';
import { EssenceService } from './services/essence-service.js';
import { HonorService } from './services/honor-service.js';
import { defaultSendLimits, type SendLimits } from './limits/send-limits.js';
import type { WorldStore } from './store/store.js';
import { SnapshotService } from './snapshots/snapshot-service.js';
import { sweepBlobs, type BlobSweepOptions, type BlobSweepReport } from './media/blob-sweep.js';

export interface WorldOptions {
  readonly store: WorldStore;
  /** The world's clock; a plain `Clock` becomes the source of a `WorldClock` (default: real time). */
  readonly clock?: Clock;
  /** The world's randomness (default: a random seed). */
  readonly random?: WorldRandom;
  /** Where snapshots are kept (default: a per-world temp dir). */
  readonly snapshotDir?: string;
  /** Media storage; tests may omit it (a per-process temp dir is used). */
  readonly media?: MediaService;
  /** Called when a domain-event listener throws; the world itself carries on. */
  readonly onListenerError?: (error: unknown, event: DomainEvent) => void;
  /** How AI voice speaks (espeak-ng on this machine when absent). */
  readonly speech?: SpeechSynthesizer;
  /** QQ's limits on sending (catnap.json `limits`); unknown numbers are off by default. */
  readonly limits?: Partial<SendLimits>;
}

/** Counts worlds in this process, for their default snapshot folders. */
let worlds = 0;

/**
 * The QQ world: its services over one store, and the bus its changes are announced on.
 * Knows nothing of OneBot, HTTP or JSON envelopes.
 */
export class World {
  readonly store: WorldStore;
  /** The one clock every time of the world comes from (`GET/POST /api/clock`). */
  readonly clock: WorldClock;
  /** The one source every value the world makes up draws from (`--seed`). */
  readonly random: WorldRandom;
  readonly events: DomainEventBus;
  readonly media: MediaService;
  readonly accounts: AccountService;
  readonly friends: FriendService;
  readonly groups: GroupService;
  readonly requests: RequestService;
  readonly groupAdmin: GroupAdminService;
  readonly notices: NoticeService;
  readonly signs: SignService;
  readonly credentials: CredentialService;
  readonly inputStatus: InputStatusService;
  readonly essence: EssenceService;
  readonly honors: HonorService;
  readonly messages: MessageService;
  readonly conversations: ConversationService;
  readonly reactions: ReactionService;
  readonly forwards: ForwardService;
  readonly pokes: PokeService;
  readonly profiles: ProfileService;
  readonly likes: LikeService;
  readonly favorites: FavoritesService;
  readonly groupFiles: GroupFileService;
  readonly privateFiles: PrivateFileService;
  readonly groupFeatures: GroupFeaturesService;
  readonly presence: PresenceService;
  readonly albums: AlbumService;
  readonly todos: TodoService;
  /** Inline keyboards on messages: clicks of their buttons. */
  readonly keyboards: KeyboardService;
  readonly qzone: QzoneService;
  readonly flash: FlashService;
  readonly onlineFiles: OnlineFileService;
  readonly aiVoice: AiVoiceService;
  readonly uploadStreams: UploadStreamService;
  readonly faults: FaultService;
  readonly health: HealthService;
  readonly groupMsgMasks: GroupMsgMaskService;
  readonly snapshots: SnapshotService;
  readonly #ctx: ServiceContext;

  constructor(options: WorldOptions) {
    this.store = options.store;
    const clock = options.clock;
    this.clock = clock instanceof WorldClock ? clock : new WorldClock(clock ? () => clock.nowMs() : Date.now);
    this.random = options.random ?? new WorldRandom();
    this.events = new DomainEventBus(options.onListenerError);
    this.media = options.media ?? new MediaService(join(tmpdir(), `catnap-media-${process.pid}`));
    const ctx: ServiceContext = (this.#ctx = {
      store: this.store,
      bus: this.events,
      clock: this.clock,
      random: this.random,
      limits: { ...defaultSendLimits, ...options.limits },
    });
    this.accounts = new AccountService(ctx);
    this.friends = new FriendService(ctx);
    this.groups = new GroupService(ctx);
    this.requests = new RequestService(ctx, this.groups, this.friends);
    this.groupAdmin = new GroupAdminService(ctx, this.groups, this.requests);
    this.notices = new NoticeService(ctx, this.groups, this.media);
    this.signs = new SignService(ctx, this.groups);
    this.credentials = new CredentialService(ctx);
    this.inputStatus = new InputStatusService(ctx, this.friends, this.groups);
    this.essence = new EssenceService(ctx, this.groups);
    this.honors = new HonorService(ctx, this.groups);
    this.messages = new MessageService(ctx, { groups: this.groups, friends: this.friends, media: this.media });
    this.conversations = new ConversationService(ctx, this.groups);
    this.reactions = new ReactionService(ctx);
    this.forwards = new ForwardService(ctx);
    this.pokes = new PokeService(ctx, this.groups, this.friends);
    this.media.addResolver(messageMediaResolver(this.store, this.media.blobs));
    this.profiles = new ProfileService(ctx, this.media, this.accounts, this.groups);
    this.likes = new LikeService(ctx, this.accounts);
    this.favorites = new FavoritesService(ctx, this.media, this.accounts);
    this.groupFiles = new GroupFileService(ctx, this.media, this.groups, this.messages);
    this.privateFiles = new PrivateFileService(ctx, this.media, this.messages);
    this.flash = new FlashService(ctx, this.media, this.messages);
    this.onlineFiles = new OnlineFileService(ctx, this.media, this.messages);
    this.groupFeatures = new GroupFeaturesService(ctx, this.groups);
    this.presence = new PresenceService(ctx, this.accounts);
    this.albums = new AlbumService(ctx, this.groups, this.media, (groupId) => this.groupFeatures.membersMayUpload(groupId));
    this.todos = new TodoService(ctx, this.groups);
    this.keyboards = new KeyboardService(ctx, this.groups);
    this.qzone = new QzoneService(ctx, this.friends, this.media);
    this.aiVoice = new AiVoiceService(ctx, this.media, this.groups, this.messages, options.speech ?? new EspeakSynthesizer());
    this.uploadStreams = new UploadStreamService(ctx, this.media);
    this.groupMsgMasks = new GroupMsgMaskService(ctx, this.groups);
    registerFileResolver(this.media, this.store);
    this.faults = new FaultService(ctx);
    this.health = new HealthService(ctx, this.accounts);
    this.snapshots = new SnapshotService({
      store: this.store,
      clock: this.clock,
      random: this.random,
      bus: this.events,
      dir: options.snapshotDir ?? join(tmpdir(), `catnap-snapshots-${process.pid}-${++worlds}`),
    });
  }

  /**
   * Runs several changes as one unit of work: `work` calls the services' synchronous `...In(tx,
   * ...)` operations (and reads); they commit together or not at all, and their events are sent
   * after the commit. See `WorldStore.transaction` for the rules `work` must follow.
   */
  transaction<T>(work: (tx: Tx) => T): Promise<T> {
    return transaction(this.#ctx, work);
  }

  /**
   * Deletes the media blobs neither the world nor a stored snapshot names and that were not
   * stored or claimed within the grace period (see media/blob-sweep.ts).
   */
  sweepBlobs(options?: BlobSweepOptions): Promise<BlobSweepReport> {
    return sweepBlobs(
      this.media.blobs,
      (into) => {
        this.snapshots.blobReferences(into);
        this.store.blobReferences(into);
      },
      options,
    );
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
