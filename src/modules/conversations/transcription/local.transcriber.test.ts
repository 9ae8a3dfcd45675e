/**
 * The local engine. Output parsing is tested on pocketsphinx's own output (5prealpha's lines as
 * Debian bookworm's pocketsphinx_continuous printed them here; 5.x's JSON line as its test data
 * has it). The pipeline runs on real speech made at test time by espeak-ng and sox, placed at
 * known offsets; the assertions are on its shape (segments, speakers, times), never on words:
 * pocketsphinx's en-us model hears synthetic speech poorly. Skipped, saying so, when espeak-ng,
 * sox or pocketsphinx is missing (apt-get install espeak-ng sox pocketsphinx pocketsphinx-en-us).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../audio/audio-stream.js';
import { openAudio } from '../audio/open-audio.js';
import { writeWav } from '../audio/test-signals.js';
import { transcriptSchema } from '../transcripts/transcript.schema.js';
import { createTranscriber, TranscriptionError, type TranscriptionInput } from './index.js';
import { parseContinuousOutput, parsePocketsphinxJson } from './local-engine.js';
import { splitBySpeaker } from './local.transcriber.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/transcripts');
const has = (tool: string, args = ['--version']) =>
  spawnSync(tool, args, { stdio: 'ignore' }).error === undefined;
const haveSpeech = has('espeak-ng') && has('sox');
const havePocketsphinx =
  spawnSync('sh', ['-c', 'command -v pocketsphinx || command -v pocketsphinx_continuous'], {
    stdio: 'ignore',
  }).status === 0;

const wavInput = (wav: Uint8Array): TranscriptionInput => ({
  open: () => wav,
  contentType: 'audio/wav',
  fileName: 'call.wav',
});

describe('pocketsphinx output', () => {
  it('5prealpha (-time yes): one utterance per <s>…</s>, fillers and alternates dropped, times in ms', () => {
    const stdout = [
      'the forty only caught on',
      '<s> 0.000 0.100 0.998900',
      'the(2) 0.110 0.480 0.940440',
      '<sil> 0.490 0.530 0.918320',
      'forty 0.540 0.820 0.031790',
      '[NOISE] 0.830 0.900 0.5',
      'only 0.910 1.170 0.543965',
      '</s> 2.780 3.230 1.000000',
      'what are you',
      '<s> 6.070 6.320 0.999400',
      'what 6.330 6.530 0.478459',
      'are 6.540 6.630 0.438632',
      '</s> 8.700 9.030 1.000000',
    ].join('\n');
    expect(parseContinuousOutput(stdout)).toEqual([
      {
        startMs: 110,
        endMs: 1170,
        text: 'the forty only',
        confidence: 0.505,
        words: [
          { text: 'the', startMs: 110, endMs: 480, confidence: 0.94044 },
          { text: 'forty', startMs: 540, endMs: 820, confidence: 0.03179 },
          { text: 'only', startMs: 910, endMs: 1170, confidence: 0.543965 },
        ],
      },
      expect.objectContaining({ startMs: 6330, endMs: 6630, text: 'what are' }) as unknown,
    ]);
  });

  it('5.x (live): a JSON line per utterance, b = start and d = duration in seconds', () => {
    const line =
      '{"b":0.240,"d":6.780,"p":0.000,"t":"mr john","w":[{"b":0.240,"d":0.070,"p":1.000,"t":"<s>"},{"b":0.310,"d":0.320,"p":0.997,"t":"mr"},{"b":0.630,"d":0.400,"p":0.897,"t":"john(2)"},{"b":6.770,"d":0.240,"p":1.000,"t":"</s>"}]}';
    expect(parsePocketsphinxJson(`${line}\n{"b":7.0,"d":0.01,"p":1,"t":"","w":[]}\n`)).toEqual([
      {
        startMs: 310,
        endMs: 1030,
        text: 'mr john',
        confidence: 0.947,
        words: [
          { text: 'mr', startMs: 310, endMs: 630, confidence: 0.997 },
          { text: 'john', startMs: 630, endMs: 1030, confidence: 0.897 },
        ],
      },
    ]);
  });

  it('mono diarisation gives each word to the speaker whose speech it overlaps, cutting at a change', () => {
    const utterance = parseContinuousOutput(
      ['<s> 0 0.1 1', 'hello 0.1 0.5 0.9', 'there 0.5 0.9 0.8', 'hi 1.2 1.5 0.7', '</s> 1.5 1.6 1'].join(
        '\n',
      ),
    )[0]!;
    const segments = splitBySpeaker(utterance, [
      [{ startMs: 0, endMs: 1000 }],
      [{ startMs: 1100, endMs: 1600 }],
    ]);
    expect(segments.map((s) => [s.speaker, s.text, s.startMs, s.endMs])).toEqual([
      [0, 'hello there', 100, 900],
      [1, 'hi', 1200, 1500],
    ]);
  });
});

describe('local engine availability and the command engine', () => {
  const tone = writeWav([new Float32Array(8000).map((_, i) => 0.3 * Math.sin(i / 3))], 8000, 'pcm_s16le');

  it('an absent engine is a typed no_local_engine error naming what to install', async () => {
    const service = createTranscriber(
      { providers: [{ provider: 'local', binary: '/nonexistent/pocketsphinx_continuous' }] },
      () => undefined,
    );
    const [status] = await service.status();
    expect(status).toMatchObject({
      provider: 'local',
      available: false,
      code: 'CONVERSATIONS_TRANSCRIPTION_NO_LOCAL_ENGINE',
    });
    expect(status?.reason).toContain('apt-get install pocketsphinx pocketsphinx-en-us');
    const error = await service.transcribe(wavInput(tone)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranscriptionError);
    expect((error as TranscriptionError).attempts[0]?.reason).toBe('no_local_engine');
  });

  it('a configured command: its argv template filled in, its WebVTT output read through the parsers', async () => {
    const vtt = path.join(FIXTURES, 'w3c-webvtt-interview-voices.vtt');
    const service = createTranscriber(
      {
        providers: [
          {
            provider: 'local',
            engine: 'command',
            command: ['sh', '-c', `test -s "$0" && cat "${vtt}"`, '{input}'],
            outputFormat: 'webvtt',
          },
        ],
      },
      () => undefined,
    );
    const done = await service.transcribe(wavInput(tone));
    expect(done.provenance).toMatchObject({ provider: 'local', requests: 1 });
    expect(done.transcript.provenance.provider).toBe('command');
    expect(done.transcript.segments.length).toBeGreaterThan(5);
    expect(done.cost).toEqual({
      audioSeconds: 1,
      audioSecondsSource: 'audio',
      pricePerMinuteUsd: 0,
      amountUsd: 0,
    });
  });

  it.skipIf(!havePocketsphinx)(
    'pocketsphinx without a model path speaks English only: German is no_local_engine',
    async () => {
      const service = createTranscriber(
        { defaultLanguage: 'de-DE', providers: [{ provider: 'local' }] },
        () => undefined,
      );
      const error = (await service.transcribe(wavInput(tone)).catch((e: unknown) => e)) as TranscriptionError;
      expect(error.attempts[0]).toMatchObject({
        reason: 'no_local_engine',
        message: expect.stringContaining('de-DE') as unknown,
      });
    },
  );
});

const ready = haveSpeech && havePocketsphinx;
describe.skipIf(!ready)(
  ready
    ? 'pocketsphinx on real speech (espeak-ng + sox)'
    : 'SKIPPED: the local engine test needs espeak-ng, sox and pocketsphinx (apt-get install espeak-ng sox pocketsphinx pocketsphinx-en-us)',
  () => {
    const RATE = 16000;
    let dir: string;
    let clips: Float32Array[];
    // Agent (channel 0) then customer (channel 1), apart in time.
    const script = [
      { speaker: 0, voice: 'en-us+m3', text: 'thank you for calling how can I help you today', atMs: 500 },
      {
        speaker: 1,
        voice: 'en-us+f3',
        text: 'I would like to check the status of my order please',
        atMs: 4500,
      },
      { speaker: 0, voice: 'en-us+m3', text: 'of course let me look that up for you', atMs: 9000 },
    ] as const;
    const spans = () =>
      script.map((line, i) => ({
        speaker: line.speaker,
        startMs: line.atMs,
        endMs: line.atMs + Math.round((clips[i]!.length / RATE) * 1000),
      }));
    const durationMs = 13_000;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'stt-speech-'));
      clips = [];
      for (const [i, line] of script.entries()) {
        const raw = path.join(dir, `raw${i}.wav`);
        const trimmed = path.join(dir, `u${i}.wav`);
        execFileSync('espeak-ng', ['-v', line.voice, '-s', '160', '-w', raw, line.text]);
        execFileSync('sox', [
          raw,
          '-r',
          String(RATE),
          trimmed,
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
        clips.push((await readAll(await openAudio(readFileSync(trimmed)))).channels[0]!);
      }
    }, 60_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const local = () => createTranscriber({ providers: [{ provider: 'local' }] }, () => undefined);

    it('stereo: each channel transcribed alone, one speaker per channel, segments inside their speech', async () => {
      const channels = [
        new Float32Array((durationMs / 1000) * RATE),
        new Float32Array((durationMs / 1000) * RATE),
      ];
      script.forEach((line, i) => channels[line.speaker]!.set(clips[i]!, (line.atMs / 1000) * RATE));
      const done = await local().transcribe(wavInput(writeWav(channels, RATE, 'pcm_s16le')));

      const transcript = transcriptSchema.parse(done.transcript);
      expect(transcript.provenance).toMatchObject({ provider: 'pocketsphinx', format: 'switchboard-engine' });
      expect(transcript.speakers).toEqual([
        { id: 'spk_0', role: 'agent', roleSource: 'convention', label: null, channel: 0 },
        { id: 'spk_1', role: 'customer', roleSource: 'convention', label: null, channel: 1 },
      ]);
      const truth = spans();
      for (const speaker of [0, 1]) {
        const mine = transcript.segments.filter((s) => s.speakerId === `spk_${speaker}`);
        expect(mine.length, `segments of spk_${speaker}`).toBeGreaterThan(0);
        for (const segment of mine) {
          expect(segment.channel).toBe(speaker);
          expect(segment.words?.length).toBeGreaterThan(0);
          // Inside one of this speaker's utterances, give or take 300 ms.
          const inside = truth.some(
            (t) =>
              t.speaker === speaker && segment.startMs >= t.startMs - 300 && segment.endMs <= t.endMs + 300,
          );
          expect(inside, `spk_${speaker} ${segment.startMs}-${segment.endMs} inside its speech`).toBe(true);
        }
      }
      expect(done.provenance.requests).toBe(2);
      expect(done.provenance.engineVersion).not.toBe('');
      expect(done.cost).toMatchObject({ audioSeconds: 13, amountUsd: 0 });
    }, 120_000);

    it('mono with a quieter far end: at most two speakers, spk_0 the first voice (agent), times within the call', async () => {
      const mono = new Float32Array((durationMs / 1000) * RATE);
      script.forEach((line, i) =>
        clips[i]!.forEach(
          (v, k) => (mono[(line.atMs / 1000) * RATE + k] = v * (line.speaker === 0 ? 1 : 0.3)),
        ),
      );
      const done = await local().transcribe(wavInput(writeWav([mono], RATE, 'pcm_s16le')));
      const transcript = done.transcript;
      expect(transcript.speakers.length).toBeGreaterThanOrEqual(1);
      expect(transcript.speakers.length).toBeLessThanOrEqual(2);
      expect(transcript.speakers[0]).toMatchObject({ id: 'spk_0', channel: null });
      expect(transcript.segments.length).toBeGreaterThan(0);
      for (const segment of transcript.segments) {
        expect(segment.startMs).toBeGreaterThanOrEqual(0);
        expect(segment.endMs).toBeLessThanOrEqual(durationMs);
        expect(segment.channel).toBeNull();
      }
      // The first segment is the agent's greeting.
      expect(transcript.segments[0]?.speakerId).toBe('spk_0');
      if (transcript.speakers.length === 2) {
        expect(transcript.speakers.map((s) => s.role)).toEqual(['agent', 'customer']);
        const customer = transcript.segments.filter((s) => s.speakerId === 'spk_1');
        const truth = spans()[1]!;
        expect(customer.every((s) => s.startMs >= truth.startMs - 300 && s.endMs <= truth.endMs + 300)).toBe(
          true,
        );
      }
    }, 120_000);
  },
);
