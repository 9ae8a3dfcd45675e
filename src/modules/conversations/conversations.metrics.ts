import { Counter, type Registry } from '../../platform/telemetry/index.js';
import type { LlmProviderName } from './analysis/llm/llm.types.js';
import type { PipelineFailureCode } from './errors.js';

/**
 * What conversations counts, each after its transaction committed so a step run again after a
 * crash (which finds its row) is not counted twice. Labels are bounded by the code: failure codes,
 * analysis reasons, LLM providers. No tenant label (unbounded); a recording's `source` is free
 * text from its metadata and is left out for the same reason.
 */
export interface ConversationsMetrics {
  recordingReceived(media: 'audio' | 'transcript'): void;
  /** A run stored its transcript: how many seconds of audio (or of the supplied transcript) it covered. */
  runSucceeded(audioSeconds: number | null): void;
  runFailed(code: PipelineFailureCode): void;
  analysed(analysis: {
    readonly reason: 'pipeline' | 'reanalysis' | 'rescore';
    readonly audioSeconds: number | null;
    readonly llm: {
      readonly provider: LlmProviderName;
      readonly inputTokens: number;
      readonly outputTokens: number;
    } | null;
  }): void;
}

export function createConversationsMetrics(registry: Registry): ConversationsMetrics {
  const received = new Counter({
    name: 'conversations_recordings_received_total',
    help: 'Recordings received and queued for the pipeline, by media (audio, or a supplied transcript only)',
    labelNames: ['media'] as const,
    registers: [registry],
  });
  const runs = new Counter({
    name: 'conversations_recording_runs_total',
    help: 'Recording pipeline runs finished, by outcome (succeeded, failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const failures = new Counter({
    name: 'conversations_recording_failures_total',
    help: 'Recording pipeline runs that failed, by failure code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const audio = new Counter({
    name: 'conversations_audio_processed_seconds_total',
    help: 'Seconds of conversation transcribed by succeeded pipeline runs (divide by 60 for minutes)',
    registers: [registry],
  });
  const analyses = new Counter({
    name: 'conversations_analyses_total',
    help: 'Conversation analyses stored, by reason (pipeline, reanalysis, rescore) and analyser (local, llm)',
    labelNames: ['reason', 'analyser'] as const,
    registers: [registry],
  });
  const analysedAudio = new Counter({
    name: 'conversations_analysed_audio_seconds_total',
    help: 'Seconds of conversation analysed, by analyser (local, llm); divide by 60 for analysis minutes',
    labelNames: ['analyser'] as const,
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'conversations_llm_tokens_total',
    help: 'LLM tokens used by stored analyses, by provider and direction (input, output)',
    labelNames: ['provider', 'direction'] as const,
    registers: [registry],
  });
  return {
    recordingReceived: (media) => received.inc({ media }),
    runSucceeded(audioSeconds) {
      runs.inc({ outcome: 'succeeded' });
      if (audioSeconds !== null) audio.inc(audioSeconds);
    },
    runFailed(code) {
      runs.inc({ outcome: 'failed' });
      failures.inc({ code });
    },
    analysed({ reason, audioSeconds, llm }) {
      const analyser = llm ? 'llm' : 'local';
      analyses.inc({ reason, analyser });
      if (audioSeconds !== null) analysedAudio.inc({ analyser }, audioSeconds);
      if (llm) {
        tokens.inc({ provider: llm.provider, direction: 'input' }, llm.inputTokens);
        tokens.inc({ provider: llm.provider, direction: 'output' }, llm.outputTokens);
      }
    },
  };
}

/** Seconds from a stored duration in milliseconds (a bigint column read as text), null when unknown. */
export function secondsOf(durationMs: string | number | null | undefined): number | null {
  if (durationMs === null || durationMs === undefined) return null;
  const ms = Number(durationMs);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : null;
}
