import type { AuditLog } from '../../platform/audit/index.js';
import type { RequestContext } from '../../platform/context.js';
import type { Bus } from '../../platform/bus/index.js';
import type { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import type { StepOptions, Workflows } from '../../platform/jobs/index.js';
import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { ObjectStore } from '../../platform/objects/index.js';
import type { Logger } from '../../platform/telemetry/index.js';
import { callsModule } from '../calls/index.js';
import type { RecordingsService } from './contract.js';
import { conversationsMigrations } from './db/migrations/index.js';
import { createPipelineFeature, installedTranscribers } from './pipeline/pipeline.feature.js';
import type { PipelineService } from './pipeline/pipeline.service.js';
import type { Transcriber } from './pipeline/transcriber.js';
import { callRecordingsRoutes, recordingsRoutes } from './recordings/recordings.routes.js';
import { createRecordings } from './recordings/recordings.service.js';
import { createRecordingVconContributor } from './recordings/recording-vcon.contributor.js';
import { createSealing } from './sealing.js';
import { conversationSettingsRoutes } from './settings/conversation-settings.routes.js';
import {
  createConversationSettings,
  type ConversationSettingsService,
} from './settings/conversation-settings.service.js';

/** What conversations offers other modules, the CLI and tests (`platform.modules.conversations`). */
export interface ConversationsApi {
  /** Recordings in (uploads, pull connectors through `begin`), and reads of them. */
  readonly recordings: RecordingsService;
  /** Runs of the recording pipeline (routes at /recordings/{id}/runs). */
  readonly pipeline: PipelineService;
  /** The tenant's transcription and redaction settings (routes at /conversations/settings). */
  readonly settings: ConversationSettingsService;
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
  /** Transcription providers in their default order (the energy-only fallback is added last). */
  readonly transcribers?: readonly Transcriber[];
  /** How the pipeline's steps retry transient failures (tests shorten the waits). */
  readonly stepRetries?: StepOptions;
}

/** The pipeline and the settings; the module adds recordings (which need the calls module). */
export function createConversationsModule(
  deps: ConversationsDeps,
): PlatformModule<Omit<ConversationsApi, 'recordings'>> {
  const transcribers = installedTranscribers(deps.transcribers ?? []);
  const settings = createConversationSettings({
    database: deps.database,
    audit: deps.audit,
    availableProviders: transcribers.map((t) => t.name),
  });
  const pipeline = createPipelineFeature({ ...deps, settings, transcribers });
  return {
    api: { pipeline: pipeline.pipeline, settings },
    routes: [
      pipeline.routes,
      {
        surface: 'internal',
        prefix: '/conversations/settings',
        plugin: conversationSettingsRoutes(settings),
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
  dependsOn: [callsModule],
  settings: (config) => ({ publicUrl: config.http.publicUrl }),
  create: (deps): PlatformModule<ConversationsApi> => {
    const calls = deps.modules.calls.calls;
    const sealing = createSealing(deps.keyring);
    const recordings = createRecordings({
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
    const core = createConversationsModule({
      database: deps.database,
      keyring: deps.keyring,
      audit: deps.auditLog,
      bus: deps.bus,
      objects: deps.quietObjects,
      workflows: deps.workflows,
      logger: deps.logger,
    });
    return {
      ...core,
      api: { ...core.api, recordings },
      routes: [
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
      ],
    };
  },
});
