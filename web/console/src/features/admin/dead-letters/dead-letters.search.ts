import { deadLetterCategories, type DeadLetterCategory } from './dead-letters.messages';

/** The dead-letter page's filters, in the address. No status given: the waiting ones (what needs work). */
export interface DeadLettersSearch {
  readonly status: 'waiting' | 'all';
  /** Why the letters failed (the home page links here with one). */
  readonly category?: DeadLetterCategory;
}

export function deadLettersSearch(search: Record<string, unknown>): DeadLettersSearch {
  const status = search.status === 'all' ? 'all' : 'waiting';
  const category = deadLetterCategories.find((c) => c === search.category);
  return category ? { status, category } : { status };
}
