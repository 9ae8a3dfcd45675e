import type { StepOptions, WorkflowRef, Workflows } from '../../../platform/jobs/index.js';
import { STEP_RETRIES } from '../pipeline/recording.workflow.js';
import type { AnalyseOutcome, AnalyseRecording, AnalyseRequest } from './analysis.step.js';

export const ANALYSIS_WORKFLOW = 'conversations.analysis';

/** One re-analysis: the workflow id carries the analysis id, so starting it twice starts it once. */
export const analysisWorkflowId = (analysisUuid: string) => `${ANALYSIS_WORKFLOW}-${analysisUuid}`;

export type AnalysisWorkflow = WorkflowRef<AnalyseRequest, AnalyseOutcome>;

/**
 * A re-analysis asked for through the API, as a durable workflow of one step: after a crash it
 * runs again and the step finds the analysis it may have stored (its request key), so no
 * duplicate. Transient failures (an LLM's 429 or timeout) are retried like the pipeline's steps.
 */
export function defineAnalysisWorkflow(
  workflows: Workflows,
  analyse: AnalyseRecording,
  retries: StepOptions = STEP_RETRIES,
): AnalysisWorkflow {
  return workflows.define(ANALYSIS_WORKFLOW, (wf, input: AnalyseRequest) =>
    wf.step('analyse', () => analyse(input), retries),
  );
}
