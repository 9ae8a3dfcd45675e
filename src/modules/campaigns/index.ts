export type * from './contract.js';
export * from './events.js';
export { campaignsModule, type CampaignsApi } from './campaigns.module.js';
