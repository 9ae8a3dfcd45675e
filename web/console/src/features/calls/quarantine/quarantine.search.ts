import { text } from '../calls.search';

export const quarantineStatuses = ['open', 'replayed'] as const;
export type QuarantineStatus = (typeof quarantineStatuses)[number];

/** The quarantine's filters, in the address. No status given: the open ones (what needs work); `all`: both. */
export interface QuarantineSearch {
  readonly status: QuarantineStatus | 'all';
  readonly source?: string;
}

export function quarantineSearch(search: Record<string, unknown>): QuarantineSearch {
  const status =
    search.status === 'all' || quarantineStatuses.includes(search.status as QuarantineStatus)
      ? (search.status as QuarantineStatus | 'all')
      : 'open';
  const source = text(search.source, 64);
  return source ? { status, source } : { status };
}
