import { jsonCall, queryString } from '@/kit/json-api';

import type { Schema } from '@/api/types';

/*
 * The privacy module's data-subject requests as the console reads them: the OpenAPI document's types
 * (schema.gen.ts); the lists of values are checked against them, so a value the server adds or drops
 * fails the console's typecheck instead of a page.
 */

type WireRequest = Schema<'PrivacyRequest'>;
/** A request with its trail as the server sends it. */
export type WireRequestWithTrail = Schema<'PrivacyRequestWithTrail'>;
type WireStep = WireRequestWithTrail['trail'][number];

export type RequestKind = WireRequest['kind'];
export const requestKinds = [
  'access',
  'erasure',
  'restriction',
  'rectification',
] as const satisfies readonly RequestKind[];

export type RequestStatus = WireRequest['status'];
export const requestStatuses = [
  'received',
  'verifying',
  'in_progress',
  'completed',
  'rejected',
] as const satisfies readonly RequestStatus[];

export type RequestChannel = WireRequest['channel'];
export const requestChannels = [
  'console',
  'email',
  'phone',
  'portal',
] as const satisfies readonly RequestChannel[];

export type VerificationMethod = NonNullable<WireRequest['verification']>['method'];
export const verificationMethods = [
  'id_document',
  'phone_callback',
  'email_confirmation',
  'known_customer',
  'sign_in',
  'other',
] as const satisfies readonly VerificationMethod[];

export type ModuleReport = NonNullable<WireRequest['result']>['modules'][number];

/** A step of the trail, with what the console shows of its details: a note or reason, a module's report. */
export interface TrailStep extends WireStep {
  readonly note: string | null;
  readonly report: ModuleReport | null;
}

export type DataSubjectRequest = WireRequest & {
  /** The staff's note, when the server sends one. */
  readonly note?: string | null;
};

export interface RequestDetail extends Omit<DataSubjectRequest, never> {
  readonly trail: readonly TrailStep[];
}

export interface CreateRequestInput {
  readonly kind: RequestKind;
  readonly customerId?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly channel: RequestChannel;
  readonly note?: string;
}

const base = '/api/v1/privacy/requests';
const requestPath = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** The server may name the subject summary `subject` or `subjectSummary`: the console reads either. */
function normalise<T extends DataSubjectRequest>(raw: T): T {
  const wire: { subject?: unknown; subjectSummary?: unknown } = raw;
  const subject =
    typeof wire.subject === 'string'
      ? wire.subject
      : typeof wire.subjectSummary === 'string'
        ? wire.subjectSummary
        : '';
  return { ...raw, subject };
}

const textOf = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);

/** A step's note (a verification note, a reason, a failure) and a module's erasure report from its details. */
export function stepOf(step: WireStep): TrailStep {
  const d = step.details;
  const note = textOf(d.note) ?? textOf(d.reason) ?? textOf(d.error) ?? textOf(d.message);
  const report =
    step.module && step.outcome === 'ok' && typeof d.erased === 'number' && Array.isArray(d.kept)
      ? { module: step.module, erased: d.erased, kept: d.kept as ModuleReport['kept'] }
      : null;
  return { ...step, note, report };
}

function withTrail(raw: WireRequestWithTrail): RequestDetail {
  return { ...normalise(raw), trail: raw.trail.map(stepOf) };
}

export const privacyApi = {
  /** The queue; the server filters by one status only (the kind and "open" are filtered here). */
  list: (query: { status?: RequestStatus; due_before?: string }, signal?: AbortSignal) =>
    jsonCall<{ items: readonly DataSubjectRequest[] }>('GET', `${base}${queryString(query)}`, {
      signal,
    }).then((answer) => answer.items.map(normalise)),
  get: (id: string, signal?: AbortSignal) =>
    jsonCall<WireRequestWithTrail>('GET', requestPath(id), { signal }).then(withTrail),
  create: (input: CreateRequestInput) =>
    jsonCall<WireRequestWithTrail>('POST', base, { body: input }).then(withTrail),
  verify: (id: string, input: { method: VerificationMethod; note: string }) =>
    jsonCall<WireRequestWithTrail>('POST', `${requestPath(id)}/verify`, { body: input }).then(withTrail),
  process: (id: string) =>
    jsonCall<WireRequestWithTrail>('POST', `${requestPath(id)}/process`).then(withTrail),
  reject: (id: string, reason: string) =>
    jsonCall<WireRequestWithTrail>('POST', `${requestPath(id)}/reject`, { body: { reason } }).then(withTrail),
  extend: (id: string, reason: string) =>
    jsonCall<WireRequestWithTrail>('POST', `${requestPath(id)}/extend`, { body: { reason } }).then(withTrail),
  download: (id: string) =>
    jsonCall<{ url: string; expiresAt: string }>('GET', `${requestPath(id)}/download`),
};

export const privacyKeys = {
  all: ['privacy', 'requests'] as const,
  list: (query: object) => ['privacy', 'requests', 'list', query] as const,
  one: (id: string) => ['privacy', 'requests', 'one', id] as const,
};

// --- deadlines ------------------------------------------------------------------------------------

const dayMs = 24 * 3600 * 1000;

export const isOpen = (status: RequestStatus) => status !== 'completed' && status !== 'rejected';

/** The deadline in force: the extended one when the request was extended (Art. 12(3)). */
export const deadlineOf = (r: DataSubjectRequest) => r.extendedDueAt ?? r.dueAt;

export type Deadline =
  | { readonly state: 'closed' }
  | { readonly state: 'overdue'; readonly days: number }
  | { readonly state: 'today' }
  | { readonly state: 'soon' | 'later'; readonly days: number };

/** Whole calendar days from `now` to the deadline; soon = within 7 days. */
export function deadline(r: DataSubjectRequest, now: number): Deadline {
  if (!isOpen(r.status)) return { state: 'closed' };
  const due = new Date(deadlineOf(r));
  const today = new Date(now);
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(due) - startOf(today)) / dayMs);
  if (due.getTime() < now && days <= 0)
    return days === 0 ? { state: 'overdue', days: 0 } : { state: 'overdue', days: -days };
  if (days === 0) return { state: 'today' };
  return { state: days <= 7 ? 'soon' : 'later', days };
}
