import { conversationsClassification } from './db/conversations.classification.js';
import type { AuditLog } from '../../platform/audit/index.js';
import type { RequestContext } from '../../platform/context.js';
import type { Bus } from '../../platform/bus/index.js';
import type { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import type { StepOptions, Workflows } from '../../platform/jobs/index.js';
import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { ObjectStore } from '../../platform/objects/index.js';
import type { Logger } from '../../platform/telemetry/index.js';
import { createConversationsMetrics, type ConversationsMetrics } from './conversations.metrics.js';
import { callsModule } from '../calls/index.js';
import { identityModule } from '../identity/index.js';
import { agentScorecardRoutes, dashboardRoutes } from './dashboards/dashboard.routes.js';
import { createQualityDashboards } from './dashboards/dashboard.service.js';
import { analysisCompletedV1, transcriptReadyV1 } from './events.js';
import { analysisConfigRoutes } from './analysis-config/analysis-config.routes.js';
import {
  createAnalysisConfig,
  type AnalysisConfigService,
} from './analysis-config/analysis-config.service.js';
import { configKinds } from './analysis-config/config-kinds.js';
import type { RecordingsService } from './contract.js';
import { analysesRoutes } from './analyses/analyses.routes.js';
import { rescoreRoutes } from './analyses/rescore.routes.js';
import {
  createRescoreRunner,
  defineRescoreWorkflow,
  type RescoreOptions,
} from './analyses/rescore.workflow.js';
import { conversationsMigrations } from './db/migrations/index.js';
import { createPipelineFeature } from './pipeline/pipeline.feature.js';
import type { PipelineService } from './pipeline/pipeline.service.js';
import type { Transcriber } from './pipeline/transcriber.js';
import { callRecordingsRoutes, recordingsRoutes } from './recordings/recordings.routes.js';
import { createRecordings } from './recordings/recordings.service.js';
import { createRecordingVconContributor } from './recordings/recording-vcon.contributor.js';
import { disputesRoutes, qaReviewRoutes } from './reviews/qa-reviews.routes.js';
import { createQaReviews } from './reviews/qa-reviews.service.js';
import { createAnalysisVconContributor } from './results/analysis-vcon.contributor.js';
import { createResults, type ResultsService } from './results/results.service.js';
import { resultsRoutes } from './results/results.routes.js';
import { createSealing } from './sealing.js';
import { createConversationsPrivacy } from './privacy/conversations.privacy.js';
import { conversationSearchRoutes } from './search/conversation-search.routes.js';
import { createConversationSearch } from './search/conversation-search.service.js';
import { recordingSourcesRoutes } from './sources/recording-sources.routes.js';
import { createRecordingSources, type RecordingSourcesService } from './sources/recording-sources.service.js';
import { SOURCE_SECRET_PREFIXES } from './sources/source-config.js';
import { categoriesPreviewRoutes, scorecardPreviewRoutes } from './scoring/preview.routes.js';
import { conversationSettingsRoutes } from './settings/conversation-settings.routes.js';
import {
  createConversationSettings,
  type ConversationSettingsService,
} from './settings/conversation-settings.service.js';
import { tenantTranscriberFactory, type TranscriptionSecrets } from './settings/tenant-transcriber.js';
import type { LocalProviderConfig } from './transcription/index.js';

/** What conversations offers other modules, the CLI and tests (`platform.modules.conversations`). */
export interface ConversationsApi {
  /** Recordings in (uploads, pull connectors through `begin`), and reads of them. */
  readonly recordings: RecordingsService;
  /** Runs of the recording pipeline (routes at /recordings/{id}/runs). */
  readonly pipeline: PipelineService;
  /** The tenant's transcription and redaction settings (routes at /conversations/settings). */
  readonly settings: ConversationSettingsService;
  /** Pull connectors as the tenant configures them, their runs and the timer (routes at /conversations/sources). */
  readonly sources: RecordingSourcesService;
  /**
   * The tenant's versioned insight schemas, QA scorecards and category sets (routes at
   * /conversations/insight-schemas, /scorecards, /categories); validates insight results.
   */
  readonly analysisConfig: AnalysisConfigService;
  /** Analysis results as BI rows (route /conversations/export.jsonl) and erasure of their objects. */
  readonly results: ResultsService;
}

export interface ConversationsDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly audit: AuditLog;
  readonly bus: Bus;
  /** Where recordings' audio is read and the pipeline's outputs are written. */
  readonly objects: ObjectStore;
  readonly workflows: Workflows | undefined;
  readonly logger: Logger;
  /**
   * Transcribers of the installation, tried before the tenant's configured providers (the
   * crash test adds a scripted one); none in production, where tenants configure providers.
   */
  readonly transcribers?: readonly Transcriber[];
  /** The tenant secrets transcription providers read (`transcription.*`); absent: none can be read. */
  readonly secrets?: TranscriptionSecrets;
  /** The operator's local engine (binary, model path, or a command for another engine); default: pocketsphinx from PATH. */
  readonly localEngine?: Partial<Omit<LocalProviderConfig, 'provider'>>;
  /** How the pipeline's steps retry transient failures (tests shorten the waits). */
  readonly stepRetries?: StepOptions;
  /** Batch size and parallelism of re-score jobs (tests make batches small). */
  readonly rescore?: RescoreOptions;
  /** The module's counters (conversations.metrics.ts); none counted when absent. */
  readonly metrics?: ConversationsMetrics;
}

/** The pipeline and the settings; the module adds recordings (which need the calls module). */
export function createConversationsModule(
  deps: ConversationsDeps,
): PlatformModule<Omit<ConversationsApi, 'recordings' | 'sources'>> {
  const transcribers = deps.transcribers ?? [];
  const transcriber = tenantTranscriberFactory({
    secrets: deps.secrets,
    localEngine: deps.localEngine ?? {},
  });
  const settings = createConversationSettings({
    database: deps.database,
    audit: deps.audit,
    installedProviders: transcribers.map((t) => t.name),
    transcriber,
  });
  const pipeline = createPipelineFeature({ ...deps, settings, transcribers, transcriber });
  const analysisConfig = createAnalysisConfig({ database: deps.database, audit: deps.audit });
  const previews = { database: deps.database, sealing: createSealing(deps.keyring), configs: analysisConfig };
  const reviews = createQaReviews({
    database: deps.database,
    sealing: createSealing(deps.keyring),
    audit: deps.audit,
  });
  const rescoreWorkflow = deps.workflows
    ? defineRescoreWorkflow(
        deps.workflows,
        createRescoreRunner({ database: deps.database, analyse: pipeline.analyse }, deps.rescore),
        deps.rescore?.retries,
      )
    : undefined;
  const results = createResults({
    database: deps.database,
    sealing: createSealing(deps.keyring),
    objects: deps.objects,
    audit: deps.audit,
  });
  return {
    api: { pipeline: pipeline.pipeline, settings, analysisConfig, results },
    routes: [
      pipeline.routes,
      { surface: 'internal', prefix: '/conversations', plugin: resultsRoutes(results) },
      {
        surface: 'internal',
        prefix: '/recordings',
        plugin: analysesRoutes({
          database: deps.database,
          sealing: createSealing(deps.keyring),
          audit: deps.audit,
          workflows: deps.workflows,
          workflow: pipeline.analysisWorkflow,
          reviews,
        }),
      },
      {
        surface: 'internal',
        prefix: '/recordings',
        plugin: qaReviewRoutes({ database: deps.database, reviews }),
      },
      { surface: 'internal', prefix: '/conversations/disputes', plugin: disputesRoutes(reviews) },
      {
        surface: 'internal',
        prefix: '/conversations/rescore',
        plugin: rescoreRoutes({
          database: deps.database,
          audit: deps.audit,
          workflows: deps.workflows,
          workflow: rescoreWorkflow,
        }),
      },
      {
        surface: 'internal',
        prefix: '/conversations',
        plugin: conversationSearchRoutes(
          createConversationSearch({ database: deps.database, sealing: createSealing(deps.keyring) }),
        ),
      },
      {
        surface: 'internal',
        prefix: '/conversations/settings',
        plugin: conversationSettingsRoutes(settings),
      },
      {
        surface: 'internal',
        prefix: `/conversations/${configKinds.insight_schema.path}`,
        plugin: analysisConfigRoutes(analysisConfig, 'insight_schema'),
      },
      {
        surface: 'internal',
        prefix: `/conversations/${configKinds.scorecard.path}`,
        plugin: analysisConfigRoutes(analysisConfig, 'scorecard', scorecardPreviewRoutes(previews)),
      },
      {
        surface: 'internal',
        prefix: `/conversations/${configKinds.category_set.path}`,
        plugin: analysisConfigRoutes(analysisConfig, 'category_set', categoriesPreviewRoutes(previews)),
      },
    ],
    handlers: [pipeline.handler],
    jobs: [pipeline.sweep],
  };
}

/**
 * Conversations: call recordings in (upload, pull connectors), the pipeline that decodes them,
 * measures the conversation, transcribes, redacts and stores a speaker-labelled transcript, and
 * the API over the results. Depends on calls to link a recording to its call record.
 */
export const conversationsModule = defineModule({
  name: 'conversations',
  migrations: conversationsMigrations,
  classification: conversationsClassification,
  dependsOn: [identityModule, callsModule],
  // Credentials named in the tenant's configuration: transcription providers' (transcription.*), the
  // LLM analyser's (llm.*) and
  // the pull connectors' (recorder.*, twilio.*, 3cx.*).
  secrets: { read: ['transcription.', 'llm.', ...SOURCE_SECRET_PREFIXES] },
  webhookEvents: [
    {
      type: transcriptReadyV1.type,
      description: 'A recording has a redacted transcript (its id, call and provider).',
    },
    {
      type: analysisCompletedV1.type,
      description:
        'A conversation was analysed: its grade and score, and the intents found with the phrase that triggered them (opt-out, complaint, cancel, callback, escalation, payment promise).',
    },
  ],
  settings: (config) => ({ publicUrl: config.http.publicUrl }),
  create: (deps): PlatformModule<ConversationsApi> => {
    const calls = deps.modules.calls.calls;
    const sealing = createSealing(deps.keyring);
    const metrics = createConversationsMetrics(deps.metrics);
    const recordings = createRecordings({
      metrics,
      database: deps.database,
      sealing,
      // Recordings announce themselves (conversations.recording.received.v1), not every object.
      objects: deps.quietObjects,
      bus: deps.bus,
      audit: deps.auditLog,
      matchCall: (ctx: RequestContext, query) => calls.matchRecording(ctx, query),
      signObjectUrl: (key, expiresInSeconds) => deps.signedObjectUrl(key, { expiresInSeconds }),
      publicUrl: deps.settings.publicUrl,
    });
    const sources = createRecordingSources({
      database: deps.database,
      audit: deps.auditLog,
      secrets: deps.secrets,
      recordings,
      logger: deps.logger,
      publicUrl: deps.settings.publicUrl,
      http: deps.fetch ? { fetch: deps.fetch } : undefined,
    });
    // A call's vCon export carries its recordings (signed links, audited) and transcripts.
    deps.modules.calls.vcon.register(
      'conversations',
      createRecordingVconContributor({
        database: deps.database,
        sealing,
        objects: deps.quietObjects,
        recordings,
      }),
    );
    // After the recordings: the summary, sentiment, QA evaluation and insights of their current analysis.
    deps.modules.calls.vcon.register(
      'conversations.analysis',
      createAnalysisVconContributor({ database: deps.database, sealing }),
    );
    const core = createConversationsModule({
      database: deps.database,
      keyring: deps.keyring,
      audit: deps.auditLog,
      bus: deps.bus,
      objects: deps.quietObjects,
      workflows: deps.workflows,
      logger: deps.logger,
      secrets: deps.secrets,
      metrics,
    });
    const dashboards = createQualityDashboards({
      database: deps.database,
      sealing,
      timeZoneOf: async (ctx) => (await deps.modules.identity.tenants.current(ctx)).timeZone,
    });
    const dashboardDeps = { dashboards, database: deps.database, audit: deps.auditLog };
    return {
      ...core,
      api: { ...core.api, recordings, sources },
      privacy: createConversationsPrivacy({
        database: deps.database,
        sealing,
        objects: deps.quietObjects,
        results: core.api.results,
        audit: deps.auditLog,
      }),
      routes: [
        { surface: 'internal', prefix: '/conversations/dashboard', plugin: dashboardRoutes(dashboardDeps) },
        { surface: 'internal', prefix: '/conversations/agents', plugin: agentScorecardRoutes(dashboardDeps) },
        {
          surface: 'internal',
          prefix: '/conversations/sources',
          plugin: recordingSourcesRoutes(sources, { publicUrl: deps.settings.publicUrl }),
        },
        { surface: 'internal', prefix: '/recordings', plugin: recordingsRoutes(recordings) },
        { surface: 'internal', prefix: '/calls', plugin: callRecordingsRoutes(recordings) },
        ...(core.routes ?? []),
      ],
      jobs: [
        ...(core.jobs ?? []),
        {
          kind: 'timer',
          name: 'conversations.upload-sweep',
          // Hourly: claims of uploads nobody completed, and what they stored, are removed.
          cron: '41 * * * *',
          run: async () => {
            await recordings.sweepLapsedUploads();
          },
        },
        {
          kind: 'timer',
          name: 'conversations.recording-sources',
          // Every minute: the sources whose interval has passed run (each under its own lease).
          cron: '* * * * *',
          missed: 'skip',
          run: async (run) => {
            const report = await sources.runDue(run.scheduledFor, run.runId);
            if (report.ran + report.busy > 0) deps.logger.info(report, 'recording sources ran');
          },
        },
      ],
    };
  },
});
