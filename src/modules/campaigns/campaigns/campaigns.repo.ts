import { sql, type Insertable, type Selectable } from 'kysely';
import type {
  CallAttemptsTable,
  CallOutcome,
  CampaignListsTable,
  CampaignsTable,
  CampaignState,
  CampaignsTransaction,
  LeadsTable,
} from '../db/campaigns.tables.js';

/** The SQL of campaigns, their lists, the hopper and the statistics; RLS narrows every query to the tenant. */

export type CampaignRow = Selectable<CampaignsTable>;
export type AttemptRow = Selectable<CallAttemptsTable>;
export interface CampaignListRow {
  readonly campaignId: string;
  readonly listId: string;
  readonly weight: number;
  readonly name: string;
  readonly leadCount: number;
}
export interface HopperRow {
  readonly campaignId: string;
  readonly pending: number;
  readonly inCall: number;
  readonly done: number;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** undefined when the name is taken. */
export async function insertCampaign(
  trx: CampaignsTransaction,
  row: Insertable<CampaignsTable>,
): Promise<CampaignRow | undefined> {
  try {
    return await trx
      .insertInto('campaigns.campaigns')
      .values({ ...row, settings: JSON.stringify(row.settings) })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

export async function findCampaign(
  trx: CampaignsTransaction,
  id: string,
  forUpdate = false,
): Promise<CampaignRow | undefined> {
  const query = trx.selectFrom('campaigns.campaigns').selectAll().where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function listCampaigns(trx: CampaignsTransaction): Promise<CampaignRow[]> {
  return trx
    .selectFrom('campaigns.campaigns')
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** 'taken' when the new name is another campaign's. */
export async function updateCampaign(
  trx: CampaignsTransaction,
  id: string,
  changes: Partial<Pick<CampaignsTable, 'name' | 'description' | 'settings' | 'startsAt' | 'endsAt'>> & {
    priority?: number;
  },
): Promise<'ok' | 'taken'> {
  try {
    await trx
      .updateTable('campaigns.campaigns')
      .set({
        ...changes,
        ...(changes.settings !== undefined ? { settings: JSON.stringify(changes.settings) } : {}),
        updatedAt: new Date(),
      })
      .where('id', '=', id)
      .execute();
    return 'ok';
  } catch (error) {
    if (isUniqueViolation(error)) return 'taken';
    throw error;
  }
}

export async function deleteCampaign(trx: CampaignsTransaction, id: string): Promise<void> {
  await trx.deleteFrom('campaigns.campaigns').where('id', '=', id).execute();
}

/** Moves the campaign to `to` when it is in one of `from`; answers the state it was in, or undefined. */
export async function transition(
  trx: CampaignsTransaction,
  id: string,
  from: readonly CampaignState[],
  to: CampaignState,
): Promise<CampaignState | undefined> {
  const before = await findCampaign(trx, id, true);
  if (!before || !from.includes(before.state)) return undefined;
  const now = new Date();
  await trx
    .updateTable('campaigns.campaigns')
    .set({
      state: to,
      updatedAt: now,
      ...(to === 'running' && before.startedAt === null ? { startedAt: now } : {}),
      ...(to === 'running' ? { stoppedAt: null } : {}),
      ...(to === 'completed' || to === 'cancelled' || to === 'paused' ? { stoppedAt: now } : {}),
    })
    .where('id', '=', id)
    .execute();
  return before.state;
}

/**
 * running -> completed in one statement, when the hopper has no lead pending nor in call and no
 * attempt is open. Answers whether it completed.
 */
export async function completeWhenDrained(trx: CampaignsTransaction, id: string): Promise<boolean> {
  const result = await sql`
    update campaigns.campaigns c set state = 'completed', stopped_at = now(), updated_at = now()
    where c.id = ${id} and c.state = 'running'
      and not exists (select 1 from campaigns.campaign_leads h
                      where h.campaign_id = c.id and h.state in ('pending', 'in_call'))
      and not exists (select 1 from campaigns.call_attempts a
                      where a.campaign_id = c.id and a.state in ('reserved', 'placed', 'ringing', 'in_progress'))`.execute(
    trx,
  );
  return (result.numAffectedRows ?? 0n) > 0n;
}

// lists

export async function replaceCampaignLists(
  trx: CampaignsTransaction,
  tenantId: string,
  campaignId: string,
  lists: readonly { listId: string; weight: number }[],
): Promise<void> {
  await trx.deleteFrom('campaigns.campaign_lists').where('campaignId', '=', campaignId).execute();
  if (lists.length === 0) return;
  const rows: Insertable<CampaignListsTable>[] = lists.map((l) => ({
    tenantId,
    campaignId,
    listId: l.listId,
    weight: l.weight,
  }));
  await trx.insertInto('campaigns.campaign_lists').values(rows).execute();
}

/** Which of these list uuids are lists of the tenant. */
export async function existingLists(trx: CampaignsTransaction, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await trx
    .selectFrom('campaigns.lead_lists')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function campaignLists(
  trx: CampaignsTransaction,
  campaignIds: readonly string[],
): Promise<CampaignListRow[]> {
  if (campaignIds.length === 0) return [];
  return trx
    .selectFrom('campaigns.campaign_lists as cl')
    .innerJoin('campaigns.lead_lists as l', 'l.id', 'cl.listId')
    .select(['cl.campaignId', 'cl.listId', 'cl.weight', 'l.name'])
    .select((eb) =>
      eb
        .selectFrom('campaigns.leads as d')
        .whereRef('d.listId', '=', 'cl.listId')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('leadCount'),
    )
    .where('cl.campaignId', 'in', [...campaignIds])
    .orderBy('l.name')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, leadCount: r.leadCount ?? 0 })));
}

// the hopper

/**
 * Adds to the hopper every lead of the campaign's lists that is not in it yet, leaving out leads
 * marked do_not_call or invalid. One INSERT … SELECT: the leads are read by their list index
 * (tenant_id, list_id, …) and the anti-join probes the hopper's primary key (campaign_id, lead_id),
 * so a pass over lists already in the hopper writes nothing. Answers how many were added.
 */
export async function fillHopper(
  trx: CampaignsTransaction,
  tenantId: string,
  campaignId: string,
): Promise<number> {
  // A list synced before is read from a little before its last sync: a lead's created_at is its
  // import transaction's start, which may have committed after that sync ran.
  const result = await sql`
    insert into campaigns.campaign_leads (tenant_id, campaign_id, lead_id, list_id)
    select ${tenantId}::uuid, cl.campaign_id, l.id, l.list_id
    from campaigns.campaign_lists cl
    join campaigns.leads l on l.tenant_id = ${tenantId}::uuid and l.list_id = cl.list_id
      and (cl.synced_at is null or l.created_at >= cl.synced_at - interval '10 minutes')
    where cl.campaign_id = ${campaignId}
      and l.status not in ('do_not_call', 'invalid')
      and not exists (select 1 from campaigns.campaign_leads h
                      where h.campaign_id = cl.campaign_id and h.lead_id = l.id)
    on conflict (campaign_id, lead_id) do nothing`.execute(trx);
  await sql`update campaigns.campaign_lists set synced_at = now() where campaign_id = ${campaignId}`.execute(
    trx,
  );
  return Number(result.numAffectedRows ?? 0n);
}

export async function hopperCounts(
  trx: CampaignsTransaction,
  campaignIds: readonly string[],
): Promise<Map<string, HopperRow>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('campaigns.campaign_leads')
    .select('campaignId')
    .select([
      sql<number>`count(*) filter (where state = 'pending')::int`.as('pending'),
      sql<number>`count(*) filter (where state = 'in_call')::int`.as('inCall'),
      sql<number>`count(*) filter (where state = 'done')::int`.as('done'),
    ])
    .where('campaignId', 'in', [...campaignIds])
    .groupBy('campaignId')
    .execute();
  return new Map(rows.map((r) => [r.campaignId, r]));
}

// attempts

export async function listAttempts(
  trx: CampaignsTransaction,
  campaignId: string,
  filter: {
    readonly outcome?: CallOutcome | undefined;
    readonly before?: { readonly reservedAt: Date; readonly id: string } | undefined;
    readonly limit: number;
  },
): Promise<AttemptRow[]> {
  let query = trx.selectFrom('campaigns.call_attempts').selectAll().where('campaignId', '=', campaignId);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  const before = filter.before;
  if (before)
    query = query.where((eb) =>
      eb.or([
        eb('reservedAt', '<', before.reservedAt),
        eb.and([eb('reservedAt', '=', before.reservedAt), eb('id', '<', before.id)]),
      ]),
    );
  return query.orderBy('reservedAt', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export type AttemptWithLead = AttemptRow &
  Pick<Selectable<LeadsTable>, 'listId' | 'phoneSealed' | 'personalSealed'>;

/** A page of attempts with the sealed number and names of their lead, oldest first (for the export). */
export async function attemptsWithLeads(
  trx: CampaignsTransaction,
  campaignId: string,
  after: { readonly reservedAt: Date; readonly id: string } | undefined,
  limit: number,
): Promise<AttemptWithLead[]> {
  let query = trx
    .selectFrom('campaigns.call_attempts as a')
    .innerJoin('campaigns.leads as l', 'l.id', 'a.leadId')
    .selectAll('a')
    .select(['l.listId', 'l.phoneSealed', 'l.personalSealed'])
    .where('a.campaignId', '=', campaignId);
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('a.reservedAt', '>', after.reservedAt),
        eb.and([eb('a.reservedAt', '=', after.reservedAt), eb('a.id', '>', after.id)]),
      ]),
    );
  return query.orderBy('a.reservedAt').orderBy('a.id').limit(limit).execute();
}

// statistics

export interface AttemptTotals {
  readonly dialled: number;
  readonly connected: number;
  readonly answeredByMachine: number;
  readonly talkSeconds: number;
  readonly conversions: number;
  readonly optOuts: number;
  readonly inCall: number;
  readonly abandoned: number;
}

/** One pass over the campaign's attempts (index call_attempts_by_campaign). */
export async function attemptTotals(trx: CampaignsTransaction, campaignId: string): Promise<AttemptTotals> {
  const { rows } = await sql<AttemptTotals>`
    select
      count(*) filter (where placed_at is not null)::int as dialled,
      count(*) filter (where answered_at is not null)::int as connected,
      count(*) filter (where answered_by = 'machine')::int as "answeredByMachine",
      coalesce(sum(talk_seconds), 0)::int as "talkSeconds",
      count(*) filter (where converted)::int as conversions,
      count(*) filter (where opt_out)::int as "optOuts",
      count(*) filter (where state in ('reserved', 'placed', 'ringing', 'in_progress'))::int as "inCall",
      count(*) filter (where outcome = 'abandoned')::int as abandoned
    from campaigns.call_attempts where campaign_id = ${campaignId}`.execute(trx);
  return rows[0] as AttemptTotals;
}

export async function outcomeCounts(
  trx: CampaignsTransaction,
  campaignId: string,
): Promise<Record<string, number>> {
  const { rows } = await sql<{ outcome: string; n: number }>`
    select outcome, count(*)::int as n from campaigns.call_attempts
    where campaign_id = ${campaignId} and outcome is not null group by outcome`.execute(trx);
  return Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
}

export async function skipCounts(
  trx: CampaignsTransaction,
  campaignId: string,
): Promise<Record<string, number>> {
  const { rows } = await sql<{ reason: string; n: number }>`
    select reason, count(*)::int as n from campaigns.dial_skips
    where campaign_id = ${campaignId} group by reason`.execute(trx);
  return Object.fromEntries(rows.map((r) => [r.reason, r.n]));
}

export async function pendingCallbacks(trx: CampaignsTransaction, campaignId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from campaigns.campaign_leads
    where campaign_id = ${campaignId} and state <> 'done' and callback_at is not null`.execute(trx);
  return rows[0]?.n ?? 0;
}

/**
 * Calls answered by a person (abandoned calls are, by definition) and abandoned calls, over the
 * 30 days and the 24 hours before `now`, by the time the attempt was reserved: the range reads
 * the index (campaign_id, reserved_at).
 */
export async function abandonmentCounts(
  trx: CampaignsTransaction,
  campaignId: string,
  now: Date,
): Promise<{ answered30d: number; abandoned30d: number; answered24h: number; abandoned24h: number }> {
  const since30d = new Date(now.getTime() - 30 * 86_400_000);
  const since24h = new Date(now.getTime() - 86_400_000);
  const { rows } = await sql<{
    answered30d: number;
    abandoned30d: number;
    answered24h: number;
    abandoned24h: number;
  }>`
    select
      count(*) filter (where answered_by = 'human' or outcome = 'abandoned')::int as "answered30d",
      count(*) filter (where outcome = 'abandoned')::int as "abandoned30d",
      count(*) filter (where (answered_by = 'human' or outcome = 'abandoned') and reserved_at > ${since24h})::int as "answered24h",
      count(*) filter (where outcome = 'abandoned' and reserved_at > ${since24h})::int as "abandoned24h"
    from campaigns.call_attempts
    where campaign_id = ${campaignId} and reserved_at > ${since30d} and reserved_at <= ${now}`.execute(trx);
  return rows[0] ?? { answered30d: 0, abandoned30d: 0, answered24h: 0, abandoned24h: 0 };
}
