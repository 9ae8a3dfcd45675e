export type * from './contract.js';
export * from './events.js';
export {
  conversationsModule,
  createConversationsModule,
  type ConversationsApi,
  type ConversationsDeps,
} from './conversations.module.js';
export type {
  Transcriber,
  TranscribeRequest,
  TranscribeResult,
  TranscriberAudio,
  StepProvenance,
} from './pipeline/transcriber.js';
