import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { AudioError, AudioErrors } from './audio.errors.js';
import type { AudioContainer } from './audio.types.js';
import type { AudioStream } from './audio-stream.js';
import { ByteReader } from './byte-reader.js';
import { readWavHeader } from './wav.header.js';
import { decodeWavData } from './wav.decode.js';

export interface FfmpegOptions {
  /** The ffmpeg binary: a name looked up on PATH (default `ffmpeg`, Debian's package) or a path. */
  readonly ffmpegPath?: string;
}

const STDERR_KEPT = 4_000;

/**
 * Decodes what we do not read natively with ffmpeg: the input streams into its stdin (or, for MP4
 * whose index may sit at the end, from a spooled temporary file), and it writes 16-bit PCM WAV to
 * stdout, which the native decoder reads as it comes. Channels and sample rate are kept. Memory
 * stays constant whatever the length. ffmpeg missing → `unsupported_codec` naming the package.
 */
export async function decodeWithFfmpeg(
  input: AsyncIterable<Uint8Array>,
  container: AudioContainer,
  codec: string,
  options: FfmpegOptions = {},
): Promise<AudioStream> {
  const ffmpegPath = options.ffmpegPath ?? 'ffmpeg';
  let spoolDir: string | null = null;
  let inputArg = 'pipe:0';
  if (container === 'mp4') {
    // MP4/M4A keeps its index (moov) wherever the writer put it, often at the end: ffmpeg must seek.
    spoolDir = await mkdtemp(path.join(tmpdir(), 'switchboard-audio-'));
    inputArg = path.join(spoolDir, 'input.m4a');
    await pipeline(Readable.from(input), createWriteStream(inputArg));
  }
  const cleanup = () => {
    if (spoolDir !== null) void rm(spoolDir, { recursive: true, force: true });
  };

  const child = spawn(
    ffmpegPath,
    [
      '-hide_banner',
      '-nostats',
      '-loglevel',
      'error',
      '-i',
      inputArg,
      '-vn',
      '-map',
      '0:a:0',
      '-c:a',
      'pcm_s16le',
      '-f',
      'wav',
      'pipe:1',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch (error) {
    cleanup();
    if (
      (error as NodeJS.ErrnoException).code === 'ENOENT' ||
      (error as NodeJS.ErrnoException).code === 'EACCES'
    ) {
      throw AudioErrors.ffmpegMissing(codec, ffmpegPath);
    }
    throw AudioErrors.decoderFailed(codec, (error as Error).message, error);
  }

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_KEPT);
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  // ffmpeg stops reading early when it fails; the rest of the input is then of no use.
  child.stdin.on('error', () => undefined);
  if (spoolDir === null) {
    void pipeline(Readable.from(input), child.stdin).catch(() => undefined);
  } else {
    child.stdin.end();
  }

  const failure = async () => {
    const code = await exited;
    return AudioErrors.decoderFailed(codec, stderr.trim() || `ffmpeg exited with status ${code ?? 'signal'}`);
  };
  const reader = new ByteReader(child.stdout);
  try {
    const header = await readWavHeader(reader, { unknownSizeIfZero: true });
    if ('foreignCodec' in header) throw await failure();
    return await decodeWavData(reader, header, {
      container,
      decoder: 'ffmpeg',
      codec,
      hooks: {
        finish: async () => {
          if ((await exited) !== 0) throw await failure();
        },
        abandon: () => child.kill('SIGKILL'),
        cleanup,
      },
    });
  } catch (error) {
    child.kill('SIGKILL');
    cleanup();
    if (error instanceof AudioError && error.reason !== 'decoder_failed') throw await failure();
    throw error;
  }
}

/** Whether an ffmpeg binary answers here (for tests and the documentation's install check). */
export async function ffmpegAvailable(ffmpegPath = 'ffmpeg'): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(ffmpegPath, ['-version'], { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('close', (code) => resolve(code === 0));
  });
}
