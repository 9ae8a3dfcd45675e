import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type {
  ColumnMappingsService,
  LeadDetail,
  LeadList,
  LeadListsService,
  LeadsService,
  LeadSummary,
  SavedColumnMapping,
} from '../contract.js';
import type { CampaignsTables } from '../db/campaigns.tables.js';
import { CampaignsErrors } from '../errors.js';
import { sealingAad, type CampaignsSealing } from '../sealing.js';
import { csvLine } from './lead-export.js';
import { allowedFrom, statusChangeAllowed } from './lead-status.js';
import { columnMappingSchema } from './lead-mapping.js';
import type { LeadPersonal } from './lead-row.js';
import {
  deleteList,
  deleteMapping,
  findLead,
  findList,
  findMapping,
  insertList,
  insertMapping,
  listLeads,
  listLists,
  listMappings,
  insertStatusHistory,
  statusHistory,
  updateLeadStatus,
  updateList,
  type ColumnMappingRow,
  type LeadListRow,
  type LeadRow,
  type StatusHistoryRow,
} from './leads.repo.js';

type Tables = CampaignsTables;

function toList(row: LeadListRow): LeadList {
  return {
    id: toPublicId('list', row.id),
    name: row.name,
    description: row.description,
    defaultRegion: row.defaultRegion,
    leadCount: row.leadCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toMapping(row: ColumnMappingRow): SavedColumnMapping {
  return {
    id: toPublicId('lmap', row.id),
    name: row.name,
    mapping: columnMappingSchema.parse(row.mapping),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function createLeadLists(deps: {
  readonly database: Database;
  readonly audit: AuditLog;
}): LeadListsService {
  const { database, audit } = deps;
  const uuidOf = (listId: string) => {
    const uuid = fromPublicId('list', listId);
    if (!uuid) throw CampaignsErrors.listNotFound();
    return uuid;
  };
  return {
    async create(ctx, input) {
      const row = await database.withTenant<Tables, LeadListRow | undefined>(ctx, async (trx) => {
        const inserted = await insertList(trx, {
          id: newUuid(),
          tenantId: ctx.tenantId,
          name: input.name,
          description: input.description ?? null,
          defaultRegion: input.defaultRegion ?? null,
        });
        if (inserted)
          await audit.append(trx, ctx, {
            action: 'leads.list.created',
            target: { type: 'lead_list', id: toPublicId('list', inserted.id) },
          });
        return inserted;
      });
      if (!row) throw CampaignsErrors.listNameTaken(input.name);
      return toList(row);
    },
    async list(ctx) {
      return (await database.withTenant<Tables, LeadListRow[]>(ctx, listLists)).map(toList);
    },
    async get(ctx, listId) {
      const uuid = uuidOf(listId);
      const row = await database.withTenant<Tables, LeadListRow | undefined>(ctx, (trx) =>
        findList(trx, uuid),
      );
      if (!row) throw CampaignsErrors.listNotFound();
      return toList(row);
    },
    async update(ctx, listId, input) {
      const uuid = uuidOf(listId);
      const row = await database.withTenant<Tables, LeadListRow | 'taken' | undefined>(ctx, async (trx) => {
        const updated = await updateList(trx, uuid, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.defaultRegion !== undefined ? { defaultRegion: input.defaultRegion } : {}),
        });
        if (updated && updated !== 'taken')
          await audit.append(trx, ctx, {
            action: 'leads.list.updated',
            target: { type: 'lead_list', id: listId },
            details: { changed: Object.keys(input) },
          });
        return updated;
      });
      if (row === 'taken') throw CampaignsErrors.listNameTaken(input.name ?? '');
      if (!row) throw CampaignsErrors.listNotFound();
      return toList(row);
    },
    async remove(ctx, listId) {
      const uuid = uuidOf(listId);
      const removed = await database.withTenant<Tables, boolean>(ctx, async (trx) => {
        const before = await findList(trx, uuid);
        const deleted = await deleteList(trx, uuid);
        if (deleted)
          await audit.append(trx, ctx, {
            action: 'leads.list.deleted',
            target: { type: 'lead_list', id: listId },
            details: { leads: before?.leadCount ?? 0 },
          });
        return deleted;
      });
      if (!removed) throw CampaignsErrors.listNotFound();
    },
  };
}

export function createColumnMappings(deps: {
  readonly database: Database;
  readonly audit: AuditLog;
}): ColumnMappingsService {
  const { database, audit } = deps;
  return {
    async save(ctx, name, mapping, field = 'body.name') {
      const row = await database.withTenant<Tables, ColumnMappingRow | undefined>(ctx, async (trx) => {
        const inserted = await insertMapping(trx, { id: newUuid(), tenantId: ctx.tenantId, name, mapping });
        if (inserted)
          await audit.append(trx, ctx, {
            action: 'leads.column_mapping.saved',
            target: { type: 'column_mapping', id: toPublicId('lmap', inserted.id) },
          });
        return inserted;
      });
      if (!row) throw CampaignsErrors.mappingNameTaken(field, name);
      return toMapping(row);
    },
    async list(ctx) {
      return (await database.withTenant<Tables, ColumnMappingRow[]>(ctx, listMappings)).map(toMapping);
    },
    async get(ctx, mappingId, field) {
      const uuid = fromPublicId('lmap', mappingId);
      const row = uuid
        ? await database.withTenant<Tables, ColumnMappingRow | undefined>(ctx, (trx) =>
            findMapping(trx, uuid),
          )
        : undefined;
      if (!row) throw CampaignsErrors.mappingNotFound(field);
      return toMapping(row);
    },
    async remove(ctx, mappingId) {
      const uuid = fromPublicId('lmap', mappingId);
      const removed = uuid
        ? await database.withTenant<Tables, boolean>(ctx, async (trx) => {
            const deleted = await deleteMapping(trx, uuid);
            if (deleted)
              await audit.append(trx, ctx, {
                action: 'leads.column_mapping.deleted',
                target: { type: 'column_mapping', id: mappingId },
              });
            return deleted;
          })
        : false;
      if (!removed) throw CampaignsErrors.mappingNotFound();
    },
  };
}

function encodeCursor(row: LeadRow): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
    throw CampaignsErrors.invalidFilter('query.cursor', 'is not a cursor this list gave');
  return { createdAt, id };
}

const EXPORT_COLUMNS = [
  'id',
  'list_id',
  'phone',
  'email',
  'status',
  'region',
  'subdivision',
  'time_zone',
  'title',
  'first_name',
  'middle_name',
  'last_name',
  'full_name',
  'address1',
  'address2',
  'address3',
  'city',
  'state',
  'province',
  'postal_code',
  'country',
  'external_id',
  'custom_fields',
  'created_at',
] as const;

export function createLeads(deps: {
  readonly database: Database;
  readonly sealing: CampaignsSealing;
  readonly audit: AuditLog;
}): LeadsService {
  const { database, sealing, audit } = deps;

  async function summary(ctx: RequestContext, row: LeadRow): Promise<LeadSummary> {
    return {
      id: toPublicId('lead', row.id),
      listId: toPublicId('list', row.listId),
      phone: await sealing.unseal(ctx.tenantId, row.phoneSealed, sealingAad.phone(row.id)),
      region: row.region,
      subdivision: row.subdivision,
      timeZone: row.timeZone,
      timeZoneCandidates: row.timeZoneCandidates,
      timeZoneSource: row.timeZoneSource,
      status: row.status,
      createdAt: row.createdAt,
    };
  }

  async function personalOf(ctx: RequestContext, row: LeadRow): Promise<LeadPersonal> {
    return JSON.parse(
      await sealing.unseal(ctx.tenantId, row.personalSealed, sealingAad.personal(row.id)),
    ) as LeadPersonal;
  }

  async function emailOf(ctx: RequestContext, row: LeadRow): Promise<string | null> {
    return row.emailSealed ? sealing.unseal(ctx.tenantId, row.emailSealed, sealingAad.email(row.id)) : null;
  }

  function listUuid(listId: string | undefined, field: string): string | undefined {
    if (listId === undefined) return undefined;
    const uuid = fromPublicId('list', listId);
    if (!uuid) throw CampaignsErrors.invalidFilter(field, 'is not a lead list id (list_...)');
    return uuid;
  }

  const service: LeadsService = {
    async query(ctx, query) {
      let phoneIndex: Buffer | undefined;
      if (query.phone !== undefined) {
        const parsed = parsePhoneNumberFromString(
          query.phone,
          query.region ? { defaultCountry: query.region as CountryCode } : undefined,
        );
        if (!parsed?.isValid())
          throw CampaignsErrors.invalidFilter(
            'query.phone',
            query.region
              ? `is not a valid number in ${query.region}`
              : 'is not a valid international number (+...); give query.region for a national one',
          );
        phoneIndex = (await sealing.forTenant(ctx.tenantId)).phoneIndex(parsed.number);
      }
      const emailIndex =
        query.email !== undefined
          ? (await sealing.forTenant(ctx.tenantId)).emailIndex(query.email.trim().toLowerCase())
          : undefined;
      const listId = listUuid(query.listId, 'query.listId');
      const rows = await database.withTenant<Tables, LeadRow[]>(ctx, (trx) =>
        listLeads(trx, {
          listId,
          phoneIndex,
          emailIndex,
          status: query.status,
          before: query.cursor ? decodeCursor(query.cursor) : undefined,
          limit: query.limit + 1,
        }),
      );
      const page = rows.slice(0, query.limit);
      return {
        leads: await Promise.all(page.map((row) => summary(ctx, row))),
        nextCursor:
          rows.length > query.limit && page.length > 0 ? encodeCursor(page.at(-1) as LeadRow) : null,
      };
    },

    async get(ctx, leadId) {
      const uuid = fromPublicId('lead', leadId);
      const found = uuid
        ? await database.withTenant<Tables, { row: LeadRow; history: StatusHistoryRow[] } | undefined>(
            ctx,
            async (trx) => {
              const row = await findLead(trx, uuid);
              return row ? { row, history: await statusHistory(trx, uuid) } : undefined;
            },
          )
        : undefined;
      if (!found) throw CampaignsErrors.leadNotFound();
      const { row, history } = found;
      const personal = await personalOf(ctx, row);
      const detail: LeadDetail = {
        ...(await summary(ctx, row)),
        email: await emailOf(ctx, row),
        title: personal.title ?? null,
        firstName: personal.firstName ?? null,
        middleName: personal.middleName ?? null,
        lastName: personal.lastName ?? null,
        fullName: personal.fullName ?? null,
        address: {
          lines: [personal.address1, personal.address2, personal.address3].filter(
            (line): line is string => line !== undefined,
          ),
          city: personal.city ?? null,
          state: personal.state ?? null,
          province: personal.province ?? null,
          postalCode: personal.postalCode ?? null,
          country: personal.country ?? null,
        },
        externalId: personal.externalId ?? null,
        customFields: personal.custom,
        importId: row.importId ? toPublicId('limp', row.importId) : null,
        sourceRow: row.sourceRow,
        statusHistory: history.map((h) => ({
          from: h.fromStatus,
          to: h.toStatus,
          reason: h.reason,
          actor: h.actor,
          at: h.createdAt,
        })),
      };
      return detail;
    },

    async exportCsv(ctx, filter) {
      const listId = listUuid(filter.listId, 'query.listId');
      if (listId) {
        const exists = await database.withTenant<Tables, boolean>(
          ctx,
          async (trx) => !!(await findList(trx, listId)),
        );
        if (!exists) throw CampaignsErrors.listNotFound('query.listId');
      }
      // Audited before the first byte leaves: an export that breaks off was still an export.
      await audit.record(ctx, {
        action: 'leads.exported',
        ...(filter.listId ? { target: { type: 'lead_list', id: filter.listId } } : {}),
        details: { format: 'csv', listId: filter.listId ?? null },
      });
      async function* lines(): AsyncGenerator<string> {
        yield csvLine(EXPORT_COLUMNS);
        let before: { createdAt: Date; id: string } | undefined;
        for (;;) {
          const rows = await database.withTenant<Tables, LeadRow[]>(ctx, (trx) =>
            listLeads(trx, { listId, before, limit: 500 }),
          );
          for (const row of rows) {
            const personal = await personalOf(ctx, row);
            const head = await summary(ctx, row);
            yield csvLine([
              head.id,
              head.listId,
              head.phone,
              (await emailOf(ctx, row)) ?? '',
              row.status,
              row.region ?? '',
              row.subdivision ?? '',
              row.timeZone ?? '',
              personal.title ?? '',
              personal.firstName ?? '',
              personal.middleName ?? '',
              personal.lastName ?? '',
              personal.fullName ?? '',
              personal.address1 ?? '',
              personal.address2 ?? '',
              personal.address3 ?? '',
              personal.city ?? '',
              personal.state ?? '',
              personal.province ?? '',
              personal.postalCode ?? '',
              personal.country ?? '',
              personal.externalId ?? '',
              Object.keys(personal.custom).length > 0 ? JSON.stringify(personal.custom) : '',
              row.createdAt.toISOString(),
            ]);
          }
          const last = rows.at(-1);
          if (!last || rows.length < 500) return;
          before = { createdAt: last.createdAt, id: last.id };
        }
      }
      return lines();
    },

    async changeStatus(ctx, leadId, change) {
      const uuid = fromPublicId('lead', leadId);
      if (!uuid) throw CampaignsErrors.leadNotFound();
      const actor = `${ctx.actor.type}:${ctx.actor.id}`;
      await database.withTenant<Tables, void>(ctx, async (trx) => {
        const row = await findLead(trx, uuid);
        if (!row) throw CampaignsErrors.leadNotFound();
        const from = row.status;
        if (
          !statusChangeAllowed(from, change.status) ||
          !(await updateLeadStatus(trx, uuid, from, change.status))
        )
          throw CampaignsErrors.statusChangeRefused(from, change.status, allowedFrom(from));
        await insertStatusHistory(trx, [
          {
            id: newUuid(),
            tenantId: ctx.tenantId,
            leadId: uuid,
            fromStatus: from,
            toStatus: change.status,
            reason: change.note ?? 'changed by hand',
            actor,
          },
        ]);
        // The note may name a person: the audit keeps the change, the history row keeps the note.
        await audit.append(trx, ctx, {
          action: 'leads.status.changed',
          target: { type: 'lead', id: leadId },
          details: { from, to: change.status },
        });
      });
      return service.get(ctx, leadId);
    },
  };
  return service;
}
