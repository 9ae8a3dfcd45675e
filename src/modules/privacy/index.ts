export type * from './contract.js';
export * from './events.js';
export { privacyModule, type PrivacyApi } from './privacy.module.js';
