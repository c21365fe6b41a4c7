import { WorldError } from '../errors.js';
import type { MediaRef } from '../messages/elements.js';
import type { MediaService } from '../media/media-service.js';
import type { MessageService } from '../messages/message-service.js';
import type { MessageRecord } from '../messages/message.js';
import type { SendTarget } from '../messages/send-target.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { GroupService } from '../services/group-service.js';
import type { SpeechSynthesizer, VoiceSettings } from './speech-synthesizer.js';

/** One AI voice character of QQ's group AI voice (AI声聊), and how the world speaks as it. */
export interface AiCharacter {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly settings: VoiceSettings;
}

/** The world's characters: QQ's categories and names, spoken by espeak-ng voices. */
export const aiCharacters: readonly AiCharacter[] = [
  { id: 'lucy-voice-xueling', name: '温柔妹妹', category: '推荐', settings: { voice: 'cmn+f2', pitch: 70, speed: 160 } },
  { id: 'lucy-voice-laibixiaoxin', name: '小新', category: '推荐', settings: { voice: 'cmn+m3', pitch: 80, speed: 175 } },
  { id: 'lucy-voice-houge', name: '猴哥', category: '推荐', settings: { voice: 'cmn+m1', pitch: 40, speed: 170 } },
  { id: 'lucy-voice-guangdong-f1', name: '广东女仔', category: '方言', settings: { voice: 'yue+f1', pitch: 60, speed: 160 } },
  { id: 'lucy-voice-male1', name: '沉稳青年', category: '男声', settings: { voice: 'cmn+m2', pitch: 35, speed: 150 } },
  { id: 'lucy-voice-female1', name: '邻家小妹', category: '女声', settings: { voice: 'cmn+f3', pitch: 65, speed: 165 } },
  { id: 'lucy-voice-en-f1', name: 'Emma', category: 'English', settings: { voice: 'en+f3', pitch: 55, speed: 160 } },
];

const maxTextLength = 500;

/**
 * QQ's AI voice and voice-to-text over the world. AI voice speaks a text as a character, really:
 * the record is a WAV that says it (a SpeechSynthesizer, espeak-ng by default). Voice-to-text
 * answers the text the world knows a record says: what AI voice spoke, or the transcript a record
 * was sent with through the admin API. Transcripts belong to the audio (its blob), so a record
 * forwarded or sent again still reads the same; the world has no speech recogniser for the rest.
 */
export class AiVoiceService {
  readonly #previews = new Map<string, MediaRef>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly media: MediaService,
    private readonly groups: GroupService,
    private readonly messages: MessageService,
    private readonly synthesizer: SpeechSynthesizer,
  ) {}

  characters(): readonly AiCharacter[] {
    return aiCharacters;
  }

  /** A short sample of the character's voice (made once per process; the bytes are the same every time). */
  async preview(characterId: string): Promise<MediaRef> {
    const cached = this.#previews.get(characterId);
    // No row names a preview, so the blob sweep may have taken it: then it is spoken again.
    if (cached && this.media.blobs.claim(cached.blobId)) return cached;
    const character = requireCharacter(characterId);
    const sample = await this.#speak(character, `你好，我是${character.name}。`);
    this.#previews.set(characterId, sample.ref);
    return sample.ref;
  }

  /** Speaks `text` as a character for a group the actor is in (get_ai_record): a stored record whose transcript is known. */
  async record(actor: number, groupId: number, characterId: string, text: string): Promise<MediaRef> {
    this.groups.requireSelf(groupId, actor);
    const { ref, spoken } = await this.#speak(requireCharacter(characterId), text);
    await transaction(this.ctx, () => {
      this.groups.requireSelf(groupId, actor);
      this.ctx.store.transcripts.set(ref.blobId, spoken, now(this.ctx));
    });
    return ref;
  }

  /** Speaks `text` as a character and sends the record to the group as the actor (send_group_ai_record). */
  async sendToGroup(actor: number, groupId: number, characterId: string, text: string): Promise<MessageRecord> {
    // The whole rule of a message (member, not muted), before the synthesizer runs for nothing.
    this.messages.requireMaySend(actor, { type: 'group', groupId });
    const { ref, spoken } = await this.#speak(requireCharacter(characterId), text);
    return this.#post(actor, { type: 'group', groupId }, ref, spoken);
  }

  /** Sends a record whose words the world is told (the admin API's way to make a voice message with a transcript). */
  async sendWithTranscript(senderId: number, target: SendTarget, source: string, transcript: string): Promise<MessageRecord> {
    const text = checkText(transcript);
    // Checked before the source is read too, so a refused send never makes the world fetch it.
    this.messages.requireMaySend(senderId, target);
    const ref = await this.media.ingest(source, senderId);
    return this.#post(senderId, target, ref, text);
  }

  /** The transcript of the record in a message the viewer sees (fetch_ptt_text). */
  transcriptOf(viewerId: number, messageId: number): string {
    const message = this.messages.get(viewerId, messageId);
    const record = message.elements.find((element) => element.kind === 'record');
    if (!record || record.kind !== 'record') {
      throw new WorldError('INVALID_ARGUMENT', `message ${messageId} is not a voice message`, { messageId });
    }
    const text = this.ctx.store.transcripts.get(record.media.blobId);
    if (text === undefined) {
      throw new WorldError(
        'UNSUPPORTED',
        `the world does not know what the voice of message ${messageId} says: only AI voice records and records sent with a transcript (POST /api/world/records) have text`,
        { messageId },
      );
    }
    return text;
  }

  #post(senderId: number, target: SendTarget, ref: MediaRef, text: string): Promise<MessageRecord> {
    return transaction(this.ctx, (tx) => {
      this.ctx.store.transcripts.set(ref.blobId, text, now(this.ctx));
      return this.messages.postIn(tx, senderId, target, [{ kind: 'record', media: ref }], []);
    });
  }

  async #speak(character: AiCharacter, text: string): Promise<{ ref: MediaRef; spoken: string }> {
    const spoken = checkText(text);
    const wav = await this.synthesizer.synthesize(spoken, character.settings);
    return { ref: await this.media.put(wav, `${character.id}.wav`), spoken };
  }
}

function requireCharacter(characterId: string): AiCharacter {
  const character = aiCharacters.find((candidate) => candidate.id === characterId);
  if (!character) {
    throw new WorldError('INVALID_ARGUMENT', `there is no AI voice character ${JSON.stringify(characterId)}; get_ai_characters lists them`);
  }
  return character;
}

function checkText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > maxTextLength) {
    throw new WorldError('INVALID_ARGUMENT', `the text to speak must have 1 to ${maxTextLength} characters (got ${trimmed.length})`);
  }
  return trimmed;
}
