export type * from './contract.js';
export * from './events.js';
export { notificationsModule, type NotificationsApi } from './notifications.module.js';
