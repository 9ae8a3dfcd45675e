import { z } from 'zod';
import type { SortDirection } from '../db/list-pages.js';

/*
 * Query and response pieces every keyset-paginated list of the API spells the same way: `sort`
 * as a key with a leading minus for descending, `total=true` for a count, the total's shape, and
 * opaque cursors (base64url of `|`-separated fields, which each list chooses).
 */

export type SortParam<K extends string> = K | `-${K}`;

/** Every sort parameter of `keys`: `startedAt`, `-startedAt`, `duration`, `-duration`. */
export function sortParams<const K extends string>(
  keys: readonly [K, ...K[]],
): [SortParam<K>, ...SortParam<K>[]] {
  return keys.flatMap((key) => [key, `-${key}`] as const) as [SortParam<K>, ...SortParam<K>[]];
}

/** `sort` as the API spells it: `duration` ascending, `-duration` descending. */
export function toSort<K extends string>(param: SortParam<K>): { key: K; direction: SortDirection } {
  return {
    key: param.replace(/^-/, '') as K,
    direction: param.startsWith('-') ? 'desc' : 'asc',
  };
}

/** `total=true|false` (default false) for a list of `things`. */
export const totalQueryParam = (things: string) =>
  z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe(
      `true: count the matching ${things} (exact up to 10,000, else the planner’s estimate with exact: false)`,
    );

/** The `total` of a page of `things`: null unless asked for. */
export const listTotalSchema = (things: string) =>
  z
    .object({
      count: z.number().int(),
      exact: z.boolean().describe('false: the planner’s estimate, because counting would be slow'),
    })
    .nullable()
    .describe(`How many ${things} match, when asked with total=true; else null`);

/** An opaque cursor of `fields` (none may contain `|`). */
export function encodeCursorFields(fields: readonly string[]): string {
  return Buffer.from(fields.join('|'), 'utf8').toString('base64url');
}

export function decodeCursorFields(text: string): string[] {
  return Buffer.from(text, 'base64url').toString('utf8').split('|');
}
