import type { LeadStatus } from '../db/campaigns.tables.js';

/*
 * Which status a lead may be moved to by hand. Any status may become do_not_call (the person asked
 * not to be called); do_not_call is final, and so are converted and invalid except towards
 * do_not_call. A status change is only that: the tenant's do-not-call list is the suppression
 * list (POST /api/v1/campaigns/dnc), which the pre-dial check reads.
 */
const allowed: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  new: ['attempted', 'contacted', 'callback', 'converted', 'not_interested', 'invalid', 'do_not_call'],
  attempted: ['new', 'contacted', 'callback', 'converted', 'not_interested', 'invalid', 'do_not_call'],
  contacted: ['callback', 'converted', 'not_interested', 'invalid', 'do_not_call'],
  callback: ['new', 'attempted', 'contacted', 'converted', 'not_interested', 'invalid', 'do_not_call'],
  not_interested: ['new', 'callback', 'do_not_call'],
  converted: ['do_not_call'],
  invalid: ['do_not_call'],
  do_not_call: [],
};

export function statusChangeAllowed(from: LeadStatus, to: LeadStatus): boolean {
  return allowed[from].includes(to);
}

export function allowedFrom(from: LeadStatus): readonly LeadStatus[] {
  return allowed[from];
}
