/** The dead-letter page's filter, in the address. No status given: the waiting ones (what needs work). */
export interface DeadLettersSearch {
  readonly status: 'waiting' | 'all';
}

export function deadLettersSearch(search: Record<string, unknown>): DeadLettersSearch {
  return { status: search.status === 'all' ? 'all' : 'waiting' };
}
