export type * from './contract.js';
export * from './events.js';
export { paymentsModule, type PaymentsApi } from './payments.module.js';
