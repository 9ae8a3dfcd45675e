import { defineModule, type PlatformModule } from '../../platform/module.js';
import { conversationsMigrations } from './db/migrations/index.js';

/** What conversations offers other modules, the CLI and tests (`platform.modules.conversations`). */
export type ConversationsApi = Record<string, never>;

/**
 * Conversations: call recordings in (upload, pull connectors), the pipeline that decodes them,
 * measures the conversation, transcribes, redacts and stores a speaker-labelled transcript, and
 * the API over the results. Depends on calls to link a recording to its call record.
 */
export const conversationsModule = defineModule({
  name: 'conversations',
  migrations: conversationsMigrations,
  create: (): PlatformModule<ConversationsApi> => ({ api: {} }),
});
