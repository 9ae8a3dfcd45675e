import { execFile } from 'node:child_process';
import type { TranscriptLine } from './adapter.js';

/*
 * The simulator's recordings: each transcript line spoken by espeak-ng (one voice per speaker, the
 * voices conversations' speech tests use), the lines joined with a short pause into one mono
 * 16-bit WAV. espeak-ng writes a streaming WAV (`--stdout`: its RIFF and data sizes are
 * placeholders), so the PCM after the `data` chunk header is taken as it is and a proper header
 * written around the whole. Where espeak-ng is missing there is no recording (the caller logs why).
 */

const VOICES: Readonly<Record<TranscriptLine['speaker'], string>> = {
  agent: 'en-us+m3',
  customer: 'en-us+f3',
};
const PAUSE_SECONDS = 0.4;
const MAX_LINE_CHARS = 600;

export class SpeechUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpeechUnavailableError';
  }
}

interface Pcm {
  readonly sampleRate: number;
  readonly data: Buffer;
}

function speak(text: string, voice: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'espeak-ng',
      ['--stdout', '-v', voice, '-s', '165', '--', text.slice(0, MAX_LINE_CHARS)],
      { encoding: 'buffer', maxBuffer: 32 * 1024 * 1024, timeout: 30_000 },
      (error, stdout) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          reject(
            code === 'ENOENT'
              ? new SpeechUnavailableError('espeak-ng is not installed (apt-get install espeak-ng)')
              : error,
          );
          return;
        }
        resolve(stdout);
      },
    );
  });
}

/** The PCM of a 16-bit mono WAV, streaming sizes tolerated. */
export function pcmOfWav(wav: Buffer): Pcm {
  if (wav.length < 12 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error('not a WAV file');
  let offset = 12;
  let sampleRate = 0;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      const channels = wav.readUInt16LE(body + 2);
      const bits = wav.readUInt16LE(body + 14);
      if (channels !== 1 || bits !== 16)
        throw new Error(`expected 16-bit mono, got ${bits}-bit ${channels}ch`);
      sampleRate = wav.readUInt32LE(body + 4);
    } else if (id === 'data') {
      if (sampleRate === 0) throw new Error('data before fmt');
      const end = Math.min(wav.length, body + size);
      return { sampleRate, data: wav.subarray(body, end - ((end - body) % 2)) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('no data chunk');
}

export function wavOf(sampleRate: number, pcm: Buffer): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** One mono WAV of the conversation; throws SpeechUnavailableError without espeak-ng. */
export async function synthesizeConversation(lines: readonly TranscriptLine[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  let sampleRate = 0;
  for (const line of lines) {
    const pcm = pcmOfWav(await speak(line.text, VOICES[line.speaker]));
    if (sampleRate === 0) sampleRate = pcm.sampleRate;
    if (pcm.sampleRate !== sampleRate) throw new Error('espeak-ng voices differ in sample rate');
    if (parts.length > 0) parts.push(Buffer.alloc(Math.round(sampleRate * PAUSE_SECONDS) * 2));
    parts.push(pcm.data);
  }
  return wavOf(sampleRate || 22_050, Buffer.concat(parts));
}
