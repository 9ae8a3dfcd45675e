import { describe, expect, it } from 'vitest';
import { AudioError } from './audio.errors.js';
import type { NativeCodec } from './audio.types.js';
import { readAll } from './audio-stream.js';
import { ffmpegAvailable } from './ffmpeg.decode.js';
import { openAudio } from './open-audio.js';
import { concat, inChunks, synthesise, writeWav } from './test-signals.js';

const tone = (sampleRate: number, channels: number, ms = 300) =>
  synthesise({
    sampleRate,
    durationMs: ms,
    channels,
    bursts: Array.from({ length: channels }, (_, c) => ({
      channel: c,
      startMs: 0,
      endMs: ms,
      levelDb: -9,
      kind: 'tone' as const,
      pitchHz: 440 + 220 * c,
    })),
  });

/** The largest step of each codec's quantisation at −9 dBFS peaks (≈ 0.5). */
const tolerance: Record<NativeCodec, number> = {
  pcm_u8: 1 / 128,
  pcm_s16le: 1 / 32768,
  pcm_s24le: 1 / 8388608,
  pcm_s32le: 1e-9,
  pcm_f32le: 1e-7,
  pcm_f64le: 1e-12,
  pcm_mulaw: 1 / 32,
  pcm_alaw: 1 / 32,
};

async function failure(promise: Promise<unknown>): Promise<AudioError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AudioError) return error;
    throw error;
  }
  throw new Error('expected an AudioError');
}

describe('openAudio: native WAV', () => {
  const codecs = Object.keys(tolerance) as NativeCodec[];
  for (const codec of codecs) {
    for (const [sampleRate, channels] of [
      [8000, 1],
      [44100, 2],
    ] as const) {
      it(`decodes ${codec}, ${channels} channel(s) at ${sampleRate} Hz, to the samples written`, async () => {
        const source = tone(sampleRate, channels);
        const stream = await openAudio(writeWav(source, sampleRate, codec));
        expect(stream.format).toMatchObject({
          container: 'wav',
          decoder: 'native',
          codec,
          sampleRate,
          channels,
          declaredFrames: source[0]!.length,
        });
        const { channels: decoded, outcome } = await readAll(stream);
        expect(outcome).toEqual({ frames: source[0]!.length, durationMs: 300, truncated: null });
        decoded.forEach((samples, c) => {
          let worst = 0;
          samples.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - source[c]![i]!))));
          expect(worst).toBeLessThanOrEqual(tolerance[codec]);
        });
      });
    }
  }

  it('reads WAVE_FORMAT_EXTENSIBLE (24-bit stereo at 48 kHz) and skips LIST and odd-sized chunks', async () => {
    const source = tone(48000, 2, 100);
    const bytes = writeWav(source, 48000, 'pcm_s24le', {
      extensible: true,
      extraChunks: [
        { id: 'LIST', body: new TextEncoder().encode('INFOISFT....') },
        { id: 'odd ', body: new Uint8Array(3) },
      ],
    });
    const { channels, outcome } = await readAll(await openAudio(bytes));
    expect(outcome.frames).toBe(4800);
    expect(Math.abs(channels[1]![123]! - source[1]![123]!)).toBeLessThan(1e-6);
  });

  it('gives the same samples whether the bytes come whole or in chunks of 1 to 7 bytes', async () => {
    const bytes = writeWav(tone(8000, 2, 200), 8000, 'pcm_s16le', {
      extraChunks: [{ id: 'LIST', body: new Uint8Array(5) }],
    });
    const whole = await readAll(await openAudio(bytes));
    const trickled = await readAll(await openAudio(inChunks(bytes, [1, 7, 3, 2, 5])));
    expect(trickled.channels).toEqual(whole.channels);
  });

  it('streams: reads no more than about a chunk ahead of what it hands out', async () => {
    // 60 s of 16-bit stereo at 48 kHz (11 MB), handed over lazily in 64 KiB chunks.
    const source = tone(48000, 2, 1000);
    const oneSecond = writeWav(source, 48000, 'pcm_s16le').subarray(44);
    const header = writeWav(source, 48000, 'pcm_s16le', {
      declaredDataBytes: oneSecond.length * 60,
    }).subarray(0, 44);
    let pulled = 0;
    async function* lazy() {
      yield header;
      for (let s = 0; s < 60; s++) {
        for (let at = 0; at < oneSecond.length; at += 65536) {
          const part = oneSecond.subarray(at, at + 65536);
          pulled += part.length;
          await Promise.resolve();
          yield part;
        }
      }
    }
    let handed = 0;
    let worstLead = 0;
    const stream = await openAudio(lazy());
    for await (const chunk of stream) {
      handed += chunk[0]!.length * 4;
      worstLead = Math.max(worstLead, pulled - handed);
    }
    expect(stream.outcome.durationMs).toBe(60_000);
    expect(worstLead).toBeLessThanOrEqual(65536 + 400);
  });

  it('decodes a truncated WAV as far as it goes and says how much was missing', async () => {
    const full = writeWav(tone(8000, 1, 1000), 8000, 'pcm_mulaw');
    const cut = full.subarray(0, 44 + 3001);
    const stream = await openAudio(cut);
    const { outcome } = await readAll(stream);
    expect(outcome).toEqual({
      frames: 3001,
      durationMs: 375,
      truncated: { declaredFrames: 8000, decodedFrames: 3001 },
    });
  });

  it('refuses a WAV cut before its first sample as truncated', async () => {
    const full = writeWav(tone(8000, 1), 8000, 'pcm_s16le');
    const error = await failure(openAudio(full.subarray(0, 45)));
    expect(error).toMatchObject({
      reason: 'truncated',
      code: 'CONVERSATIONS_AUDIO_TRUNCATED',
      kind: 'unprocessable',
    });
    expect((await failure(openAudio(full.subarray(0, 30)))).reason).toBe('truncated');
  });

  it('refuses 0 bytes as empty, and what is not audio as not_audio, saying what it looks like', async () => {
    expect(await failure(openAudio(new Uint8Array(0)))).toMatchObject({
      reason: 'empty',
      kind: 'invalid_input',
    });
    expect(await failure(openAudio(inChunks(new Uint8Array(0), [1])))).toMatchObject({ reason: 'empty' });
    const pdf = await failure(openAudio(new TextEncoder().encode('%PDF-1.7 ...')));
    expect(pdf).toMatchObject({ reason: 'not_audio', code: 'CONVERSATIONS_AUDIO_NOT_AUDIO' });
    expect(pdf.message).toContain('PDF');
    const text = await failure(
      openAudio(new TextEncoder().encode('hello, this is a text file and not a recording at all')),
    );
    expect(text.message).toMatch(/no audio format starts with the bytes 68 65 6c 6c/);
    const avi = concat([
      new TextEncoder().encode('RIFF'),
      new Uint8Array(4),
      new TextEncoder().encode('AVI LIST'),
    ]);
    expect((await failure(openAudio(avi))).message).toContain("type 'AVI '");
  });

  it('refuses a WAV without fmt chunk, or with a zero sample rate, as malformed', async () => {
    const noFmt = concat([
      new TextEncoder().encode('RIFF\x10\x00\x00\x00WAVEdata'),
      new Uint8Array([4, 0, 0, 0, 1, 2, 3, 4]),
    ]);
    expect(await failure(openAudio(noFmt))).toMatchObject({ reason: 'malformed' });
    expect((await failure(openAudio(noFmt))).message).toContain('before the fmt chunk');
    const zeroRate = writeWav(tone(8000, 1, 10), 8000, 'pcm_s16le');
    new DataView(zeroRate.buffer).setUint32(24, 0, true);
    expect(await failure(openAudio(zeroRate))).toMatchObject({ reason: 'malformed' });
  });
});

describe('openAudio: formats for ffmpeg when it is absent', () => {
  const missing = { ffmpegPath: '/nonexistent/ffmpeg' };

  it('answers unsupported_codec naming the codec of a GSM 6.10 WAV and the package to install', async () => {
    const gsmWav = writeWav(tone(8000, 1, 100), 8000, 'pcm_u8', { formatTag: 0x0031 });
    const error = await failure(openAudio(gsmWav, missing));
    expect(error).toMatchObject({
      reason: 'unsupported_codec',
      code: 'CONVERSATIONS_AUDIO_UNSUPPORTED_CODEC',
      codec: 'gsm_ms (WAV format 0x0031)',
    });
    expect(error.message).toContain('apt-get install ffmpeg');
  });

  it.each([
    ['mp3', concat([new TextEncoder().encode('ID3\x04\x00\x00\x00\x00\x00\x00'), new Uint8Array(500)])],
    ['mp3', concat([new Uint8Array([0xff, 0xfb, 0x90, 0x64]), new Uint8Array(500)])],
    ['ogg', concat([new TextEncoder().encode('OggS\x00\x02'), new Uint8Array(500)])],
    [
      'mp4',
      concat([new Uint8Array([0, 0, 0, 0x20]), new TextEncoder().encode('ftypM4A '), new Uint8Array(500)]),
    ],
    ['gsm', new Uint8Array(33 * 20).map((_, i) => (i % 33 === 0 ? 0xd8 : (i * 37) & 0xff))],
  ])('answers unsupported_codec for %s', async (codec, bytes) => {
    const error = await failure(openAudio(bytes, missing));
    expect(error).toMatchObject({ reason: 'unsupported_codec', codec });
    expect(error.message).toContain('apt-get install ffmpeg');
  });
});

const haveFfmpeg = await ffmpegAvailable();
describe.skipIf(!haveFfmpeg)('openAudio through ffmpeg (ffmpeg installed)', () => {
  it('decodes a GSM 6.10 WAV it cannot read natively: same length, same format', async () => {
    const { spawnSync } = await import('node:child_process');
    const pcm = writeWav(tone(8000, 1, 1000), 8000, 'pcm_s16le');
    const made = spawnSync(
      'ffmpeg',
      ['-loglevel', 'error', '-i', 'pipe:0', '-c:a', 'gsm_ms', '-f', 'wav', 'pipe:1'],
      { input: pcm },
    );
    expect(made.status).toBe(0);
    const stream = await openAudio(made.stdout);
    expect(stream.format).toMatchObject({
      decoder: 'ffmpeg',
      codec: 'gsm_ms (WAV format 0x0031)',
      sampleRate: 8000,
      channels: 1,
    });
    const { outcome } = await readAll(stream);
    expect(Math.abs(outcome.durationMs - 1000)).toBeLessThanOrEqual(40);
  });

  it('reports decoder_failed for a corrupt MP3', async () => {
    const bytes = concat([
      new TextEncoder().encode('ID3\x04\x00\x00\x00\x00\x00\x00'),
      new Uint8Array(2000).fill(7),
    ]);
    const error = await failure(openAudio(bytes).then((s) => readAll(s)));
    expect(error.reason).toBe('decoder_failed');
  });
});
