export type * from './contract.js';
export * from './events.js';
export { conversationsModule, type ConversationsApi } from './conversations.module.js';
