/** The audit log's filters, kept in the address so a filtered view can be shared or bookmarked. */
export interface AuditSearch {
  readonly actor?: string;
  /** An exact action, or a prefix ending in a dot (`auth.`). */
  readonly action?: string;
  /** ISO date-times. */
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
  return {
    actor: text(search.actor),
    action: text(search.action),
    from: instant(search.from),
    to: instant(search.to),
  };
}
