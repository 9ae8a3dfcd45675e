import type { StepOptions, WorkflowContext, WorkflowRef, Workflows } from '../../../platform/jobs/index.js';
import { AppError } from '../../../platform/errors.js';
import type { AnalyseRecording } from '../analyses/analysis.step.js';
import { AudioError } from '../audio/index.js';
import { PipelineFailure, type PipelineFailureCode } from '../errors.js';
import type { PipelineSteps } from './pipeline.steps.js';
import type { RecordingRunInput, RunFailure, StepOutcome, StepRecord } from './pipeline.types.js';

export const RECORDING_WORKFLOW = 'conversations.recording';

/** The workflow id of a run: one per recording and run, so starting it twice starts it once. */
export const recordingWorkflowId = (recordingId: string, runId: string) =>
  `${RECORDING_WORKFLOW}-${recordingId}-${runId}`;

export interface RecordingRunResult {
  readonly state: 'succeeded' | 'failed';
  readonly transcriptId?: string;
  readonly failure?: RunFailure;
}

/** Transient failures (a provider's 5xx, a dropped connection) are tried 4 times in all, 2 s, 6 s, 18 s apart. */
export const STEP_RETRIES: StepOptions = { retries: 3, initialBackoffMs: 2_000, backoffFactor: 3 };

/** What ends a run for good: the same input would fail again. */
function terminal(error: unknown): RunFailure | undefined {
  if (error instanceof PipelineFailure) return { code: error.failureCode, reason: error.message };
  if (error instanceof AudioError)
    return { code: error.reason satisfies PipelineFailureCode, reason: error.message };
  return undefined;
}

/**
 * A recording's run as a durable workflow: prepare → decode → characteristics → transcribe →
 * redact → redact audio → write enriched → store (+ remove the original under redacted_only).
 * Each is a checkpointed step: after a crash the run resumes after the last finished step, and a
 * step cut off mid-way runs again, which each step tolerates (see pipeline.steps.ts). A terminal
 * failure is returned by its step as a value, so it is recorded and never retried; anything else
 * is retried with backoff and, when the retries are spent, ends the run as `retries_exhausted`.
 */
export function defineRecordingWorkflow(
  workflows: Workflows,
  steps: PipelineSteps,
  options: { retries?: StepOptions; analyse?: AnalyseRecording } = {},
): WorkflowRef<RecordingRunInput, RecordingRunResult> {
  const retries = options.retries ?? STEP_RETRIES;
  return workflows.define(RECORDING_WORKFLOW, async (wf: WorkflowContext, input: RecordingRunInput) => {
    const attempt = <T>(name: string, fn: () => Promise<T>): Promise<StepOutcome<T>> =>
      wf.step(
        name,
        async (): Promise<StepOutcome<T>> => {
          try {
            return { ok: true, value: await fn() };
          } catch (error) {
            const failure = terminal(error);
            if (failure) return { ok: false, failure };
            throw error;
          }
        },
        retries,
      );
    const fail = async (failure: RunFailure): Promise<RecordingRunResult> => {
      await wf.step('fail', () => steps.fail(input, failure), retries);
      return { state: 'failed', failure };
    };

    try {
      const history: StepRecord[] = [];
      const prepared = await attempt('prepare', () => steps.prepare(input));
      if (!prepared.ok) return await fail(prepared.failure);
      const { plan } = prepared.value;
      history.push(prepared.value.step);

      let audio = null;
      let characteristics = null;
      if (plan.audioKey) {
        const decoded = await attempt('decode', () => steps.decode(input, plan));
        if (!decoded.ok) return await fail(decoded.failure);
        audio = decoded.value.audio;
        history.push(decoded.value.step);
        const measured = await attempt('characteristics', () => steps.characteristics(input, plan));
        if (!measured.ok) return await fail(measured.failure);
        characteristics = measured.value.result;
        history.push(measured.value.step);
      }

      const decodedAudio = audio;
      const transcribed = await attempt('transcribe', () => steps.transcribe(input, plan, decodedAudio));
      if (!transcribed.ok) return await fail(transcribed.failure);
      history.push(transcribed.value.step);

      const redacted = await attempt('redact', () => steps.redact(input, plan, transcribed.value.result));
      if (!redacted.ok) return await fail(redacted.failure);
      history.push(redacted.value.step);

      const mutedAudio = await attempt('redact-audio', () =>
        steps.redactAudio(input, plan, redacted.value.result),
      );
      if (!mutedAudio.ok) return await fail(mutedAudio.failure);
      history.push(mutedAudio.value.step);

      const parts = {
        redacted: redacted.value.result,
        characteristics,
        transcribed: transcribed.value.result,
        audio,
      };
      const enriched = await attempt('write-enriched', () =>
        steps.writeEnriched(input, { ...parts, redactedAudioKey: mutedAudio.value.key, steps: [...history] }),
      );
      if (!enriched.ok) return await fail(enriched.failure);

      const stored = await attempt('store', () =>
        steps.store(input, plan, { ...parts, enrichedKey: enriched.value.key }),
      );
      if (!stored.ok) return await fail(stored.failure);

      const redactedKey = mutedAudio.value.key;
      if (plan.audioRedaction === 'redacted_only' && redactedKey !== null) {
        await attempt('remove-original', () => steps.removeOriginal(input, plan, redactedKey));
      }
      if (options.analyse) await analyseAfterStore(wf, input, steps, options.analyse, retries);
      return { state: 'succeeded', transcriptId: stored.value.transcriptId };
    } catch (error) {
      // A step's retries are spent: the run ends with what the last attempt said.
      const message = error instanceof Error ? error.message : String(error);
      return await fail({
        code: 'retries_exhausted',
        reason: `The run stopped after repeated failures: ${message.slice(0, 500)}`,
      });
    }
  });
}

type AnalyseStepValue =
  | { readonly ok: true; readonly analysisId: string; readonly grade: string | null }
  | { readonly ok: false; readonly reason: string };

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * The analysis of the stored transcript, as a step of the same run: after a crash it resumes here
 * and the step finds the analysis it may have stored (keyed by the run), so no duplicate. A
 * failure never fails the run (the transcript stands): the step is recorded `failed` with why.
 * Transient failures (an LLM's 429 or timeout) are retried like the other steps'.
 */
async function analyseAfterStore(
  wf: WorkflowContext,
  input: RecordingRunInput,
  steps: PipelineSteps,
  analyse: AnalyseRecording,
  retries: StepOptions,
): Promise<void> {
  const startedAt = await wf.step('analyse-start', () => Promise.resolve(new Date().toISOString()));
  let outcome: AnalyseStepValue;
  try {
    outcome = await wf.step(
      'analyse',
      async (): Promise<AnalyseStepValue> => {
        try {
          const done = await analyse({
            tenantId: input.tenantId,
            recordingId: input.recordingId,
            requestKey: `run:${input.runId}`,
            runId: input.runId,
            reason: 'pipeline',
            requestedBy: 'conversations.pipeline',
          });
          return { ok: true, analysisId: done.analysisId, grade: done.grade };
        } catch (error) {
          if (error instanceof AppError && error.transient) throw error;
          return { ok: false, reason: reasonOf(error) };
        }
      },
      retries,
    );
  } catch (error) {
    outcome = { ok: false, reason: `retries exhausted: ${reasonOf(error)}` };
  }
  await wf.step('analyse-recorded', () => steps.recordAnalysis(input, startedAt, outcome), retries);
}
