import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorldError } from '../errors.js';

/** How one voice speaks: an espeak-ng voice (language and variant), pitch 0–99 and words per minute. */
export interface VoiceSettings {
  readonly voice: string;
  readonly pitch: number;
  readonly speed: number;
}

/** Turns text into speech. The world's AI voice uses it; tests may give another. */
export interface SpeechSynthesizer {
  /** A WAV recording of `text` spoken with `settings`. */
  synthesize(text: string, settings: VoiceSettings): Promise<Buffer>;
}

const timeoutMs = 30_000;

/**
 * Speech by espeak-ng, run on this machine: no network, nothing downloaded. The text goes in on
 * stdin (never as an argument, so text that starts with "-" is just text), the WAV comes back
 * through a file of a temp folder of its own. Without espeak-ng installed every call fails with
 * SERVICE_UNAVAILABLE naming the package to install.
 */
export class EspeakSynthesizer implements SpeechSynthesizer {
  constructor(private readonly command = 'espeak-ng') {}

  async synthesize(text: string, settings: VoiceSettings): Promise<Buffer> {
    const dir = await mkdtemp(join(tmpdir(), 'catnap-voice-'));
    const out = join(dir, 'voice.wav');
    try {
      await new Promise<void>((resolve, reject) => {
        const child = execFile(
          this.command,
          ['-v', settings.voice, '-p', String(settings.pitch), '-s', String(settings.speed), '-w', out, '--stdin'],
          { timeout: timeoutMs },
          (error) => (error ? reject(error) : resolve()),
        );
        child.stdin?.end(text);
      });
      return await readFile(out);
    } catch (error) {
      if ((error as { syscall?: string }).syscall?.startsWith('spawn')) {
        throw new WorldError(
          'SERVICE_UNAVAILABLE',
          `AI voice speaks with espeak-ng, which is not installed on this machine (Debian/Ubuntu: apt-get install espeak-ng)`,
        );
      }
      throw new WorldError('SERVICE_UNAVAILABLE', `espeak-ng could not speak the text: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
