/** The campaigns module's door for benches and other modules' tests: the dialer's pieces, built by hand. */
export { campaignSettingsSchema } from '../campaigns/campaign-settings.js';
export type { CampaignsTables } from '../db/campaigns.tables.js';
export { createDialer } from '../dialer/dialer.service.js';
export { compileDncList } from '../dialing/dnc-matcher.js';
export { campaignFacts, preDialChecker, type Attempt, type LeadFacts } from '../dialing/pre-dial-check.js';
export { compileRuleBook } from '../dialing/rule-sets.js';
export { createSealing, sealingAad } from '../sealing.js';
