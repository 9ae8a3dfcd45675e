import { compactSearch, searchOneOrMore, searchText } from '@/kit/data-table';
import { orderStatuses, type OrdersQuery } from './orders.api';

/**
 * The orders board's filters, kept in the address so a filtered board can be shared, bookmarked and
 * saved as a view. Names are the API's (`GET /api/v1/orders`): amounts are minor units, as the API
 * reads them; `currency` is the console's own (the currency the amount fields are typed in).
 */
export interface OrdersSearch {
  /** Comma-separated statuses. */
  readonly status?: string;
  /** Calendar days YYYY-MM-DD (from inclusive, to inclusive). */
  readonly placedFrom?: string;
  readonly placedTo?: string;
  /** Minor units. */
  readonly totalMin?: number;
  readonly totalMax?: number;
  readonly currency?: string;
  readonly email?: string;
  readonly number?: string;
  readonly sku?: string;
  readonly customerId?: string;
  /** Board layout: the table (default) or columns by status. */
  readonly layout?: 'table' | 'columns';
}

export const filterKeys = [
  'status',
  'placedFrom',
  'placedTo',
  'totalMin',
  'totalMax',
  'email',
  'number',
  'sku',
  'customerId',
] as const satisfies readonly (keyof OrdersSearch)[];

export type FilterKey = (typeof filterKeys)[number];

const day = (value: unknown) => {
  const given = searchText(value, 10);
  if (!given || !/^\d{4}-\d{2}-\d{2}$/.test(given)) return undefined;
  const date = new Date(`${given}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(given) ? given : undefined;
};

const minor = (value: unknown) => {
  const text = typeof value === 'number' ? String(value) : searchText(value, 16);
  if (!text || !/^\d{1,15}$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
};

const currency = (value: unknown) => {
  const given = searchText(value, 3);
  return given && /^[A-Z]{3}$/.test(given) ? given : undefined;
};

/** validateSearch of /orders: anything malformed in the address is dropped, not an error page. */
export function ordersSearch(search: Record<string, unknown>): OrdersSearch {
  return compactSearch({
    status: searchOneOrMore(search.status, orderStatuses),
    placedFrom: day(search.placedFrom),
    placedTo: day(search.placedTo),
    totalMin: minor(search.totalMin),
    totalMax: minor(search.totalMax),
    currency: currency(search.currency),
    email: searchText(search.email, 320),
    number: searchText(search.number, 40),
    sku: searchText(search.sku, 100),
    customerId: searchText(search.customerId, 64),
    layout: search.layout === 'columns' ? ('columns' as const) : undefined,
  });
}

export function isFiltered(search: OrdersSearch): boolean {
  return filterKeys.some((key) => search[key] !== undefined);
}

/**
 * The filters as the API takes them. Days become instants: from the start of `placedFrom` to the
 * start of the day after `placedTo`, in the reader's zone.
 */
export function apiQuery(search: OrdersSearch): OrdersQuery {
  return compactSearch({
    status: search.status,
    placedFrom: search.placedFrom ? startOfDay(search.placedFrom, 0) : undefined,
    placedTo: search.placedTo ? startOfDay(search.placedTo, 1) : undefined,
    totalMin: search.totalMin,
    totalMax: search.totalMax,
    email: search.email,
    number: search.number,
    sku: search.sku,
    customerId: search.customerId,
  });
}

function startOfDay(dayText: string, plusDays: number): string {
  const [y, m, d] = dayText.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** A saved view's filters: the address's values as strings (layout and currency included). */
export function viewFilters(search: OrdersSearch): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(search)) if (value !== undefined) filters[key] = String(value);
  return filters;
}

/** The same filters, whatever order their keys are in: which saved view is the board showing. */
export function sameFilters(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const keys = (o: object) => Object.keys(o).sort().join('|');
  return keys(a) === keys(b) && Object.entries(a).every(([k, v]) => b[k] === v);
}
