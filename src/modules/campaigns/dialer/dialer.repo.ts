import { sql } from 'kysely';
import type {
  CallAttemptState,
  CallOutcome,
  CampaignLeadState,
  CampaignsTransaction,
  TimeZoneSource,
} from '../db/campaigns.tables.js';

/*
 * The dialer's SQL: the hopper (campaign_leads), the attempts it reserves, the skips it records.
 * Every function runs in the caller's withTenant transaction (RLS scopes it to one tenant).
 */

export interface CampaignRow {
  readonly id: string;
  readonly tenantId: string;
  readonly state: string;
  readonly settings: unknown;
  readonly pacingFactor: number;
  readonly startsAt: Date | null;
  readonly endsAt: Date | null;
}

export const campaignById = (trx: CampaignsTransaction, campaignId: string) =>
  trx
    .selectFrom('campaigns.campaigns')
    .select(['id', 'tenantId', 'state', 'settings', 'pacingFactor', 'startsAt', 'endsAt'])
    .where('id', '=', campaignId)
    .executeTakeFirst() as Promise<CampaignRow | undefined>;

export const campaignLists = (trx: CampaignsTransaction, campaignId: string) =>
  trx
    .selectFrom('campaigns.campaign_lists')
    .select(['listId', 'weight'])
    .where('campaignId', '=', campaignId)
    .orderBy('listId')
    .execute();

export interface HopperRow {
  readonly leadId: string;
  readonly listId: string;
  readonly attempts: number;
  readonly callbackAt: Date | null;
}

const hopperColumns = ['leadId', 'listId', 'attempts', 'callbackAt'] as const;

/** Pending rows whose callback is due, earliest first: they go before everything else. */
export const dueCallbacks = (trx: CampaignsTransaction, campaignId: string, now: Date, limit: number) =>
  trx
    .selectFrom('campaigns.campaign_leads')
    .select(hopperColumns)
    .where('campaignId', '=', campaignId)
    .where('state', '=', 'pending')
    .where('callbackAt', '<=', now)
    .where((eb) => eb.or([eb('nextDueAt', 'is', null), eb('nextDueAt', '<=', now)]))
    .orderBy('callbackAt')
    .orderBy('leadId')
    .limit(limit)
    .execute();

/**
 * One page of a list's due rows, longest-waiting first (never-tried rows, null, first), by the
 * partial index campaign_leads_due. `offset` skips the rows of earlier pages still due.
 */
export const dueRowsOfList = (
  trx: CampaignsTransaction,
  campaignId: string,
  listId: string,
  now: Date,
  offset: number,
  limit: number,
) =>
  trx
    .selectFrom('campaigns.campaign_leads')
    .select(hopperColumns)
    .where('campaignId', '=', campaignId)
    .where('listId', '=', listId)
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('nextDueAt', 'is', null), eb('nextDueAt', '<=', now)]))
    .orderBy(sql`next_due_at nulls first`)
    .orderBy('leadId')
    .offset(offset)
    .limit(limit)
    .execute();

export interface LeadRow {
  readonly id: string;
  readonly phoneSealed: Buffer;
  readonly phoneIndex: Buffer;
  readonly region: string | null;
  readonly subdivision: string | null;
  readonly timeZone: string | null;
  readonly timeZoneCandidates: string[];
  readonly timeZoneSource: TimeZoneSource | null;
}

export const leadsByIds = (trx: CampaignsTransaction, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([] as LeadRow[])
    : (trx
        .selectFrom('campaigns.leads')
        .select([
          'id',
          'phoneSealed',
          'phoneIndex',
          'region',
          'subdivision',
          'timeZone',
          'timeZoneCandidates',
          'timeZoneSource',
        ])
        .where('id', 'in', ids)
        .execute() as Promise<LeadRow[]>);

/** Of these numbers' blind indexes, those whose person restricted processing (GDPR Art. 18). */
export const restrictedIndexes = async (trx: CampaignsTransaction, indexes: readonly Buffer[]) =>
  indexes.length === 0
    ? []
    : (
        await trx
          .selectFrom('campaigns.processing_restrictions')
          .select('phoneIndex')
          .where('phoneIndex', 'in', indexes)
          .execute()
      ).map((row) => row.phoneIndex);

export const personalOf = (trx: CampaignsTransaction, leadId: string) =>
  trx.selectFrom('campaigns.leads').select(['personalSealed']).where('id', '=', leadId).executeTakeFirst();

export interface AttemptFactRow {
  readonly leadId: string;
  readonly at: Date;
  readonly outcome: CallOutcome | null;
}

/** This campaign's attempts on these leads: when (placed, else reserved) and how they ended. */
export const attemptsOfLeads = (trx: CampaignsTransaction, campaignId: string, leadIds: readonly string[]) =>
  leadIds.length === 0
    ? Promise.resolve([] as AttemptFactRow[])
    : (trx
        .selectFrom('campaigns.call_attempts')
        .select(['leadId', sql<Date>`coalesce(placed_at, reserved_at)`.as('at'), 'outcome'])
        .where('campaignId', '=', campaignId)
        .where('leadId', 'in', leadIds)
        .execute() as Promise<AttemptFactRow[]>);

export interface SkipWrite {
  readonly leadId: string;
  readonly reason: string;
  readonly detail: string;
  /** `pending` with the next check, or `done` with the final reason. */
  readonly state: Extract<CampaignLeadState, 'pending' | 'done'>;
  readonly nextDueAt: Date | null;
}

/** Records a batch of refusals: one dial_skips insert, one hopper update. */
export async function recordSkips(
  trx: CampaignsTransaction,
  tenantId: string,
  campaignId: string,
  now: Date,
  skips: readonly SkipWrite[],
): Promise<void> {
  if (skips.length === 0) return;
  await trx
    .insertInto('campaigns.dial_skips')
    .values(
      skips.map((s) => ({
        tenantId,
        campaignId,
        leadId: s.leadId,
        at: now,
        reason: s.reason,
        detail: s.detail.slice(0, 500),
      })),
    )
    .execute();
  const rows = sql.join(
    skips.map(
      (s) =>
        sql`(${s.leadId}::uuid, ${s.reason}, ${s.state}, ${s.nextDueAt}::timestamptz, ${s.state === 'done' ? s.reason : null})`,
    ),
  );
  await sql`
    update campaigns.campaign_leads c
       set last_skip_reason = v.reason, last_skip_at = ${now}, state = v.state,
           next_due_at = v.next_due_at, final_reason = coalesce(v.final_reason, c.final_reason),
           updated_at = now()
      from (values ${rows}) as v (lead_id, reason, state, next_due_at, final_reason)
     where c.campaign_id = ${campaignId} and c.lead_id = v.lead_id and c.state = 'pending'`.execute(trx);
}

/** Open attempts and those reserved since `since`: what pacing counts. */
export async function pacingCounts(trx: CampaignsTransaction, campaignId: string, since: Date) {
  const row = await trx
    .selectFrom('campaigns.call_attempts')
    .select([
      sql<string>`count(*) filter (where state in ('reserved', 'placed', 'ringing', 'in_progress'))`.as(
        'open',
      ),
      sql<string>`count(*) filter (where reserved_at > ${since})`.as('recent'),
    ])
    .where('campaignId', '=', campaignId)
    .where((eb) =>
      eb.or([
        eb('state', 'in', ['reserved', 'placed', 'ringing', 'in_progress']),
        eb('reservedAt', '>', since),
      ]),
    )
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), recent: Number(row.recent) };
}

/**
 * Reserves one attempt: the attempt row and the hopper row move together. Undefined when the lead
 * is no longer pending with that count (another dialer took it) or the key exists already.
 */
export async function reserveAttempt(
  trx: CampaignsTransaction,
  input: {
    readonly id: string;
    readonly tenantId: string;
    readonly campaignId: string;
    readonly leadId: string;
    readonly attemptNumber: number;
    readonly adapter: string;
    readonly now: Date;
  },
): Promise<string | undefined> {
  const hopper = await trx
    .updateTable('campaigns.campaign_leads')
    .set({ state: 'in_call', attempts: input.attemptNumber, lastAttemptAt: input.now, updatedAt: input.now })
    .where('campaignId', '=', input.campaignId)
    .where('leadId', '=', input.leadId)
    .where('state', '=', 'pending')
    .where('attempts', '=', input.attemptNumber - 1)
    .executeTakeFirst();
  if (hopper.numUpdatedRows === 0n) return undefined;
  const inserted = await trx
    .insertInto('campaigns.call_attempts')
    .values({
      id: input.id,
      tenantId: input.tenantId,
      campaignId: input.campaignId,
      leadId: input.leadId,
      attemptNumber: input.attemptNumber,
      idempotencyKey: `${input.campaignId}:${input.leadId}:${input.attemptNumber}`,
      adapter: input.adapter,
      state: 'reserved',
      reservedAt: input.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/**
 * The provider took the call. Its first report may have been applied already (a fast provider, the
 * simulator): the state then stays as the report left it, but when the call was placed is still
 * recorded here, since only the dialer knows.
 */
export const markPlaced = (trx: CampaignsTransaction, attemptId: string, providerCallId: string, now: Date) =>
  trx
    .updateTable('campaigns.call_attempts')
    .set({
      state: sql<CallAttemptState>`case when state = 'reserved' then 'placed' else state end`,
      providerCallId: sql<string>`coalesce(provider_call_id, ${providerCallId.slice(0, 256)})`,
      placedAt: sql<Date>`coalesce(placed_at, ${now})`,
    })
    .where('id', '=', attemptId)
    .execute();

/** The provider refused: the attempt is not_placed; the lead is due again after `nextDueAt`, or done. */
export async function markNotPlaced(
  trx: CampaignsTransaction,
  attempt: { readonly id: string; readonly campaignId: string; readonly leadId: string },
  reason: string,
  lead: { readonly nextDueAt: Date } | { readonly finalReason: string },
): Promise<void> {
  await trx
    .updateTable('campaigns.call_attempts')
    .set({ state: 'not_placed', failureReason: reason.slice(0, 1000), outcome: 'failed' })
    .where('id', '=', attempt.id)
    .where('state', '=', 'reserved')
    .execute();
  await trx
    .updateTable('campaigns.campaign_leads')
    .set(
      'nextDueAt' in lead
        ? { state: 'pending', nextDueAt: lead.nextDueAt, lastOutcome: 'failed', updatedAt: new Date() }
        : {
            state: 'done',
            finalReason: lead.finalReason.slice(0, 200),
            lastOutcome: 'failed',
            updatedAt: new Date(),
          },
    )
    .where('campaignId', '=', attempt.campaignId)
    .where('leadId', '=', attempt.leadId)
    .where('state', '=', 'in_call')
    .execute();
}

export const STALE_RESERVATION_REASON = 'the dialer stopped before the provider confirmed the call';

/**
 * The crash rule: attempts still `reserved` since before `olderThan` are never placed again; they
 * become not_placed (they still count) and their leads go back to pending after `nextDueAt`.
 */
export async function releaseStaleReservations(
  trx: CampaignsTransaction,
  campaignId: string,
  olderThan: Date,
  nextDueAt: Date,
): Promise<number> {
  const released = await trx
    .updateTable('campaigns.call_attempts')
    .set({ state: 'not_placed', failureReason: STALE_RESERVATION_REASON, outcome: 'failed' })
    .where('campaignId', '=', campaignId)
    .where('state', '=', 'reserved')
    .where('reservedAt', '<', olderThan)
    .returning('leadId')
    .execute();
  if (released.length === 0) return 0;
  await trx
    .updateTable('campaigns.campaign_leads')
    .set({ state: 'pending', nextDueAt, lastOutcome: 'failed', updatedAt: new Date() })
    .where('campaignId', '=', campaignId)
    .where(
      'leadId',
      'in',
      released.map((r) => r.leadId),
    )
    .where('state', '=', 'in_call')
    .execute();
  return released.length;
}

/** Abandoned ÷ (answered by a human + abandoned) since `since`, optionally for one region's leads. */
export async function abandonment(
  trx: CampaignsTransaction,
  campaignId: string,
  since: Date,
  region?: string,
): Promise<{ answered: number; abandoned: number }> {
  let query = trx
    .selectFrom('campaigns.call_attempts as a')
    .select([
      sql<string>`count(*) filter (where a.outcome = 'abandoned')`.as('abandoned'),
      sql<string>`count(*) filter (where a.answered_by = 'human' or a.outcome = 'abandoned')`.as('answered'),
    ])
    .where('a.campaignId', '=', campaignId)
    .where('a.reservedAt', '>=', since);
  if (region !== undefined) {
    query = query
      .innerJoin('campaigns.leads as l', 'l.id', 'a.leadId')
      .where((eb) => eb.or([eb('l.region', '=', region), eb('l.subdivision', 'like', `${region}-%`)]));
  }
  const row = await query.executeTakeFirstOrThrow();
  return { answered: Number(row.answered), abandoned: Number(row.abandoned) };
}

export const setPacingFactor = (trx: CampaignsTransaction, campaignId: string, factor: number) =>
  trx
    .updateTable('campaigns.campaigns')
    .set({ pacingFactor: factor, updatedAt: new Date() })
    .where('id', '=', campaignId)
    .execute();
