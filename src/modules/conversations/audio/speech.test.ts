/**
 * Real speech made at test time: espeak-ng speaks each utterance, sox trims its leading and
 * trailing silence (so an utterance's truth is [offset, offset + length]), the test mixes the
 * utterances into a call with known offsets, and sox turns the call into 8 kHz µ-law and A-law as
 * a telephone recorder would. The assertions are on the metrics, never on an engine's words.
 * Skipped, saying so, when espeak-ng or sox is missing (Debian packages `espeak-ng` and `sox`;
 * .ci/run installs them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseAudio } from './analyse-audio.js';
import type { Span } from './audio.types.js';
import { readAll } from './audio-stream.js';
import { openAudio } from './open-audio.js';
import { writeWav } from './test-signals.js';

const TOLERANCE_MS = 150;
const has = (tool: string) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
const haveTools = has('espeak-ng') && has('sox');

const RATE = 22050;
interface Utterance {
  readonly speaker: 0 | 1;
  readonly text: string;
  /** Start, or a function of the utterances placed so far. */
  readonly at: (placed: readonly Span[]) => number;
}

// agent (ch 0), customer (ch 1): the agent interrupts the customer's second sentence, then a 4 s silence.
const script: readonly Utterance[] = [
  { speaker: 0, text: 'thank you for calling how can I help you today', at: () => 500 },
  { speaker: 1, text: 'I would like to check the status of my order please', at: (p) => p[0]!.endMs + 800 },
  { speaker: 1, text: 'it was supposed to arrive last week and nothing came', at: (p) => p[1]!.endMs + 700 },
  {
    speaker: 0,
    text: 'I am sorry to hear that let me look it up for you',
    at: (p) => Math.round((p[2]!.startMs + p[2]!.endMs) / 2),
  },
  { speaker: 1, text: 'thank you very much', at: (p) => Math.max(p[2]!.endMs, p[3]!.endMs) + 4000 },
];
const voices = ['en-us+m3', 'en-us+f3'];

describe.skipIf(!haveTools)(
  haveTools
    ? 'conversation characteristics of real speech (espeak-ng + sox)'
    : 'SKIPPED: real speech needs espeak-ng and sox (apt-get install espeak-ng sox)',
  () => {
    let dir: string;
    let placed: Span[];
    let durationMs: number;
    const file = (name: string) => path.join(dir, name);

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'audio-speech-'));
      const clips: Float32Array[] = [];
      for (const [i, u] of script.entries()) {
        execFileSync('espeak-ng', ['-v', voices[u.speaker]!, '-s', '165', '-w', file(`raw${i}.wav`), u.text]);
        execFileSync('sox', [
          file(`raw${i}.wav`),
          '-r',
          String(RATE),
          file(`u${i}.wav`),
          'silence',
          '1',
          '0.02',
          '-45d',
          'reverse',
          'silence',
          '1',
          '0.02',
          '-45d',
          'reverse',
        ]);
        clips.push((await readAll(await openAudio(readFileSync(file(`u${i}.wav`))))).channels[0]!);
      }
      placed = [];
      script.forEach((u, i) => {
        const startMs = u.at(placed);
        placed.push({ startMs, endMs: startMs + Math.round((clips[i]!.length / RATE) * 1000) });
      });
      durationMs = Math.max(...placed.map((p) => p.endMs)) + 1500;
      const channels = [
        new Float32Array((durationMs / 1000) * RATE),
        new Float32Array((durationMs / 1000) * RATE),
      ];
      script.forEach((u, i) =>
        channels[u.speaker]!.set(clips[i]!, Math.round((placed[i]!.startMs / 1000) * RATE)),
      );
      writeFileSync(file('call.wav'), writeWav(channels, RATE, 'pcm_s16le'));
      execFileSync('sox', [file('call.wav'), '-r', '8000', '-e', 'u-law', file('call-ulaw.wav')]);
      execFileSync('sox', [file('call.wav'), '-r', '8000', '-e', 'a-law', file('call-alaw.wav')]);
      // Mono: the customer 10 dB quieter (a far end through the network), no overlap.
      const mono = new Float32Array(channels[0]!.length);
      script.forEach((u, i) => {
        if (i === 3) return;
        const offset = Math.round((placed[i]!.startMs / 1000) * RATE);
        clips[i]!.forEach((v, k) => (mono[offset + k] = v * (u.speaker === 0 ? 1 : 0.316)));
      });
      writeFileSync(file('mono.wav'), writeWav([mono], RATE, 'pcm_s16le'));
      execFileSync('sox', [file('mono.wav'), '-r', '8000', '-e', 'u-law', file('mono-ulaw.wav')]);
    }, 60_000);

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const truthOf = (speaker: 0 | 1) => placed.filter((_, i) => script[i]!.speaker === speaker);

    for (const name of ['call.wav', 'call-ulaw.wav', 'call-alaw.wav']) {
      it(`finds each utterance, the interruption and the silence in ${name}`, async () => {
        const result = await analyseAudio(readFileSync(file(name)), { speakers: ['agent', 'customer'] });
        const c = result.characteristics;
        for (const speaker of [0, 1] as const) {
          const found = c.speakers[speaker]!.spans;
          const truth = truthOf(speaker);
          expect(found, `${c.speakers[speaker]!.speaker} in ${name}`).toHaveLength(truth.length);
          found.forEach((span, k) => {
            expect(Math.abs(span.startMs - truth[k]!.startMs)).toBeLessThanOrEqual(TOLERANCE_MS);
            expect(Math.abs(span.endMs - truth[k]!.endMs)).toBeLessThanOrEqual(TOLERANCE_MS);
          });
          const talk = truth.reduce((sum, s) => sum + s.endMs - s.startMs, 0);
          expect(Math.abs(c.speakers[speaker]!.talkTimeMs - talk)).toBeLessThanOrEqual(
            TOLERANCE_MS * truth.length,
          );
        }
        expect(c.interruptions).toHaveLength(1);
        expect(c.interruptions[0]).toMatchObject({ interrupter: 'agent', interrupted: 'customer' });
        expect(Math.abs(c.interruptions[0]!.atMs - placed[3]!.startMs)).toBeLessThanOrEqual(TOLERANCE_MS);
        const silence = c.nonTalk.periods.find((p) => p.startMs > 1000 && p.endMs < durationMs);
        const quietFrom = Math.max(placed[2]!.endMs, placed[3]!.endMs);
        expect(Math.abs(silence!.startMs - quietFrom)).toBeLessThanOrEqual(TOLERANCE_MS);
        expect(Math.abs(silence!.endMs - placed[4]!.startMs)).toBeLessThanOrEqual(TOLERANCE_MS);
      });
    }

    it('decodes sox µ-law and A-law to exactly the 16-bit values sox decodes them to', async () => {
      for (const name of ['call-ulaw.wav', 'call-alaw.wav']) {
        execFileSync('sox', [file(name), '-e', 'signed-integer', '-b', '16', file(`${name}.s16.wav`)]);
        const ours = (await readAll(await openAudio(readFileSync(file(name))))).channels;
        const theirs = (await readAll(await openAudio(readFileSync(file(`${name}.s16.wav`))))).channels;
        expect(ours[0]!.length).toBe(theirs[0]!.length);
        for (const c of [0, 1]) {
          let worst = 0;
          ours[c]!.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - theirs[c]![i]!))));
          expect(worst * 32768).toBeLessThanOrEqual(1);
        }
      }
    });

    it('splits a mono 8 kHz µ-law call between the agent (first speaker) and the quieter customer', async () => {
      const result = await analyseAudio(readFileSync(file('mono-ulaw.wav')), {
        speakers: ['agent', 'customer'],
      });
      expect(result.speakerSource).toBe('mono_diarised');
      const [agent, customer] = result.characteristics.speakers;
      const truth = {
        agent: placed[0]!.endMs - placed[0]!.startMs,
        customer: [1, 2, 4].reduce((sum, i) => sum + placed[i]!.endMs - placed[i]!.startMs, 0),
      };
      expect(Math.abs(agent!.talkTimeMs - truth.agent)).toBeLessThanOrEqual(TOLERANCE_MS);
      expect(Math.abs(customer!.talkTimeMs - truth.customer)).toBeLessThanOrEqual(3 * TOLERANCE_MS);
    });
  },
);
