import { spawn } from 'node:child_process';
import { WorldError } from '../errors.js';

/** The audio formats OneBot's get_record offers. */
export const audioFormats = ['mp3', 'amr', 'wma', 'm4a', 'spx', 'ogg', 'wav', 'flac'] as const;
export type AudioFormat = (typeof audioFormats)[number];

/**
 * Converts audio with the local `ffmpeg`, if there is one on the PATH (Catnap never downloads
 * one). Without it, converting fails with UNSUPPORTED and a message that says so.
 */
export function transcodeAudio(input: Buffer, format: AudioFormat, timeoutMs = 60_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const muxer = format === 'm4a' ? 'ipod' : format === 'spx' ? 'ogg' : format === 'wma' ? 'asf' : format;
    const codec = format === 'spx' ? ['-c:a', 'libspeex'] : format === 'amr' ? ['-ar', '8000', '-ac', '1'] : [];
    let child;
    try {
      child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', 'pipe:0', ...codec, '-f', muxer, 'pipe:1'], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch {
      reject(noFfmpeg(format));
      return;
    }
    const chunks: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? noFfmpeg(format) : new WorldError('UNSUPPORTED', `ffmpeg could not run: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && chunks.length > 0) resolve(Buffer.concat(chunks));
      else
        reject(
          new WorldError(
            'MEDIA_UNREADABLE',
            `ffmpeg could not convert the record to ${format}: ${stderr.trim().split('\n').at(-1) ?? `exit code ${code}`}`,
          ),
        );
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

function noFfmpeg(format: string): WorldError {
  return new WorldError(
    'UNSUPPORTED',
    `converting a record to ${format} needs ffmpeg on the PATH; without out_format the record comes as it was sent`,
  );
}
