/*
 * A lead's time zone may come from its number's area code (US and Canadian numbers without a state:
 * src/modules/campaigns/leads/nanp-area-codes.ts), so the source column takes 'area_code'.
 */
export const areaCodeTimeZones = `
  ALTER TABLE campaigns.leads DROP CONSTRAINT leads_time_zone_source_check;
  ALTER TABLE campaigns.leads ADD CONSTRAINT leads_time_zone_source_check
    CHECK (time_zone_source IN ('field', 'subdivision', 'area_code', 'country', 'region_candidates'));
`;
