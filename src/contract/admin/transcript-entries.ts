/**
 * The fields of a transcript entry by its kind, beside the common `seq`, `time`, `kind` and `line`
 * (see `TranscriptEntryView` in transcript.ts, which keeps the wire shape open to them). A wait may
 * match on any of them, so `catnap/testing`'s `WaitMatch` is derived from these types; the
 * server's notice and request entries are typed against them too, so a field it records is a
 * field declared here.
 */

/** A OneBot message segment, as a message entry carries it. */
export interface EntrySegment {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A message: `group_id` in a group, else `user_id`, the private recipient. */
export interface MessageEntryFields {
  readonly message_id: number;
  readonly from: number;
  readonly group_id?: number;
  readonly user_id?: number;
  readonly segments: readonly EntrySegment[];
  /** The CQ text (raw_message). */
  readonly text: string;
  /** The plain text, without CQ codes. */
  readonly plain: string;
}

export interface RecallEntryFields {
  readonly message_id: number;
  readonly from: number;
  readonly operator_id: number;
  readonly group_id?: number;
  readonly user_id?: number;
}

export interface ReactionEntryFields {
  readonly message_id: number;
  readonly user_id: number;
  readonly emoji_id: string;
  readonly is_add: boolean;
}

/** A notice as OneBot names it (`notice_type`, `sub_type`), with the fields of its type. */
export interface NoticeEntryFields {
  readonly notice_type: string;
  readonly sub_type?: string;
  readonly group_id?: number;
  readonly user_id?: number;
  readonly operator_id?: number;
  /** group_ban: seconds (0 lifts it). */
  readonly duration?: number;
  /** group_card. */
  readonly card_new?: string;
  readonly card_old?: string;
  /** notify/title. */
  readonly title?: string;
  /** notify/group_name. */
  readonly name_new?: string;
  /** friend_add, friend_decrease. */
  readonly friend_id?: number;
  /** essence. */
  readonly message_id?: number;
  /** notify/poke: who was poked. */
  readonly target_id?: number;
  /** group_upload. */
  readonly file_name?: string;
  /** group_notice. */
  readonly notice_id?: string;
  /** notify/profile_like. */
  readonly times?: number;
}

/** A friend or group request, or its answer (`sub_type` approved / rejected). */
export interface RequestEntryFields {
  readonly request_type: string;
  readonly sub_type?: string;
  readonly user_id: number;
  readonly group_id?: number;
  readonly target_id?: number;
  readonly invitor_id?: number;
  readonly flag: string;
  readonly comment?: string;
  /** An answer: who answered, and why. */
  readonly operator_id?: number;
  readonly reason?: string;
}

/** A call any account made (OneBot, or Milky as transport "milky"). */
export interface CallEntryFields {
  readonly self_id: number;
  readonly transport: string;
  readonly adapter?: string;
  readonly action: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly status: string;
  readonly retcode: number;
}

/** A fault rule fired, on a call (`action`) or an event (`event`). */
export interface FaultEntryFields {
  readonly rule_id: number;
  readonly self_id: number;
  readonly transport: string;
  readonly action?: string;
  readonly event?: string;
  readonly effect: string;
  readonly retcode?: number;
}

export interface ClockEntryFields {
  readonly from_ms: number;
  readonly to_ms: number;
}

export interface MarkEntryFields {
  readonly name?: string;
}

export interface RestoreEntryFields {
  readonly snapshot: string;
}

/** Something another part of Catnap recorded: `source` names it; its details are its own. */
export interface ExtraEntryFields {
  readonly source: string;
  readonly [detail: string]: unknown;
}

/** Each kind's fields; every kind of the transcript contract must have an entry here (bench-api checks it). */
export interface TranscriptEntryFields {
  readonly message: MessageEntryFields;
  readonly recall: RecallEntryFields;
  readonly reaction: ReactionEntryFields;
  readonly notice: NoticeEntryFields;
  readonly request: RequestEntryFields;
  readonly call: CallEntryFields;
  readonly fault: FaultEntryFields;
  readonly clock: ClockEntryFields;
  readonly mark: MarkEntryFields;
  readonly restore: RestoreEntryFields;
  readonly extra: ExtraEntryFields;
}
