import type { Schema } from '@/api/types';
import { searchText } from '@/kit/data-table';
import { quarantineCategories } from './quarantine.messages';

export const quarantineStatuses = ['open', 'replayed'] as const;
export type QuarantineStatus = (typeof quarantineStatuses)[number];

/** The quarantine's filters, in the address. No status given: the open ones (what needs work); `all`: both. */
export interface QuarantineSearch {
  readonly status: QuarantineStatus | 'all';
  readonly source?: string;
  /** Why the items were quarantined (the home page links here with one). */
  readonly category?: Schema<'QuarantineCategory'>;
}

export function quarantineSearch(search: Record<string, unknown>): QuarantineSearch {
  const status =
    search.status === 'all' || quarantineStatuses.includes(search.status as QuarantineStatus)
      ? (search.status as QuarantineStatus | 'all')
      : 'open';
  const source = searchText(search.source, 64);
  const category = quarantineCategories.find((c) => c === search.category);
  return { status, ...(source ? { source } : {}), ...(category ? { category } : {}) };
}
