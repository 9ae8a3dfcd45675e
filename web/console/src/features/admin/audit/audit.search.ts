import { datePresets, type DatePreset } from '@/kit/data-table';

/** The audit log's filters, kept in the address so a filtered view can be shared or bookmarked. */
export interface AuditSearch {
  readonly actor?: string;
  /** An exact action, or a prefix ending in a dot (`auth.`). */
  readonly action?: string;
  /** A period preset (today, last 7 days...), resolved in the tenant's zone when the log is read. */
  readonly range?: DatePreset;
  /** ISO date-times of a custom period. */
  readonly from?: string;
  readonly to?: string;
}

const text = (value: unknown, max = 200) =>
  typeof value === 'string' && value.trim() && value.length <= max ? value.trim() : undefined;
const instant = (value: unknown) => {
  const given = text(value, 40);
  return given && !Number.isNaN(Date.parse(given)) ? new Date(given).toISOString() : undefined;
};

export function auditSearch(search: Record<string, unknown>): AuditSearch {
  const range = datePresets.find((preset) => preset === search.range);
  return {
    actor: text(search.actor),
    action: text(search.action),
    ...(range ? { range } : { from: instant(search.from), to: instant(search.to) }),
  };
}
