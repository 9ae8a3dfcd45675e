import { ifMatch, jsonCall, queryString } from '@/kit/json-api';

import type { paths } from '@/api/schema.gen';
import type { Schema } from '@/api/types';

/*
 * The customers API as the console reads it: the OpenAPI document's types (schema.gen.ts) for what
 * the server declares, the rule tree of segments by hand (the document holds it as `unknown`: a
 * recursive schema), mirroring src/modules/customers/segments/segment-rules.ts. Every page of the
 * feature imports only from here.
 */

// --- shapes (dates are ISO strings on the wire) ------------------------------------------------

export type Customer = Schema<'Customer'>;
export type CustomerStatus = Customer['status'];
export type CustomerAddress = Schema<'CustomerAddress'>;
export type CustomerConsents = Schema<'CustomerConsents'>;
/** One entry of the consent history (append-only: granted / refused, withdrawn later). */
export type Consent = CustomerConsents['history'][number];
export type ConsentMethod = Consent['method'];

/** One line of the 360° timeline: a module's `find` result (SubjectDataRef), or a module that failed to answer. */
export type TimelineItem = Schema<'CustomerTimelineEntry'> & {
  /** Set on an error entry: the module could not answer (the rest of the timeline still shows). */
  readonly error?: string;
};

export interface TimelineError {
  readonly module: string;
  readonly message: string;
}

type TimelineAnswer =
  paths['/api/v1/customers/{customerId}/timeline']['get']['responses'][200]['content']['application/json'];

export interface Timeline {
  readonly items: readonly TimelineItem[];
  /** Modules that failed to answer (also accepted as items of kind `error`). */
  readonly errors?: TimelineAnswer['errors'];
  /** Pass as `before` for the next, older page; null at the end. */
  readonly nextBefore?: TimelineAnswer['nextBefore'];
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

// --- segments: a rule tree over facts (segment-rules.ts on the server) ------------------------

export type RuleOp = '>' | '>=' | '<' | '<=' | '=' | '!=';

/** The leaves the server takes: `since` is an ISO 8601 duration back from now (P90D), absent = all time. */
export type RuleLeaf =
  | { readonly fact: 'orders.count'; readonly since?: string; readonly op: RuleOp; readonly value: number }
  | {
      readonly fact: 'orders.total';
      readonly since?: string;
      readonly op: RuleOp;
      /** In major units of the currency. */
      readonly value: number;
      readonly currency: string;
    }
  | { readonly fact: 'orders.lastOrderAt'; readonly op: 'within' | 'not_within'; readonly value: string }
  | { readonly fact: 'customer.language'; readonly op: '=' | '!='; readonly value: string }
  | { readonly fact: 'consent'; readonly purpose: string; readonly op: '='; readonly value: boolean };

export type SegmentRule =
  | RuleLeaf
  | { readonly all: readonly SegmentRule[] }
  | { readonly any: readonly SegmentRule[] }
  | { readonly not: SegmentRule };

export type Segment = Omit<Schema<'CustomerSegment'>, 'rules'> & { readonly rules: SegmentRule };

export interface SegmentInput {
  readonly name: string;
  readonly description?: string | null;
  readonly rules: SegmentRule;
}

/** The privacy module's data classification: schema → table → column → {class, personal, field}. */
export type Classification =
  paths['/api/v1/privacy/classification']['get']['responses'][200]['content']['application/json'];

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
  /** The consent history, newest first. */
  consents: (customerId: string, signal?: AbortSignal) =>
    jsonCall<CustomerConsents>('GET', `${customerPath(customerId)}/consents`, { signal }).then((answer) =>
      [...answer.history].sort((a, b) => b.at.localeCompare(a.at)),
    ),
  timeline: (customerId: string, query: { before?: string; limit?: number }, signal?: AbortSignal) =>
    jsonCall<Timeline>('GET', `${customerPath(customerId)}/timeline${queryString(query)}`, { signal }),
  segments: (signal?: AbortSignal) =>
    jsonCall<{ items: readonly Segment[] } | readonly Segment[]>('GET', segmentsBase, { signal }).then(
      itemsOf,
    ),
  segment: (segmentId: string, signal?: AbortSignal) =>
    jsonCall<Segment>('GET', segmentPath(segmentId), { signal }),
  createSegment: (input: SegmentInput) => jsonCall<Segment>('POST', segmentsBase, { body: input }),
  updateSegment: (segmentId: string, input: SegmentInput) =>
    jsonCall<Segment>('PATCH', segmentPath(segmentId), { body: input }),
  deleteSegment: (segmentId: string) =>
    jsonCall<unknown>('DELETE', segmentPath(segmentId)).then(() => undefined),
  members: (segmentId: string, query: { cursor?: string; limit?: number }, signal?: AbortSignal) =>
    jsonCall<Page<Customer>>('GET', `${segmentPath(segmentId)}/members${queryString(query)}`, { signal }),
  /** Any signed-in employee may read it; the console masks what it marks restricted. */
  classification: (signal?: AbortSignal) =>
    jsonCall<Classification>('GET', '/api/v1/privacy/classification', { signal }),
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
