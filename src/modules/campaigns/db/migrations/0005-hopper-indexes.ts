/*
 * The dialer reads a list's due hopper rows longest-waiting first with the lead as tie-break, and
 * due callbacks by their time. The first index of 0003 stopped at next_due_at, so PostgreSQL
 * sorted every due row of a large list to take a page (2.1 s for 1,000 leads of a 1 M-row hopper
 * in bench:dialer); with the lead in the index the page is read in order and the scan stops.
 */
export const hopperIndexes = `
  DROP INDEX campaigns.campaign_leads_due;
  CREATE INDEX campaign_leads_due ON campaigns.campaign_leads (campaign_id, list_id, next_due_at NULLS FIRST, lead_id)
    WHERE state = 'pending';
  CREATE INDEX campaign_leads_callbacks ON campaigns.campaign_leads (campaign_id, callback_at, lead_id)
    WHERE state = 'pending' AND callback_at IS NOT NULL;
`;
