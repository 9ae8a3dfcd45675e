import { authorisingFetch, session } from '@/api/client';
import { ApiError } from '@/api/problem';
import type { paths } from '@/api/schema.gen';
import type { Schema } from '@/api/types';

export type LeadList = Schema<'LeadList'>;
export type LeadSummary = Schema<'LeadSummary'>;
export type LeadDetail = Schema<'LeadDetail'>;
export type LeadStatus = LeadSummary['status'];
export type LeadImport = Schema<'LeadImport'>;
export type LeadImportDetail = Schema<'LeadImportDetail'>;
export type LeadImportState = LeadImport['state'];
export type LeadImportPreview = Schema<'LeadImportPreview'>;
export type ColumnMapping = Schema<'LeadColumnMappingInput'>;
export type MappingPreset = NonNullable<ColumnMapping['preset']>;
export type SavedColumnMapping = Schema<'SavedColumnMapping'>;
export type Consent = Schema<'Consent'>;
export type ConsentChannel = Consent['channel'];
export type ConsentSource = Consent['source'];
export type WithdrawalHow = NonNullable<Consent['withdrawnHow']>;
export type DncEntry = Schema<'DncEntry'>;
export type DncRegistryCopy = Schema<'DncRegistryCopy'>;
export type LeadsQuery = NonNullable<paths['/api/v1/campaigns/leads']['get']['parameters']['query']>;

export const leadStatuses: readonly LeadStatus[] = [
  'new',
  'attempted',
  'contacted',
  'callback',
  'converted',
  'not_interested',
  'do_not_call',
  'invalid',
];
export const consentChannels: readonly ConsentChannel[] = ['call', 'ai_voice', 'sms', 'email'];
export const consentSources: readonly ConsentSource[] = [
  'web_form',
  'paper',
  'verbal_recorded',
  'ivr',
  'sms_reply',
  'import',
  'api',
];
export const withdrawalHows: readonly WithdrawalHow[] = [
  'manual',
  'verbal_recorded',
  'web_form',
  'paper',
  'ivr',
  'sms_stop',
  'voice_agent',
  'opt_out_intent',
  'api',
];
/** The national registries the rule sets name (docs/campaigns-rules.md). */
export const registries = ['us-national-dnc', 'uk-tps'] as const;
export type Registry = (typeof registries)[number];
/** Past this age the pre-dial check refuses the region (`registry_stale`). */
export const registryMaxAgeDays = 31;

export const leadsKeys = {
  lists: ['leads', 'lists'] as const,
  leads: (query: object) => ['leads', 'leads', query] as const,
  lead: (id: string) => ['leads', 'lead', id] as const,
  imports: ['leads', 'imports'] as const,
  import: (id: string) => ['leads', 'import', id] as const,
  rejections: (id: string, state: string) => ['leads', 'import', id, 'rejections', state] as const,
  mappings: ['leads', 'column-mappings'] as const,
  consents: (phone: string, region: string) => ['leads', 'consents', phone, region] as const,
  dnc: (includeRemoved: boolean) => ['leads', 'dnc', includeRemoved] as const,
  registries: ['leads', 'dnc-registries'] as const,
};

/** The options part of an import or a preview (leads.routes.ts reads it first, then the file). */
export interface ImportOptions {
  readonly listId: string;
  readonly mapping?: ColumnMapping;
  readonly saveMappingAs?: string;
  readonly rows?: number;
}

async function send<T>(request: Request): Promise<T> {
  const response = await authorisingFetch(session)(request);
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw ApiError.fromResponse(response, body);
  return body as T;
}

function importForm(options: ImportOptions, file: File): FormData {
  const form = new FormData();
  form.append('options', new Blob([JSON.stringify(options)], { type: 'application/json' }), 'options.json');
  form.append('file', file, file.name);
  return form;
}

/** The preview reads at most 50 rows: a text file's first MiB is plenty, and a 200 MiB file need not travel twice. */
const previewBytes = 1024 * 1024;

/**
 * The head of a text file, cut after its last complete line, for the preview. A ZIP (an XLSX
 * workbook) is sent whole: a cut archive cannot be read.
 */
export async function previewHead(file: File): Promise<File> {
  if (file.size <= previewBytes) return file;
  const head = new Uint8Array(await file.slice(0, previewBytes).arrayBuffer());
  if (head[0] === 0x50 && head[1] === 0x4b) return file;
  const end = head.lastIndexOf(0x0a);
  return new File([head.slice(0, end > 0 ? end + 1 : head.length)], file.name, { type: file.type });
}

/** What the mapping makes of the file's first rows; nothing is stored. */
export async function previewImport(options: ImportOptions, file: File): Promise<LeadImportPreview> {
  return send(
    new Request('/api/v1/campaigns/leads/imports/preview', {
      method: 'POST',
      body: importForm(options, await previewHead(file)),
    }),
  );
}

/** Starts an import: the server answers 202 with the job, which then runs in the background. */
export function startImport(options: ImportOptions, file: File): Promise<LeadImport> {
  return send(
    new Request('/api/v1/campaigns/leads/imports', { method: 'POST', body: importForm(options, file) }),
  );
}

/** A national registry copy: the request body is the file of numbers itself. */
export function importRegistryCopy(input: {
  readonly registry: Registry;
  readonly region: string;
  readonly downloadedAt: string;
  readonly file: File;
}): Promise<DncRegistryCopy> {
  const query = new URLSearchParams({ region: input.region, downloadedAt: input.downloadedAt });
  return send(
    new Request(`/api/v1/campaigns/dnc-registries/${encodeURIComponent(input.registry)}/copies?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: input.file,
    }),
  );
}

/** The export's address: CSV of one list, or of every list. */
export function exportPath(listId: string | undefined): string {
  return listId
    ? `/api/v1/campaigns/leads/export?${new URLSearchParams({ listId }).toString()}`
    : '/api/v1/campaigns/leads/export';
}

/** The lead's name as a person reads it. */
export function leadName(lead: Pick<LeadDetail, 'fullName' | 'firstName' | 'lastName'>): string | undefined {
  const parts = [lead.firstName, lead.lastName].filter((p): p is string => Boolean(p));
  return lead.fullName ?? (parts.length ? parts.join(' ') : undefined);
}

/** A datetime-local input's value in the browser's zone, as the ISO instant the API takes. */
export function instantFromLocal(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Now, as a datetime-local input shows it (minutes). */
export function localNow(now: Date = new Date()): string {
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 16);
}
