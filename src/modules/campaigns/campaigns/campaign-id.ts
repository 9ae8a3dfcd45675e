import { fromPublicId } from '../../../platform/ids.js';
import { CampaignsErrors } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The campaign's uuid from its public id (`cmp_…`) or the uuid itself (the dialer, timers); 404 otherwise. */
export function campaignUuid(campaignId: string): string {
  const uuid = UUID.test(campaignId) ? campaignId.toLowerCase() : fromPublicId('cmp', campaignId);
  if (!uuid) throw CampaignsErrors.campaignNotFound();
  return uuid;
}

export const isUuid = (value: string) => UUID.test(value);
