import { z } from 'zod';
import type { PipelineFailureCode } from '../errors.js';
import type { RedactionEntityType } from '../redaction/index.js';
import type { AudioRedactionPolicy } from '../settings/conversation-settings.js';
import type { TenantProviderConfig } from '../settings/transcription-settings.js';

/** What a re-run asked for; absent = the tenant's settings. */
export const runOptionsSchema = z.object({
  provider: z.string().optional(),
  language: z.string().optional(),
});
export type RunOptions = z.infer<typeof runOptionsSchema>;

/** The workflow's input: ids only (the workflow store keeps it in clear). */
export interface RecordingRunInput {
  readonly tenantId: string;
  readonly recordingId: string;
  readonly runId: string;
}

export type StepName =
  | 'prepare'
  | 'decode'
  | 'characteristics'
  | 'transcribe'
  | 'redact'
  | 'redact-audio'
  | 'write-enriched'
  | 'store'
  | 'remove-original'
  | 'analyse';

/** One entry of recording_runs.steps: what the step did and under which provider and configuration. */
export interface StepRecord {
  readonly name: StepName;
  readonly outcome: 'done' | 'skipped' | 'failed';
  readonly provider: string;
  readonly version: string;
  readonly configHash: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Everything a run decides at its start, so that a settings change mid-run does not mix two policies. */
export interface RunPlan {
  readonly audioKey: string | null;
  readonly audioContentType: string | null;
  readonly suppliedTranscriptKey: string | null;
  readonly callId: string | null;
  readonly language: string | null;
  /** Providers to try in order (the re-run's one, or: supplied, the installation's, the configured ones). */
  readonly providers: readonly string[];
  /**
   * The configured providers among them, with their settings as they were at the run's start
   * (secret names only, never values: the plan is kept in the workflow store).
   */
  readonly transcription: readonly TenantProviderConfig[];
  /** The tenant's default language, for providers when the recording names none. */
  readonly defaultLanguage: string | null;
  readonly audioRedaction: AudioRedactionPolicy;
  readonly audioPaddingMs: number;
  readonly redactEntityTypes: readonly RedactionEntityType[];
}

export interface RunFailure {
  readonly code: PipelineFailureCode;
  readonly reason: string;
}

/** A step's result as recorded by the workflow: its value, or the terminal failure it ended in. */
export type StepOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: RunFailure };
