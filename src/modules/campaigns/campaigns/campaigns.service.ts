import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { FieldProblem } from '../../../platform/errors.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type {
  AbandonmentCounts,
  CallAttempt,
  Campaign,
  CampaignInput,
  CampaignsService,
  CampaignStats,
  HopperCounts,
} from '../contract.js';
import type { CampaignsTables, CampaignState, CampaignsTransaction } from '../db/campaigns.tables.js';
import { CampaignsErrors } from '../errors.js';
import { campaignStateChangedV1, type CampaignStateChanged } from '../events.js';
import { csvLine } from '../leads/lead-export.js';
import type { LeadPersonal } from '../leads/lead-row.js';
import { sealingAad, type CampaignsSealing } from '../sealing.js';
import { campaignSettingsSchema } from './campaign-settings.js';
import {
  abandonmentCounts,
  attemptsWithLeads,
  attemptTotals,
  campaignLists,
  completeWhenDrained,
  deleteCampaign,
  existingLists,
  fillHopper,
  findCampaign,
  hopperCounts,
  insertCampaign,
  listAttempts,
  listCampaigns,
  outcomeCounts,
  pendingCallbacks,
  replaceCampaignLists,
  skipCounts,
  transition,
  updateCampaign,
  type AttemptRow,
  type CampaignListRow,
  type CampaignRow,
  type HopperRow,
} from './campaigns.repo.js';
import { campaignUuid, isUuid } from './campaign-id.js';

type Tables = CampaignsTables;

const EMPTY_HOPPER: HopperCounts = { pending: 0, inCall: 0, done: 0 };
const ENDED: readonly CampaignState[] = ['completed', 'cancelled'];

/** The transitions a user asks for: which states each may start from, and where it goes. */
const TRANSITIONS = {
  start: { from: ['draft', 'paused'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  cancel: { from: ['draft', 'running', 'paused'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly CampaignState[]; to: CampaignState }>;
type Action = keyof typeof TRANSITIONS;

function toCampaign(
  row: CampaignRow,
  lists: readonly CampaignListRow[],
  hopper: HopperRow | undefined,
): Campaign {
  return {
    id: toPublicId('cmp', row.id),
    name: row.name,
    description: row.description,
    state: row.state,
    lists: lists.map((l) => ({
      listId: toPublicId('list', l.listId),
      name: l.name,
      weight: l.weight,
      leadCount: l.leadCount,
    })),
    // Stored as given: defaults are filled on reading, so a setting left out follows the product's default.
    settings: campaignSettingsSchema.parse(row.settings),
    pacingFactor: row.pacingFactor,
    priority: row.priority,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startedAt: row.startedAt,
    stoppedAt: row.stoppedAt,
    hopper: hopper ? { pending: hopper.pending, inCall: hopper.inCall, done: hopper.done } : EMPTY_HOPPER,
  };
}

function toAttempt(row: AttemptRow): CallAttempt {
  return {
    id: toPublicId('cat', row.id),
    leadId: toPublicId('lead', row.leadId),
    attemptNumber: row.attemptNumber,
    adapter: row.adapter,
    state: row.state,
    providerCallId: row.providerCallId,
    reservedAt: row.reservedAt,
    placedAt: row.placedAt,
    answeredAt: row.answeredAt,
    endedAt: row.endedAt,
    outcome: row.outcome,
    answeredBy: row.answeredBy,
    talkSeconds: row.talkSeconds,
    disposition: row.disposition,
    endedReason: row.endedReason,
    optOut: row.optOut,
    converted: row.converted,
    recordingId: row.recordingId,
  };
}

/** `cmp_...` from the edge; the dialer may pass the uuid it read from the table. */

function encodeCursor(row: { reservedAt: Date; id: string }): string {
  return Buffer.from(`${row.reservedAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { reservedAt: Date; id: string } {
  const [at = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const reservedAt = new Date(at);
  if (Number.isNaN(reservedAt.getTime()) || !isUuid(id))
    throw CampaignsErrors.invalidFilter('query.cursor', 'is not a cursor this list gave');
  return { reservedAt, id };
}

const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100);

const RESULT_COLUMNS = [
  'attempt_id',
  'lead_id',
  'list_id',
  'phone',
  'first_name',
  'last_name',
  'full_name',
  'attempt_number',
  'adapter',
  'state',
  'reserved_at',
  'placed_at',
  'answered_at',
  'ended_at',
  'outcome',
  'answered_by',
  'talk_seconds',
  'disposition',
  'ended_reason',
  'opt_out',
  'converted',
  'recording_id',
] as const;

export function createCampaigns(deps: {
  readonly database: Database;
  readonly sealing: CampaignsSealing;
  readonly audit: AuditLog;
  readonly bus: Bus;
}): CampaignsService {
  const { database, sealing, audit, bus } = deps;

  async function view(trx: CampaignsTransaction, row: CampaignRow): Promise<Campaign> {
    const [lists, hopper] = await Promise.all([campaignLists(trx, [row.id]), hopperCounts(trx, [row.id])]);
    return toCampaign(row, lists, hopper.get(row.id));
  }

  /** List ids parsed and checked against the tenant; every unknown one named by its place in the body. */
  async function resolveLists(
    trx: CampaignsTransaction,
    lists: CampaignInput['lists'],
  ): Promise<{ listId: string; weight: number }[]> {
    const invalid: FieldProblem[] = [];
    const seen = new Map<string, number>();
    const resolved = lists.map((l, i) => {
      const uuid = fromPublicId('list', l.listId);
      if (!uuid)
        invalid.push({ field: `body.lists.${i}.listId`, message: 'is not a lead list id (list_...)' });
      else if (seen.has(uuid))
        invalid.push({
          field: `body.lists.${i}.listId`,
          message: `names the list of body.lists.${seen.get(uuid)} again`,
        });
      else seen.set(uuid, i);
      return { listId: uuid ?? '', weight: l.weight ?? 1 };
    });
    if (invalid.length > 0) throw CampaignsErrors.invalidCampaign(invalid);
    const found = await existingLists(
      trx,
      resolved.map((l) => l.listId),
    );
    const unknown = resolved.flatMap((l, i) =>
      found.has(l.listId)
        ? []
        : [{ field: `body.lists.${i}.listId`, message: 'is not a lead list of this tenant' }],
    );
    if (unknown.length > 0) throw CampaignsErrors.campaignListsUnknown(unknown);
    return resolved;
  }

  function checkDates(startsAt: Date | null | undefined, endsAt: Date | null | undefined): void {
    if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime())
      throw CampaignsErrors.invalidCampaign([
        { field: 'body.endsAt', message: 'must be after body.startsAt' },
      ]);
  }

  async function publishState(
    trx: CampaignsTransaction,
    ctx: RequestContext,
    uuid: string,
    from: CampaignState,
    to: CampaignState,
  ): Promise<void> {
    const data: CampaignStateChanged = { campaignId: toPublicId('cmp', uuid), from, to };
    await bus.publish(trx, [{ type: campaignStateChangedV1.type, tenantId: ctx.tenantId, key: uuid, data }]);
    await audit.append(trx, ctx, {
      action: 'campaigns.campaign_state_changed',
      target: { type: 'campaign', id: data.campaignId },
      details: { from, to },
    });
  }

  async function move(ctx: RequestContext, campaignId: string, action: Action): Promise<Campaign> {
    const uuid = campaignUuid(campaignId);
    const { from, to } = TRANSITIONS[action];
    return database.withTenant<Tables, Campaign>(ctx, async (trx) => {
      const current = await findCampaign(trx, uuid, true);
      if (!current) throw CampaignsErrors.campaignNotFound();
      const was = await transition(trx, uuid, from, to);
      if (was === undefined) throw CampaignsErrors.campaignState(current.state, action, from);
      // Starting (or resuming) fills the hopper with the lists' leads it does not hold yet.
      const added = to === 'running' ? await fillHopper(trx, ctx.tenantId, uuid) : 0;
      await publishState(trx, ctx, uuid, was, to);
      if (added > 0 && action === 'start')
        await audit.append(trx, ctx, {
          action: 'campaigns.campaign_hopper_filled',
          target: { type: 'campaign', id: toPublicId('cmp', uuid) },
          details: { added },
        });
      const row = await findCampaign(trx, uuid);
      return view(trx, row as CampaignRow);
    });
  }

  async function stats(ctx: RequestContext, uuid: string, now: Date): Promise<CampaignStats> {
    const found = await database.withTenant<
      Tables,
      | (Omit<CampaignStats, 'abandonment' | 'pacing'> & {
          row: CampaignRow;
          abandonment: AbandonmentCounts;
        })
      | undefined
    >(ctx, async (trx) => {
      const row = await findCampaign(trx, uuid);
      if (!row) return undefined;
      const [totals, outcomes, skipsByReason, callbacks, hopper, abandonment] = await Promise.all([
        attemptTotals(trx, uuid),
        outcomeCounts(trx, uuid),
        skipCounts(trx, uuid),
        pendingCallbacks(trx, uuid),
        hopperCounts(trx, [uuid]),
        abandonmentCounts(trx, uuid, now),
      ]);
      const h = hopper.get(uuid);
      return {
        row,
        campaignId: toPublicId('cmp', uuid),
        state: row.state,
        at: now,
        ...totals,
        callbacks,
        skipsByReason,
        outcomes,
        hopper: h ? { pending: h.pending, inCall: h.inCall, done: h.done } : EMPTY_HOPPER,
        abandonment,
      };
    });
    if (!found) throw CampaignsErrors.campaignNotFound();
    const { row, abandonment, ...rest } = found;
    const settings = campaignSettingsSchema.parse(row.settings);
    const { callsPerMinute, maxConcurrent } = settings.pacing;
    return {
      ...rest,
      abandonment: {
        ...abandonment,
        rate30d: rate(abandonment.abandoned30d, abandonment.answered30d),
        rate24h: rate(abandonment.abandoned24h, abandonment.answered24h),
        limitPercent: settings.abandonment.limitPercent,
      },
      pacing: {
        callsPerMinute,
        maxConcurrent,
        factor: row.pacingFactor,
        effectiveCallsPerMinute: Math.round(callsPerMinute * row.pacingFactor * 100) / 100,
      },
    };
  }

  return {
    async create(ctx, input) {
      checkDates(input.startsAt, input.endsAt);
      return database.withTenant<Tables, Campaign>(ctx, async (trx) => {
        const lists = await resolveLists(trx, input.lists);
        const id = newUuid();
        const row = await insertCampaign(trx, {
          id,
          tenantId: ctx.tenantId,
          name: input.name,
          description: input.description ?? null,
          settings: input.settings,
          priority: input.priority ?? 0,
          startsAt: input.startsAt ?? null,
          endsAt: input.endsAt ?? null,
          createdBy: ctx.actor.id,
        });
        if (!row) throw CampaignsErrors.campaignNameTaken(input.name);
        await replaceCampaignLists(trx, ctx.tenantId, id, lists);
        await audit.append(trx, ctx, {
          action: 'campaigns.campaign_created',
          target: { type: 'campaign', id: toPublicId('cmp', id) },
          details: { lists: lists.length },
        });
        return view(trx, row);
      });
    },

    async list(ctx) {
      return database.withTenant<Tables, Campaign[]>(ctx, async (trx) => {
        const rows = await listCampaigns(trx);
        const ids = rows.map((r) => r.id);
        const [lists, hopper] = await Promise.all([campaignLists(trx, ids), hopperCounts(trx, ids)]);
        return rows.map((row) =>
          toCampaign(
            row,
            lists.filter((l) => l.campaignId === row.id),
            hopper.get(row.id),
          ),
        );
      });
    },

    async get(ctx, campaignId) {
      const uuid = campaignUuid(campaignId);
      return database.withTenant<Tables, Campaign>(ctx, async (trx) => {
        const row = await findCampaign(trx, uuid);
        if (!row) throw CampaignsErrors.campaignNotFound();
        return view(trx, row);
      });
    },

    async update(ctx, campaignId, input) {
      const uuid = campaignUuid(campaignId);
      return database.withTenant<Tables, Campaign>(ctx, async (trx) => {
        const current = await findCampaign(trx, uuid, true);
        if (!current) throw CampaignsErrors.campaignNotFound();
        if (ENDED.includes(current.state))
          throw CampaignsErrors.campaignState(current.state, 'a change', ['draft', 'running', 'paused']);
        checkDates(
          input.startsAt === undefined ? current.startsAt : input.startsAt,
          input.endsAt === undefined ? current.endsAt : input.endsAt,
        );
        const lists = input.lists ? await resolveLists(trx, input.lists) : undefined;
        const outcome = await updateCampaign(trx, uuid, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.settings !== undefined ? { settings: input.settings } : {}),
          ...(input.startsAt !== undefined ? { startsAt: input.startsAt } : {}),
          ...(input.endsAt !== undefined ? { endsAt: input.endsAt } : {}),
          ...(input.priority !== undefined ? { priority: input.priority } : {}),
        });
        if (outcome === 'taken') throw CampaignsErrors.campaignNameTaken(input.name ?? '');
        if (lists) {
          await replaceCampaignLists(trx, ctx.tenantId, uuid, lists);
          // A running campaign dials its new lists at once; leads of a list taken out stay in the hopper.
          if (current.state === 'running') await fillHopper(trx, ctx.tenantId, uuid);
        }
        await audit.append(trx, ctx, {
          action: 'campaigns.campaign_updated',
          target: { type: 'campaign', id: toPublicId('cmp', uuid) },
          details: { changed: Object.keys(input) },
        });
        return view(trx, (await findCampaign(trx, uuid)) as CampaignRow);
      });
    },

    async remove(ctx, campaignId) {
      const uuid = campaignUuid(campaignId);
      await database.withTenant<Tables, void>(ctx, async (trx) => {
        const current = await findCampaign(trx, uuid, true);
        if (!current) throw CampaignsErrors.campaignNotFound();
        if (current.state !== 'draft')
          throw CampaignsErrors.campaignState(current.state, 'delete', ['draft']);
        await deleteCampaign(trx, uuid);
        await audit.append(trx, ctx, {
          action: 'campaigns.campaign_deleted',
          target: { type: 'campaign', id: toPublicId('cmp', uuid) },
          details: { name: current.name },
        });
      });
    },

    start: (ctx, campaignId) => move(ctx, campaignId, 'start'),
    pause: (ctx, campaignId) => move(ctx, campaignId, 'pause'),
    resume: (ctx, campaignId) => move(ctx, campaignId, 'resume'),
    cancel: (ctx, campaignId) => move(ctx, campaignId, 'cancel'),

    async completeIfDrained(ctx, campaignId) {
      const uuid = campaignUuid(campaignId);
      return database.withTenant<Tables, boolean>(ctx, async (trx) => {
        const completed = await completeWhenDrained(trx, uuid);
        if (completed) await publishState(trx, ctx, uuid, 'running', 'completed');
        return completed;
      });
    },

    async syncHopper(ctx, campaignId) {
      const uuid = campaignUuid(campaignId);
      return database.withTenant<Tables, number>(ctx, (trx) => fillHopper(trx, ctx.tenantId, uuid));
    },

    async attempts(ctx, campaignId, query) {
      const uuid = campaignUuid(campaignId);
      const before = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await database.withTenant<Tables, AttemptRow[]>(ctx, async (trx) => {
        if (!(await findCampaign(trx, uuid))) throw CampaignsErrors.campaignNotFound();
        return listAttempts(trx, uuid, { outcome: query.outcome, before, limit: query.limit + 1 });
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        attempts: page.map(toAttempt),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
      };
    },

    campaignStats: (ctx, campaignId) => stats(ctx, campaignUuid(campaignId), new Date()),

    async abandonment(ctx, campaignId, now) {
      const uuid = campaignUuid(campaignId);
      return database.withTenant<Tables, AbandonmentCounts>(ctx, (trx) => abandonmentCounts(trx, uuid, now));
    },

    async resultsCsv(ctx: AuditContext, campaignId) {
      const uuid = campaignUuid(campaignId);
      const exists = await database.withTenant<Tables, boolean>(
        ctx,
        async (trx) => !!(await findCampaign(trx, uuid)),
      );
      if (!exists) throw CampaignsErrors.campaignNotFound();
      const publicId = toPublicId('cmp', uuid);
      // Audited before the first byte leaves: an export that breaks off was still an export.
      await audit.record(ctx, {
        action: 'campaigns.results_exported',
        target: { type: 'campaign', id: publicId },
        details: { format: 'csv' },
      });
      async function* lines(): AsyncGenerator<string> {
        yield csvLine(RESULT_COLUMNS);
        let after: { reservedAt: Date; id: string } | undefined;
        for (;;) {
          const rows = await database.withTenant<Tables, Awaited<ReturnType<typeof attemptsWithLeads>>>(
            ctx,
            (trx) => attemptsWithLeads(trx, uuid, after, 500),
          );
          for (const row of rows) {
            const [phone, personalJson] = await Promise.all([
              sealing.unseal(ctx.tenantId, row.phoneSealed, sealingAad.phone(row.leadId)),
              sealing.unseal(ctx.tenantId, row.personalSealed, sealingAad.personal(row.leadId)),
            ]);
            const personal = JSON.parse(personalJson) as LeadPersonal;
            yield csvLine([
              toPublicId('cat', row.id),
              toPublicId('lead', row.leadId),
              toPublicId('list', row.listId),
              phone,
              personal.firstName ?? '',
              personal.lastName ?? '',
              personal.fullName ?? '',
              String(row.attemptNumber),
              row.adapter,
              row.state,
              row.reservedAt.toISOString(),
              row.placedAt?.toISOString() ?? '',
              row.answeredAt?.toISOString() ?? '',
              row.endedAt?.toISOString() ?? '',
              row.outcome ?? '',
              row.answeredBy ?? '',
              row.talkSeconds === null ? '' : String(row.talkSeconds),
              row.disposition ?? '',
              row.endedReason ?? '',
              String(row.optOut),
              String(row.converted),
              row.recordingId ?? '',
            ]);
          }
          const last = rows.at(-1);
          if (!last || rows.length < 500) return;
          after = { reservedAt: last.reservedAt, id: last.id };
        }
      }
      return lines();
    },
  };
}
