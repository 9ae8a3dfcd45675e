import type { AuditLog } from '../../../platform/audit/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import type { RouteMount } from '../../../platform/http/index.js';
import type { EventTrigger, StepOptions, TimerTrigger, Workflows } from '../../../platform/jobs/index.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { OpenAudioOptions } from '../audio/index.js';
import type { ConversationSettingsService } from '../settings/conversation-settings.service.js';
import type { TenantTranscriberFactory, TranscriptionSecrets } from '../settings/tenant-transcriber.js';
import { createAnalysisStep, type AnalyseRecording } from '../analyses/analysis.step.js';
import { defineAnalysisWorkflow, type AnalysisWorkflow } from '../analyses/analysis.workflow.js';
import type { ConversationsMetrics } from '../conversations.metrics.js';
import { createSealing } from '../sealing.js';
import { staleRunningRuns } from './pipeline.repo.js';
import { pipelineRoutes } from './pipeline.routes.js';
import { createPipelineService, type PipelineService } from './pipeline.service.js';
import { createPipelineSteps } from './pipeline.steps.js';
import { createRecordingReceivedHandler } from './recording-received.handler.js';
import { defineRecordingWorkflow } from './recording.workflow.js';
import { createSuppliedTranscriber, SUPPLIED_PROVIDER } from './supplied.transcriber.js';
import type { Transcriber } from './transcriber.js';

export interface PipelineFeatureDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly audit: AuditLog;
  readonly bus: Bus;
  readonly objects: ObjectStore;
  readonly workflows: Workflows | undefined;
  readonly logger: Logger;
  readonly settings: ConversationSettingsService;
  /** Transcribers of the installation, tried before the tenant's configured providers (tests add a scripted one). */
  readonly transcribers: readonly Transcriber[];
  /** Builds a tenant's configured providers for a run. */
  readonly transcriber: TenantTranscriberFactory;
  readonly audio?: OpenAudioOptions;
  readonly stepRetries?: StepOptions;
  /** Tenant secrets an LLM analyser reads (`llm.*`). */
  readonly secrets?: TranscriptionSecrets;
  readonly metrics?: ConversationsMetrics;
}

/**
 * The recording pipeline wired to the platform: the workflow (defined in every process that has
 * workflows; only workers run it), the consumer of received recordings, the runs API and a sweep
 * that starts runs whose start was lost.
 */
export function createPipelineFeature(deps: PipelineFeatureDeps): {
  readonly pipeline: PipelineService;
  readonly routes: RouteMount;
  readonly handler: EventTrigger;
  readonly sweep: TimerTrigger;
  readonly analyse: AnalyseRecording;
  /** Re-analyses as durable workflows (undefined where this process has no workflows). */
  readonly analysisWorkflow: AnalysisWorkflow | undefined;
} {
  const supplied = createSuppliedTranscriber(deps.objects);
  const transcribers = new Map<string, Transcriber>([
    [SUPPLIED_PROVIDER, supplied],
    ...deps.transcribers.map((t): [string, Transcriber] => [t.name, t]),
  ]);
  const steps = createPipelineSteps({
    database: deps.database,
    keyring: deps.keyring,
    objects: deps.objects,
    bus: deps.bus,
    settings: deps.settings,
    transcribers,
    transcriber: deps.transcriber,
    audio: deps.audio ?? {},
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  const analyse = createAnalysisStep({
    database: deps.database,
    sealing: createSealing(deps.keyring),
    objects: deps.objects,
    bus: deps.bus,
    settings: deps.settings,
    secrets: deps.secrets,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  const workflow = deps.workflows
    ? defineRecordingWorkflow(deps.workflows, steps, {
        analyse,
        ...(deps.stepRetries ? { retries: deps.stepRetries } : {}),
      })
    : undefined;
  const analysisWorkflow = deps.workflows
    ? defineAnalysisWorkflow(deps.workflows, analyse, deps.stepRetries)
    : undefined;
  const pipeline = createPipelineService({
    database: deps.database,
    audit: deps.audit,
    workflows: deps.workflows,
    workflow,
    settings: deps.settings,
    installedProviders: [...transcribers.keys()],
  });
  const sweep: TimerTrigger = {
    kind: 'timer',
    name: 'conversations.pipeline-sweep',
    cron: '*/5 * * * *',
    run: async () => {
      if (!deps.workflows || !workflow) return;
      const stale = await staleRunningRuns(deps.database.owner, new Date(Date.now() - 120_000), 100);
      for (const run of stale) {
        // Starting an existing workflow id returns it: only lost starts are started here.
        await deps.workflows.start(
          workflow,
          { tenantId: run.tenantId, recordingId: run.recordingId, runId: run.id },
          { id: run.workflowId },
        );
      }
      if (stale.length > 0)
        deps.logger.debug({ runs: stale.length }, 'pipeline runs checked for a lost start');
    },
  };
  return {
    pipeline,
    routes: { surface: 'internal', prefix: '/recordings', plugin: pipelineRoutes(pipeline) },
    handler: createRecordingReceivedHandler(pipeline),
    sweep,
    analyse,
    analysisWorkflow,
  };
}
