/** The leads page's address: `?leadId=lead_…` opens that lead's dialog, so other pages can link to a lead. */
export interface LeadsSearch {
  readonly leadId?: string;
}

const leadIdPattern = /^lead_[0-9A-Za-z]{1,64}$/;

/** validateSearch of /outbound/leads: anything that is not a lead id is dropped. */
export function leadsSearch(search: Record<string, unknown>): LeadsSearch {
  const leadId = search.leadId;
  return typeof leadId === 'string' && leadIdPattern.test(leadId) ? { leadId } : {};
}
