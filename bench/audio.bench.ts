/**
 * `npm run bench:audio`: the audio library on N minutes of synthetic stereo call audio written to
 * a temporary file (a conversation pattern with overlaps and silences over line noise), read back
 * from disk in 1 MiB blocks. Beside each figure, the baseline of the same run: a raw read of the
 * same bytes (the least any decoder must spend). Prints audio seconds per wall second (× real
 * time), the real-time factor (wall / audio), and the process's peak RSS growth, for:
 *   - decode only (native WAV: 16-bit PCM and G.711 µ-law at 8 kHz);
 *   - decode + frame track + VAD + all the characteristics (what the pipeline's step runs);
 *   - decode + resample one channel to 16 kHz 16-bit (what a speech engine is fed).
 *
 *   node --import tsx bench/audio.bench.ts [--minutes 30] [--rounds 2]
 *
 * Each measurement is the best of `rounds`, so that other load on the machine biases neither side.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
/* eslint-disable switchboard/module-boundaries -- the conversations door (src/modules/conversations/index.ts)
   is assembled later; until then the audio library is reached through its own index. */
import {
  analyseAudio,
  engineAudio,
  openAudioFile,
  pcm16WavHeader,
  toPcm16,
} from '../src/modules/conversations/audio/index.js';
import { renderBlock, writeWav, type Burst } from '../src/modules/conversations/audio/test-signals.js';
import { bestOf, type Measured } from './support/measure.js';
import { loadAverage } from './support/figures.js';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '30' }, rounds: { type: 'string', default: '2' } },
});
const minutes = Number(values.minutes);
const rounds = Number(values.rounds);
const sampleRate = 8000;
const durationMs = minutes * 60_000;

/** Every 20 s: agent 0–6 s, customer 5–11 s (interrupts), agent 12–14 s, 4 s of silence, customer 18–20 s. */
function conversation(): Burst[] {
  const bursts: Burst[] = [];
  for (let t = 0; t < durationMs; t += 20_000) {
    bursts.push(
      { channel: 0, startMs: t, endMs: t + 6000, levelDb: -20, pitchHz: 120 },
      { channel: 1, startMs: t + 5000, endMs: t + 11_000, levelDb: -24, pitchHz: 210 },
      { channel: 0, startMs: t + 12_000, endMs: t + 14_000, levelDb: -20, pitchHz: 120 },
      { channel: 1, startMs: t + 18_000, endMs: t + 20_000, levelDb: -24, pitchHz: 210 },
    );
  }
  return bursts;
}

async function writeCall(file: string, codec: 'pcm_s16le' | 'pcm_mulaw'): Promise<void> {
  const spec = { sampleRate, durationMs, channels: 2, bursts: conversation(), noiseDb: -60 };
  const frames = (durationMs / 1000) * sampleRate;
  const out = createWriteStream(file);
  const bytesPerFrame = codec === 'pcm_s16le' ? 4 : 2;
  const header =
    codec === 'pcm_s16le'
      ? pcm16WavHeader(sampleRate, 2, frames * bytesPerFrame)
      : writeWav([new Float32Array(0), new Float32Array(0)], sampleRate, codec, {
          declaredDataBytes: frames * bytesPerFrame,
        });
  out.write(header);
  const block = sampleRate * 10;
  for (let from = 0; from < frames; from += block) {
    const samples = renderBlock(spec, from, Math.min(block, frames - from));
    const data = codec === 'pcm_s16le' ? toPcm16(samples) : writeWav(samples, sampleRate, codec).subarray(44);
    if (!out.write(data)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const measure = (run: () => Promise<unknown>): Promise<Measured> => bestOf(rounds, run, { memory: true });

async function rawRead(file: string): Promise<void> {
  let sink = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>)
    sink ^= chunk[0] ?? 0;
  if (sink < 0) throw new Error('unreachable');
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-audio-'));
  try {
    console.log(`Machine: ${os.cpus().length} cores, load average ${loadAverage()} at start`);
    console.log(`Audio: ${minutes} min of synthetic stereo at ${sampleRate} Hz; best of ${rounds} rounds\n`);
    const audioSeconds = durationMs / 1000;
    const row = (label: string, m: Measured) =>
      console.log(
        `${label.padEnd(42)} wall ${m.seconds.toFixed(2).padStart(6)} s ${(audioSeconds / m.seconds).toFixed(0).padStart(6)}× real time (RTF ${(m.seconds / audioSeconds).toFixed(5)})` +
          `  CPU ${m.cpu.toFixed(2).padStart(6)} s (RTF ${(m.cpu / audioSeconds).toFixed(5)})  peak RSS +${m.rssMb.toFixed(0)} MB`,
      );
    for (const codec of ['pcm_s16le', 'pcm_mulaw'] as const) {
      const file = path.join(dir, `call-${codec}.wav`);
      await writeCall(file, codec);
      console.log(`${codec}: ${((await stat(file)).size / 2 ** 20).toFixed(1)} MB`);
      row('  baseline: raw read of the same bytes', await measure(() => rawRead(file)));
      row(
        '  decode',
        await measure(async () => {
          for await (const _ of await openAudioFile(file)) {
            // drain
          }
        }),
      );
      let summary = '';
      row(
        '  decode + VAD + characteristics',
        await measure(async () => {
          const result = await analyseAudio(await openAudioFile(file), { speakers: ['agent', 'customer'] });
          const c = result.characteristics;
          summary = `    (found: talk ${c.speakers.map((s) => `${s.speaker} ${(s.talkTimeMs / 1000).toFixed(0)} s`).join(', ')}; ${c.interruptions.length} interruptions; ${c.nonTalk.periods.length} silences ≥ 3 s)`;
        }),
      );
      console.log(summary);
      row(
        '  decode + resample one channel to 16 kHz',
        await measure(async () => {
          for await (const _ of engineAudio(await openAudioFile(file), { channel: 0 })) {
            // drain
          }
        }),
      );
    }
    console.log(`\nLoad average at the end: ${loadAverage()}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
