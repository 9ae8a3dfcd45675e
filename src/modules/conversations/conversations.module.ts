import type { AuditLog } from '../../platform/audit/index.js';
import type { Bus } from '../../platform/bus/index.js';
import type { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import type { StepOptions, Workflows } from '../../platform/jobs/index.js';
import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { ObjectStore } from '../../platform/objects/index.js';
import type { Logger } from '../../platform/telemetry/index.js';
import { conversationsMigrations } from './db/migrations/index.js';
import { createPipelineFeature, installedTranscribers } from './pipeline/pipeline.feature.js';
import type { PipelineService } from './pipeline/pipeline.service.js';
import type { Transcriber } from './pipeline/transcriber.js';
import { conversationSettingsRoutes } from './settings/conversation-settings.routes.js';
import {
  createConversationSettings,
  type ConversationSettingsService,
} from './settings/conversation-settings.service.js';

/** What conversations offers other modules, the CLI and tests (`platform.modules.conversations`). */
export interface ConversationsApi {
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

export function createConversationsModule(deps: ConversationsDeps): PlatformModule<ConversationsApi> {
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
  create: (deps) =>
    createConversationsModule({
      database: deps.database,
      keyring: deps.keyring,
      audit: deps.auditLog,
      bus: deps.bus,
      objects: deps.quietObjects,
      workflows: deps.workflows,
      logger: deps.logger,
    }),
});
