export type * from './contract.js';
export * from './events.js';
export { webhooksModule, type WebhooksApi } from './webhooks.module.js';
