import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import type {
  CallAttemptsTable,
  CampaignsTransaction,
  ConsentsTable,
  DncEntriesTable,
  LeadsTable,
} from '../db/campaigns.tables.js';

/*
 * What campaigns holds about one person, found by the blind indexes of their numbers and e-mail
 * addresses, and the writes of an erasure and a restriction. Consents are append-only and call
 * reports insert-only for the application: their erasure runs on the owner connection, for the
 * tenant's rows only.
 */

export type SubjectLead = Selectable<LeadsTable> & { readonly listName: string };
export type SubjectAttempt = Selectable<CallAttemptsTable> & { readonly campaignName: string };

/** Leads whose number or e-mail is one of the subject's, newest first. */
export async function leadsOfSubject(
  trx: CampaignsTransaction,
  phoneIndexes: readonly Buffer[],
  emailIndexes: readonly Buffer[],
): Promise<SubjectLead[]> {
  if (phoneIndexes.length === 0 && emailIndexes.length === 0) return [];
  return trx
    .selectFrom('campaigns.leads as l')
    .innerJoin('campaigns.lead_lists as ll', 'll.id', 'l.listId')
    .selectAll('l')
    .select('ll.name as listName')
    .where((eb) =>
      eb.or([
        ...(phoneIndexes.length > 0 ? [eb('l.phoneIndex', 'in', phoneIndexes)] : []),
        ...(emailIndexes.length > 0 ? [eb('l.emailIndex', 'in', emailIndexes)] : []),
      ]),
    )
    .orderBy('l.createdAt', 'desc')
    .orderBy('l.id', 'desc')
    .execute();
}

export async function attemptsOfLeads(
  trx: CampaignsTransaction,
  leadIds: readonly string[],
): Promise<SubjectAttempt[]> {
  if (leadIds.length === 0) return [];
  return trx
    .selectFrom('campaigns.call_attempts as a')
    .innerJoin('campaigns.campaigns as c', 'c.id', 'a.campaignId')
    .selectAll('a')
    .select('c.name as campaignName')
    .where('a.leadId', 'in', leadIds)
    .orderBy('a.reservedAt', 'desc')
    .execute();
}

export async function consentsOfNumbers(
  trx: CampaignsTransaction,
  phoneIndexes: readonly Buffer[],
): Promise<Selectable<ConsentsTable>[]> {
  if (phoneIndexes.length === 0) return [];
  return trx
    .selectFrom('campaigns.consents')
    .selectAll()
    .where('phoneIndex', 'in', phoneIndexes)
    .orderBy('givenAt', 'desc')
    .execute();
}

export async function dncEntriesOfNumbers(
  trx: CampaignsTransaction,
  phoneIndexes: readonly Buffer[],
): Promise<Selectable<DncEntriesTable>[]> {
  if (phoneIndexes.length === 0) return [];
  return trx
    .selectFrom('campaigns.dnc_entries')
    .selectAll()
    .where('phoneIndex', 'in', phoneIndexes)
    .orderBy('createdAt', 'desc')
    .execute();
}

/**
 * The lead keeps its place in lists and campaign figures, nothing about the person: a random
 * stand-in for its number's blind index (the list's uniqueness holds), an empty number and
 * personal fields sealed in place, no e-mail, no address-derived facts; pending hopper rows end.
 */
export async function anonymiseLead(
  trx: CampaignsTransaction,
  leadId: string,
  sealed: { readonly phone: Buffer; readonly personal: Buffer },
): Promise<void> {
  await trx
    .updateTable('campaigns.leads')
    .set({
      phoneIndex: randomBytes(32),
      phoneSealed: sealed.phone,
      emailIndex: null,
      emailSealed: null,
      personalSealed: sealed.personal,
      subdivision: null,
      timeZone: null,
      timeZoneCandidates: [],
      timeZoneSource: null,
      updatedAt: new Date(),
    })
    .where('id', '=', leadId)
    .execute();
  await trx
    .updateTable('campaigns.campaign_leads')
    .set({ state: 'done', finalReason: 'erased', nextDueAt: null, callbackAt: null, updatedAt: new Date() })
    .where('leadId', '=', leadId)
    .where('state', '=', 'pending')
    .execute();
  await trx
    .updateTable('campaigns.call_attempts')
    .set({ resultSealed: null })
    .where('leadId', '=', leadId)
    .execute();
}

/** The DNC entry stays to honour the opt-out, with its blind index only. */
export async function stripDncEntries(trx: CampaignsTransaction, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('campaigns.dnc_entries')
    .set({ phoneSealed: null, evidenceSealed: null })
    .where('id', 'in', ids)
    .execute();
}

/** Consents (append-only) and provider reports (insert-only) of the subject go on the owner connection. */
export async function deleteAppendOnly(
  owner: Kysely<NoTables>,
  tenantId: string,
  consentIds: readonly string[],
  attemptIds: readonly string[],
): Promise<void> {
  if (consentIds.length > 0)
    await sql`delete from campaigns.consents where tenant_id = ${tenantId} and id = any(${consentIds}::uuid[])`.execute(
      owner,
    );
  if (attemptIds.length > 0)
    await sql`delete from campaigns.call_reports where tenant_id = ${tenantId} and attempt_id = any(${attemptIds}::uuid[])`.execute(
      owner,
    );
}

export async function setRestrictions(
  trx: CampaignsTransaction,
  tenantId: string,
  phoneIndexes: readonly Buffer[],
  restricted: boolean,
): Promise<void> {
  if (phoneIndexes.length === 0) return;
  if (restricted) {
    await trx
      .insertInto('campaigns.processing_restrictions')
      .values(phoneIndexes.map((phoneIndex) => ({ tenantId, phoneIndex })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else {
    await trx
      .deleteFrom('campaigns.processing_restrictions')
      .where('phoneIndex', 'in', phoneIndexes)
      .execute();
  }
}
