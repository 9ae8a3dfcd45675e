import { z } from 'zod';
import type {
  ImportPreview,
  LeadDetail,
  LeadImport,
  LeadImportDetail,
  LeadList,
  LeadSummary,
  SavedColumnMapping,
} from '../contract.js';
import { columnMappingSchema } from './lead-mapping.js';

/** Response schemas of the leads API (they feed the OpenAPI document) and the views that fill them. */

export const leadStatuses = [
  'new',
  'attempted',
  'contacted',
  'callback',
  'converted',
  'not_interested',
  'do_not_call',
  'invalid',
] as const;

export const regionSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals (US, GB, IN)');

export const leadListSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    defaultRegion: z.string().nullable(),
    leadCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'LeadList' });

export const leadSummarySchema = z
  .object({
    id: z.string(),
    listId: z.string(),
    phone: z.string().describe('E.164'),
    region: z.string().nullable(),
    subdivision: z.string().nullable().describe('ISO 3166-2 of the address (US-FL)'),
    timeZone: z.string().nullable(),
    timeZoneCandidates: z
      .array(z.string())
      .describe('Every zone the lead may be in: a calling window must hold in each'),
    timeZoneSource: z.enum(['field', 'subdivision', 'area_code', 'country', 'region_candidates']).nullable(),
    status: z.enum(leadStatuses),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'LeadSummary' });

export const leadDetailSchema = leadSummarySchema
  .extend({
    email: z.string().nullable(),
    title: z.string().nullable(),
    firstName: z.string().nullable(),
    middleName: z.string().nullable(),
    lastName: z.string().nullable(),
    fullName: z.string().nullable(),
    address: z.object({
      lines: z.array(z.string()),
      city: z.string().nullable(),
      state: z.string().nullable(),
      province: z.string().nullable(),
      postalCode: z.string().nullable(),
      country: z.string().nullable(),
    }),
    externalId: z.string().nullable(),
    customFields: z.record(z.string(), z.string()),
    importId: z.string().nullable(),
    sourceRow: z.number().int().nullable(),
    statusHistory: z.array(
      z.object({
        from: z.enum(leadStatuses).nullable(),
        to: z.enum(leadStatuses),
        reason: z.string(),
        actor: z.string(),
        at: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'LeadDetail' });

export const savedMappingSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    mapping: columnMappingSchema,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'SavedColumnMapping' });

export const leadImportSchema = z
  .object({
    id: z.string(),
    listId: z.string(),
    fileName: z.string(),
    sniffedType: z.enum(['csv', 'tsv', 'psv', 'ssv', 'xlsx']),
    sizeBytes: z.number().int(),
    state: z.enum(['queued', 'scanning', 'importing', 'completed', 'failed']),
    rowsRead: z.number().int(),
    rowsAccepted: z.number().int(),
    rowsRejected: z.number().int(),
    rowsDuplicate: z.number().int(),
    scan: z.object({
      result: z.enum(['clean', 'infected', 'error', 'not_configured']).nullable(),
      detail: z.string().nullable(),
    }),
    failureReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'LeadImport' });

export const leadImportDetailSchema = leadImportSchema
  .extend({
    rejections: z.array(z.object({ row: z.number().int(), field: z.string(), reason: z.string() })),
    nextRejectionsAfter: z.number().int().nullable(),
  })
  .meta({ id: 'LeadImportDetail' });

export const importPreviewSchema = z
  .object({
    sniffedType: z.enum(['csv', 'tsv', 'psv', 'ssv', 'xlsx']),
    delimiter: z.string().nullable().describe('null for an XLSX workbook'),
    header: z.array(z.string()).nullable(),
    rows: z.array(
      z.object({
        row: z.number().int(),
        raw: z.array(z.string()),
        lead: z
          .object({
            phone: z.string(),
            region: z.string().nullable(),
            subdivision: z.string().nullable(),
            timeZone: z.string().nullable(),
            timeZoneCandidates: z.array(z.string()),
            email: z.string().nullable(),
            fields: z.record(z.string(), z.string()),
            customFields: z.record(z.string(), z.string()),
          })
          .nullable(),
        rejection: z.object({ field: z.string(), reason: z.string() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'LeadImportPreview' });

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

export const views = {
  list: (list: LeadList) => ({ ...list, createdAt: iso(list.createdAt), updatedAt: iso(list.updatedAt) }),
  summary: (lead: LeadSummary) => ({
    ...lead,
    timeZoneCandidates: [...lead.timeZoneCandidates],
    createdAt: iso(lead.createdAt),
  }),
  detail: (lead: LeadDetail) => ({
    ...lead,
    timeZoneCandidates: [...lead.timeZoneCandidates],
    address: { ...lead.address, lines: [...lead.address.lines] },
    createdAt: iso(lead.createdAt),
    statusHistory: lead.statusHistory.map((h) => ({ ...h, at: iso(h.at) })),
  }),
  mapping: (saved: SavedColumnMapping) => ({
    ...saved,
    createdAt: iso(saved.createdAt),
    updatedAt: iso(saved.updatedAt),
  }),
  import: (job: LeadImport) => ({
    ...job,
    createdAt: iso(job.createdAt),
    startedAt: isoOrNull(job.startedAt),
    finishedAt: isoOrNull(job.finishedAt),
  }),
  importDetail: (job: LeadImportDetail) => ({
    ...job,
    rejections: [...job.rejections],
    createdAt: iso(job.createdAt),
    startedAt: isoOrNull(job.startedAt),
    finishedAt: isoOrNull(job.finishedAt),
  }),
  preview: (preview: ImportPreview) => ({
    ...preview,
    header: preview.header ? [...preview.header] : null,
    rows: preview.rows.map((row) => ({
      ...row,
      raw: [...row.raw],
      lead: row.lead ? { ...row.lead, timeZoneCandidates: [...row.lead.timeZoneCandidates] } : null,
    })),
  }),
};
