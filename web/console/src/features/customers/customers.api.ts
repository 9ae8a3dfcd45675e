import { ifMatch, jsonCall, queryString } from '@/kit/json-api';

/*
 * The customers API as the console reads it (API-18.md, "Customers (H4)"), written by hand because
 * the routes are built in parallel and are not yet in schema.gen.ts.
 *
 * TODO(lead, after the merge): switch these types to the generated ones and the calls to the typed
 * `api` client. Keep this one file: every page of the feature imports only from here.
 */

// --- shapes (dates are ISO strings on the wire) ------------------------------------------------

export type CustomerStatus = 'active' | 'anonymised';

export interface Customer {
  readonly id: string;
  readonly userId: string | null;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly language: string | null;
  readonly status: CustomerStatus;
  readonly restricted: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastActivityAt: string | null;
  readonly version: number;
}

export interface CustomerAddress {
  readonly id: string;
  readonly label?: string | null;
  readonly name: string;
  readonly line1: string;
  readonly line2?: string | null;
  readonly city: string;
  readonly region?: string | null;
  readonly postalCode: string;
  readonly country: string;
  readonly phone?: string | null;
  readonly isDefault?: boolean;
}

export type ConsentMethod = 'portal' | 'phone' | 'email' | 'import' | 'console';

export interface Consent {
  readonly id: string;
  readonly purpose: string;
  readonly granted: boolean;
  readonly at: string;
  readonly method: ConsentMethod;
  readonly source: string | null;
  readonly withdrawnAt: string | null;
}

/** One line of the 360° timeline: a module's `find` result (SubjectDataRef), or a module that failed to answer. */
export interface TimelineItem {
  readonly module: string;
  readonly kind: string;
  readonly id: string;
  readonly at: string | null;
  readonly summary: string;
  readonly consolePath: string | null;
  /** Set on an error entry: the module could not answer (the rest of the timeline still shows). */
  readonly error?: string;
}

export interface TimelineError {
  readonly module: string;
  readonly message: string;
}

export interface Timeline {
  readonly items: readonly TimelineItem[];
  /** Modules that failed to answer (also accepted as items of kind `error`). */
  readonly errors?: readonly TimelineError[];
  /** Pass as `before` for the next, older page; null at the end. */
  readonly nextBefore?: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface CustomerPatch {
  readonly name?: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly language?: string | null;
}

// --- segments: a rule tree (all/any of conditions) --------------------------------------------

export type RuleOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'within_days';

export interface RuleCondition {
  readonly field: string;
  readonly op: RuleOperator;
  readonly value: string | number | boolean;
}

export type SegmentRule =
  { readonly all: readonly SegmentRule[] } | { readonly any: readonly SegmentRule[] } | RuleCondition;

export interface Segment {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly rule: SegmentRule;
  readonly memberCount: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface SegmentInput {
  readonly name: string;
  readonly description?: string | null;
  readonly rule: SegmentRule;
}

/** The privacy module's registry of column classes: module → table → column → class. */
export type Classification = Readonly<Record<string, unknown>>;

// --- calls ----------------------------------------------------------------------------------------

const base = '/api/v1/customers';
const segmentsBase = '/api/v1/customer-segments';
const customerPath = (customerId: string) => `${base}/${encodeURIComponent(customerId)}`;
const segmentPath = (segmentId: string) => `${segmentsBase}/${encodeURIComponent(segmentId)}`;

/** Lists come as `{ items }`; a bare array is read the same. */
const itemsOf = <T>(answer: { items: readonly T[] } | readonly T[]): readonly T[] =>
  Array.isArray(answer) ? answer : (answer as { items: readonly T[] }).items;

export const customersApi = {
  list: (query: { q?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    jsonCall<Page<Customer>>('GET', `${base}${queryString(query)}`, { signal }),
  get: (customerId: string, signal?: AbortSignal) =>
    jsonCall<Customer>('GET', customerPath(customerId), { signal }),
  update: (customerId: string, patch: CustomerPatch, version: number) =>
    jsonCall<Customer>('PATCH', customerPath(customerId), { body: patch, headers: ifMatch(version) }),
  addresses: (customerId: string, signal?: AbortSignal) =>
    jsonCall<{ items: readonly CustomerAddress[] } | readonly CustomerAddress[]>(
      'GET',
      `${customerPath(customerId)}/addresses`,
      { signal },
    ).then(itemsOf),
  consents: (customerId: string, signal?: AbortSignal) =>
    jsonCall<{ items: readonly Consent[] } | readonly Consent[]>(
      'GET',
      `${customerPath(customerId)}/consents`,
      { signal },
    ).then(itemsOf),
  timeline: (customerId: string, query: { before?: string; limit?: number }, signal?: AbortSignal) =>
    jsonCall<Timeline>('GET', `${customerPath(customerId)}/timeline${queryString(query)}`, { signal }),
  segments: (signal?: AbortSignal) =>
    jsonCall<{ items: readonly Segment[] } | readonly Segment[]>('GET', segmentsBase, { signal }).then(
      itemsOf,
    ),
  segment: (segmentId: string, signal?: AbortSignal) =>
    jsonCall<Segment>('GET', segmentPath(segmentId), { signal }),
  createSegment: (input: SegmentInput) => jsonCall<Segment>('POST', segmentsBase, { body: input }),
  updateSegment: (segmentId: string, input: SegmentInput, version: number) =>
    jsonCall<Segment>('PATCH', segmentPath(segmentId), { body: input, headers: ifMatch(version) }),
  deleteSegment: (segmentId: string) =>
    jsonCall<unknown>('DELETE', segmentPath(segmentId)).then(() => undefined),
  members: (segmentId: string, query: { cursor?: string; limit?: number }, signal?: AbortSignal) =>
    jsonCall<Page<Customer>>('GET', `${segmentPath(segmentId)}/members${queryString(query)}`, { signal }),
  /** Any signed-in employee may read it; the console masks what it marks restricted. */
  classification: (signal?: AbortSignal) =>
    jsonCall<{ modules?: Classification } & Record<string, unknown>>(
      'GET',
      '/api/v1/privacy/classification',
      {
        signal,
      },
    ).then((answer): Classification => answer.modules ?? answer),
};

export const customerKeys = {
  all: ['customers'] as const,
  list: (q: string) => ['customers', 'list', q] as const,
  one: (customerId: string) => ['customers', 'one', customerId] as const,
  addresses: (customerId: string) => ['customers', 'addresses', customerId] as const,
  consents: (customerId: string) => ['customers', 'consents', customerId] as const,
  timeline: (customerId: string) => ['customers', 'timeline', customerId] as const,
  segments: ['customers', 'segments'] as const,
  segment: (segmentId: string) => ['customers', 'segments', segmentId] as const,
  members: (segmentId: string) => ['customers', 'segments', segmentId, 'members'] as const,
  classification: ['privacy', 'classification'] as const,
};
