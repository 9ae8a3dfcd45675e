import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import type {
  CallAttemptsTable,
  CallReportsTable,
  CampaignLeadsTable,
  CampaignsTransaction,
  LeadStatus,
} from '../db/campaigns.tables.js';

export type AttemptRow = Selectable<CallAttemptsTable>;
export type HopperRow = Selectable<CampaignLeadsTable>;

/** Stores a report; undefined when the provider delivered this one before (same adapter and key). */
export async function insertReport(
  trx: CampaignsTransaction,
  row: Insertable<CallReportsTable>,
): Promise<{ id: string } | undefined> {
  return trx
    .insertInto('campaigns.call_reports')
    .values(row)
    .onConflict((oc) => oc.columns(['tenantId', 'adapter', 'reportKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** The attempt, locked: two reports of one call (a status and the end of call) apply in turn. */
export async function lockAttempt(trx: CampaignsTransaction, id: string): Promise<AttemptRow | undefined> {
  return trx
    .selectFrom('campaigns.call_attempts')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function lockAttemptByProviderCall(
  trx: CampaignsTransaction,
  adapter: string,
  providerCallId: string,
): Promise<AttemptRow | undefined> {
  return trx
    .selectFrom('campaigns.call_attempts')
    .selectAll()
    .where('adapter', '=', adapter)
    .where('providerCallId', '=', providerCallId)
    .orderBy('reservedAt', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateAttempt(
  trx: CampaignsTransaction,
  id: string,
  values: Updateable<CallAttemptsTable>,
): Promise<void> {
  await trx.updateTable('campaigns.call_attempts').set(values).where('id', '=', id).execute();
}

export async function campaignSettings(trx: CampaignsTransaction, campaignId: string): Promise<unknown> {
  const row = await trx
    .selectFrom('campaigns.campaigns')
    .select('settings')
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return row?.settings;
}

export async function lockHopperRow(
  trx: CampaignsTransaction,
  campaignId: string,
  leadId: string,
): Promise<HopperRow | undefined> {
  return trx
    .selectFrom('campaigns.campaign_leads')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('leadId', '=', leadId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateHopperRow(
  trx: CampaignsTransaction,
  campaignId: string,
  leadId: string,
  values: Updateable<CampaignLeadsTable>,
): Promise<void> {
  await trx
    .updateTable('campaigns.campaign_leads')
    .set({ ...values, updatedAt: sql<Date>`now()` })
    .where('campaignId', '=', campaignId)
    .where('leadId', '=', leadId)
    .execute();
}

/** Every lead of the tenant with this number (one per list), with its status. */
export async function leadsByPhone(
  trx: CampaignsTransaction,
  phoneIndex: Buffer,
): Promise<{ id: string; status: LeadStatus }[]> {
  return trx
    .selectFrom('campaigns.leads')
    .select(['id', 'status'])
    .where('phoneIndex', '=', phoneIndex)
    .forUpdate()
    .execute();
}

export async function findLeadForCall(
  trx: CampaignsTransaction,
  leadId: string,
): Promise<{ id: string; status: LeadStatus; phoneSealed: Buffer; phoneIndex: Buffer } | undefined> {
  return trx
    .selectFrom('campaigns.leads')
    .select(['id', 'status', 'phoneSealed', 'phoneIndex'])
    .where('id', '=', leadId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setLeadStatus(
  trx: CampaignsTransaction,
  leadId: string,
  status: LeadStatus,
): Promise<void> {
  await trx
    .updateTable('campaigns.leads')
    .set({ status, updatedAt: sql<Date>`now()` })
    .where('id', '=', leadId)
    .execute();
}

/** An opted-out number: every hopper row of its leads, in every campaign of the tenant, is done. */
export async function closeHopperRowsOfLeads(
  trx: CampaignsTransaction,
  leadIds: readonly string[],
  reason: string,
): Promise<number> {
  if (leadIds.length === 0) return 0;
  const result = await trx
    .updateTable('campaigns.campaign_leads')
    .set({
      state: 'done',
      finalReason: reason,
      nextDueAt: null,
      callbackAt: null,
      updatedAt: sql<Date>`now()`,
    })
    .where('leadId', 'in', leadIds)
    .where('state', '<>', 'done')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The first end-of-call report of an attempt (the one that was applied), sealed. */
export async function endOfCallReport(
  trx: CampaignsTransaction,
  attemptId: string,
): Promise<{ id: string; payloadSealed: Buffer } | undefined> {
  return trx
    .selectFrom('campaigns.call_reports')
    .select(['id', 'payloadSealed'])
    .where('attemptId', '=', attemptId)
    .where('kind', '=', 'end_of_call')
    .orderBy('receivedAt')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export interface DueAttempt {
  readonly id: string;
  readonly tenantId: string;
}

/**
 * Across tenants (the owner connection; ids only, each is then handled in its tenant): open
 * attempts without an end-of-call report whose reconcile time passed (or, when the dialer set
 * none, placed more than 30 minutes ago).
 */
export async function attemptsToReconcile(
  owner: Kysely<NoTables>,
  now: Date,
  limit: number,
): Promise<DueAttempt[]> {
  const { rows } = await sql<DueAttempt>`
    select id, tenant_id as "tenantId" from campaigns.call_attempts
    where state in ('placed', 'ringing', 'in_progress')
      and report_received_at is null and reconciled_at is null
      and (reconcile_after <= ${now}
        or (reconcile_after is null and placed_at <= ${new Date(now.getTime() - 30 * 60_000)}))
    order by coalesce(reconcile_after, placed_at)
    limit ${limit}`.execute(owner);
  return rows;
}

/** Ended attempts whose recording could not be filed yet (reconcile_after marks the next try). */
export async function recordingsToRetry(
  owner: Kysely<NoTables>,
  now: Date,
  limit: number,
): Promise<DueAttempt[]> {
  const { rows } = await sql<DueAttempt>`
    select id, tenant_id as "tenantId" from campaigns.call_attempts
    where state = 'ended' and recording_id is null and report_received_at is not null
      and reconcile_after <= ${now}
    order by reconcile_after
    limit ${limit}`.execute(owner);
  return rows;
}
