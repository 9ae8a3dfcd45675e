import type { RequestContext } from '../../platform/context.js';
import { defineModule, type PlatformModule } from '../../platform/module.js';
import { callsModule } from '../calls/index.js';
import type { RecordingsService } from './contract.js';
import { conversationsMigrations } from './db/migrations/index.js';
import { callRecordingsRoutes, recordingsRoutes } from './recordings/recordings.routes.js';
import { createRecordings, type RecordingsDeps } from './recordings/recordings.service.js';
import { createSealing } from './sealing.js';

/** What conversations offers other modules, the CLI and tests (`platform.modules.conversations`). */
export interface ConversationsApi {
  /** Recordings in (uploads, pull connectors through `begin`), and reads of them. */
  readonly recordings: RecordingsService;
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
    const recordingsDeps: RecordingsDeps = {
      database: deps.database,
      sealing: createSealing(deps.keyring),
      // Recordings announce themselves (conversations.recording.received.v1), not every object.
      objects: deps.quietObjects,
      bus: deps.bus,
      audit: deps.auditLog,
      matchCall: (ctx: RequestContext, query) => calls.matchRecording(ctx, query),
      signObjectUrl: (key, expiresInSeconds) => deps.signedObjectUrl(key, { expiresInSeconds }),
      publicUrl: deps.settings.publicUrl,
    };
    const recordings = createRecordings(recordingsDeps);
    return {
      api: { recordings },
      routes: [
        { surface: 'internal', prefix: '/recordings', plugin: recordingsRoutes(recordings) },
        { surface: 'internal', prefix: '/calls', plugin: callRecordingsRoutes(recordings) },
      ],
      jobs: [
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
