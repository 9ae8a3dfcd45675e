/** The leads page's address: `?leadId=lead_…` opens that lead's dialog, so other pages can link to a lead. */
export interface LeadsSearch {
  readonly leadId?: string;
}

const leadIdPattern = /^lead_[0-9A-Za-z]{1,64}$/;

/**
 * validateSearch of /outbound/leads: anything that is not a lead id is dropped. The key is always
 * returned: the router lays the validated search over the address's raw one, so a key left out
 * would keep the raw value.
 */
export function leadsSearch(search: Record<string, unknown>): LeadsSearch {
  const leadId = search.leadId;
  return { leadId: typeof leadId === 'string' && leadIdPattern.test(leadId) ? leadId : undefined };
}
