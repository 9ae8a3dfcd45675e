import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyseAudio } from '../audio/analyse-audio.js';
import type { Span } from '../audio/audio.types.js';
import { openAudio } from '../audio/open-audio.js';
import { ENGINE_SAMPLE_RATE } from '../audio/resample.js';
import { engineAudio, pcm16WavHeader } from '../audio/wav.encode.js';
import type { EngineDocument } from '../transcripts/parse-engine.js';
import type { LocalProviderConfig } from './transcription.config.js';
import { TranscriptionErrors } from './transcription.errors.js';
import {
  engineArgs,
  fill,
  findLocalEngine,
  parseCommandOutput,
  parseContinuousOutput,
  parsePocketsphinxJson,
  runEngine,
  type EngineUtterance,
  type LocalEngine,
} from './local-engine.js';
import { costOf, parseProviderOutput, primaryLanguage, result } from './run-support.js';
import type { Transcriber, TranscriptionInput } from './transcription.types.js';

const PROVIDER = 'local';

/**
 * Offline transcription on this machine. Stereo: each channel is transcribed alone, one speaker
 * per channel. Mono: one run, and the words are given to at most two speakers by the audio
 * library's mono diarisation (spk_0 = whoever spoke first, the agent). The engine's output is
 * written as Switchboard's engine document and read back through the transcript parsers.
 */
export function localTranscriber(config: LocalProviderConfig, defaults: { language: string }): Transcriber {
  return {
    provider: PROVIDER,
    unavailable() {
      const engine = findLocalEngine(config);
      return Promise.resolve(engine instanceof Error ? engine : null);
    },
    async transcribe(input: TranscriptionInput) {
      const startedAt = new Date();
      const engine = findLocalEngine(config);
      if (engine instanceof Error) throw engine;
      const tag = input.language ?? defaults.language;
      const language = primaryLanguage(tag);
      if (engine.languages !== null && !engine.languages.includes(language)) {
        throw TranscriptionErrors.noLocalEngine(
          `the installed model speaks ${engine.languages.join(', ')}, not ${tag}; set modelPath to a model for it`,
        );
      }

      const analysis = await analyseAudio(await input.open());
      const durationMs = analysis.decode.durationMs;
      const timeoutMs = Math.max(60_000, Math.round(durationMs * config.timeoutRealtimeFactor));
      const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-stt-'));
      let runs = 0;
      try {
        const hear = async (channel: number | 'mix'): Promise<EngineUtterance[]> => {
          const name = channel === 'mix' ? 'mix' : `ch${channel}`;
          const files = { input: path.join(dir, `${name}.wav`), outputBase: path.join(dir, `${name}.out`) };
          await writeEngineWav(input, channel, files.input);
          runs += 1;
          const stdout = await runEngine(
            engine.binary,
            engineArgs(engine, config, files, language),
            timeoutMs,
            input.signal,
          );
          return readOutput(engine, config, stdout, files, language);
        };

        const segments: EngineDocument['segments'] = [];
        if (analysis.speakerSource === 'channels') {
          for (let channel = 0; channel < analysis.format.channels; channel++) {
            for (const utterance of await hear(channel))
              segments.push({
                speaker: channel,
                channel,
                ...utterance,
                words: utterance.words?.slice() ?? null,
              });
          }
        } else {
          const utterances = await hear(analysis.format.channels === 1 ? 0 : 'mix');
          const spans = analysis.characteristics.speakers.map((speaker) => speaker.spans);
          for (const utterance of utterances) {
            segments.push(
              ...(analysis.speakerSource === 'mono_diarised'
                ? splitBySpeaker(utterance, spans)
                : [{ speaker: 0, channel: null, ...utterance, words: utterance.words?.slice() ?? null }]),
            );
          }
        }
        if (segments.every((segment) => segment.text.trim() === ''))
          throw TranscriptionErrors.noSpeech(PROVIDER);

        const document: EngineDocument = {
          switchboardEngine: 1,
          provider: engine.kind === 'command' ? 'command' : 'pocketsphinx',
          model: config.modelPath ?? (engine.kind === 'command' ? null : 'en-us'),
          modelVersion: engine.version,
          language: tag,
          durationMs,
          speakerSource: analysis.speakerSource,
          segments,
        };
        const body = JSON.stringify(document);
        const transcript = parseProviderOutput(PROVIDER, body, 'switchboard-engine', input.speakerHint);
        return result({
          transcript,
          provider: PROVIDER,
          engineVersion: engine.version,
          config,
          providerJobIds: [],
          requests: runs,
          startedAt,
          cost: costOf(durationMs / 1000, 'audio', config.pricePerMinuteUsd),
          raw: [{ channel: null, contentType: 'application/json', body }],
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

async function readOutput(
  engine: LocalEngine,
  config: LocalProviderConfig,
  stdout: string,
  files: { input: string; outputBase: string },
  language: string,
): Promise<EngineUtterance[]> {
  switch (engine.kind) {
    case 'pocketsphinx':
      return parsePocketsphinxJson(stdout);
    case 'pocketsphinx-continuous':
      return parseContinuousOutput(stdout);
    case 'command': {
      const text =
        config.outputFile === null
          ? stdout
          : await readFile(fill(config.outputFile, config, files, language), 'utf8').catch(
              (error: unknown) => {
                throw TranscriptionErrors.engineFailed(
                  PROVIDER,
                  `the command wrote no output file (${config.outputFile ?? ''})`,
                  error,
                );
              },
            );
      return parseCommandOutput(text, config.outputFormat);
    }
  }
}

/** One channel (or the mix) as a 16 kHz mono WAV file, written as it is resampled. */
async function writeEngineWav(
  input: TranscriptionInput,
  channel: number | 'mix',
  file: string,
): Promise<void> {
  const stream = await openAudio(await input.open());
  const handle = await open(file, 'w');
  try {
    let bytes = 0;
    await handle.write(pcm16WavHeader(ENGINE_SAMPLE_RATE, 1, 0), 0, 44, 0);
    for await (const chunk of engineAudio(stream, { channel })) {
      await handle.write(chunk, 0, chunk.byteLength, 44 + bytes);
      bytes += chunk.byteLength;
    }
    await handle.write(pcm16WavHeader(ENGINE_SAMPLE_RATE, 1, bytes), 0, 44, 0);
  } finally {
    await handle.close();
  }
}

/**
 * Gives each word to the speaker whose speech overlaps it most (nearest span when none does) and
 * cuts the utterance where the speaker changes.
 */
export function splitBySpeaker(
  utterance: EngineUtterance,
  spans: readonly (readonly Span[])[],
): EngineDocument['segments'] {
  const speakerAt = (startMs: number, endMs: number): number => {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    spans.forEach((list, speaker) => {
      for (const span of list) {
        const overlap = Math.min(endMs, span.endMs) - Math.max(startMs, span.startMs);
        // Overlap counts first; without any, the nearer span (a negative gap) wins.
        const score = overlap > 0 ? overlap : overlap - 1;
        if (score > bestScore) [best, bestScore] = [speaker, score];
      }
    });
    return best;
  };
  const words = utterance.words;
  if (words === null || words.length === 0) {
    return [
      { speaker: speakerAt(utterance.startMs, utterance.endMs), channel: null, ...utterance, words: null },
    ];
  }
  const out: EngineDocument['segments'] = [];
  for (const word of words) {
    const speaker = speakerAt(word.startMs, word.endMs);
    const current = out.at(-1);
    if (current?.speaker === speaker) {
      current.words?.push(word);
      current.endMs = word.endMs;
      current.text = `${current.text} ${word.text}`;
    } else {
      out.push({
        speaker,
        channel: null,
        startMs: word.startMs,
        endMs: word.endMs,
        text: word.text,
        confidence: null,
        words: [word],
      });
    }
  }
  for (const segment of out) {
    const known = (segment.words ?? []).map((w) => w.confidence).filter((c): c is number => c !== null);
    segment.confidence =
      known.length === 0 ? null : Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 1000) / 1000;
  }
  return out;
}
