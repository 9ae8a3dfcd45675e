import { jsonCall, queryString } from '@/kit/json-api';

/*
 * The privacy module's data-subject requests as the console reads them (API-18.md, "Privacy (H6)"),
 * written by hand because the routes are built in parallel and are not yet in schema.gen.ts.
 *
 * TODO(lead, after the merge): switch to the generated types and the typed `api` client.
 */

export type RequestKind = 'access' | 'erasure' | 'restriction' | 'rectification';
export const requestKinds: readonly RequestKind[] = ['access', 'erasure', 'restriction', 'rectification'];

export type RequestStatus = 'received' | 'verifying' | 'in_progress' | 'completed' | 'rejected';
export const requestStatuses: readonly RequestStatus[] = [
  'received',
  'verifying',
  'in_progress',
  'completed',
  'rejected',
];

export type RequestChannel = 'portal' | 'console' | 'email' | 'phone';
export const requestChannels: readonly RequestChannel[] = ['console', 'email', 'phone', 'portal'];

export type VerificationMethod = 'signed_in' | 'email_link' | 'id_document' | 'callback' | 'other';
export const verificationMethods: readonly VerificationMethod[] = [
  'id_document',
  'callback',
  'email_link',
  'signed_in',
  'other',
];

export interface ModuleReport {
  readonly module: string;
  readonly erased: number;
  readonly kept: readonly { readonly what: string; readonly count: number; readonly reason: string }[];
}

export interface TrailStep {
  readonly at: string;
  /** `received`, `verified`, `extended`, `shredded`, `module_erased`, `exported`, `completed`, `rejected`… */
  readonly step: string;
  readonly actor: string | null;
  readonly note: string | null;
  /** Set on a module's step (its erasure or export). */
  readonly module?: string | null;
  readonly report?: ModuleReport | null;
}

export interface DataSubjectRequest {
  readonly id: string;
  readonly kind: RequestKind;
  readonly status: RequestStatus;
  /** Who it is about, masked by the server (`j•••@example.com`). */
  readonly subject: string;
  readonly customerId: string | null;
  readonly channel: RequestChannel;
  readonly receivedAt: string;
  readonly dueAt: string;
  readonly extendedDueAt: string | null;
  readonly completedAt: string | null;
  readonly verification: { readonly method: string; readonly verifiedAt: string } | null;
  readonly result: {
    readonly modules: readonly ModuleReport[];
    readonly exportExpiresAt: string | null;
  } | null;
  readonly note?: string | null;
  readonly rejectionReason?: string | null;
}

export interface RequestDetail extends DataSubjectRequest {
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

export const privacyApi = {
  list: (query: { status?: string; kind?: string; due_before?: string }, signal?: AbortSignal) =>
    jsonCall<{ items: readonly DataSubjectRequest[] } | readonly DataSubjectRequest[]>(
      'GET',
      `${base}${queryString(query)}`,
      { signal },
    ).then((answer) =>
      (Array.isArray(answer) ? answer : (answer as { items: readonly DataSubjectRequest[] }).items).map(
        normalise,
      ),
    ),
  get: (id: string, signal?: AbortSignal) =>
    jsonCall<RequestDetail>('GET', requestPath(id), { signal }).then(normalise),
  create: (input: CreateRequestInput) =>
    jsonCall<DataSubjectRequest>('POST', base, { body: input }).then(normalise),
  verify: (id: string, input: { method: string; note: string }) =>
    jsonCall<RequestDetail>('POST', `${requestPath(id)}/verify`, { body: input }),
  process: (id: string) => jsonCall<RequestDetail>('POST', `${requestPath(id)}/process`, { body: {} }),
  reject: (id: string, reason: string) =>
    jsonCall<RequestDetail>('POST', `${requestPath(id)}/reject`, { body: { reason } }),
  extend: (id: string, reason: string) =>
    jsonCall<RequestDetail>('POST', `${requestPath(id)}/extend`, { body: { reason } }),
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
