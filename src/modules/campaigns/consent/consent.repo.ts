import type { Insertable, Selectable } from 'kysely';
import type { CampaignsTransaction, ConsentsTable, WithdrawalHow } from '../db/campaigns.tables.js';

export type ConsentRow = Selectable<ConsentsTable>;

export async function insertConsent(
  trx: CampaignsTransaction,
  row: Insertable<ConsentsTable>,
): Promise<ConsentRow> {
  return trx.insertInto('campaigns.consents').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function consentsByIndex(
  trx: CampaignsTransaction,
  phoneIndexes: readonly Buffer[],
): Promise<ConsentRow[]> {
  if (phoneIndexes.length === 0) return [];
  return trx
    .selectFrom('campaigns.consents')
    .selectAll()
    .where('phoneIndex', 'in', phoneIndexes)
    .orderBy('givenAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findConsent(trx: CampaignsTransaction, id: string): Promise<ConsentRow | undefined> {
  return trx.selectFrom('campaigns.consents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Fills in the withdrawal of records not withdrawn yet (the trigger refuses any other change). */
export async function withdrawConsents(
  trx: CampaignsTransaction,
  ids: readonly string[],
  withdrawal: { readonly at: Date; readonly how: WithdrawalHow; readonly by: string },
): Promise<ConsentRow[]> {
  if (ids.length === 0) return [];
  return trx
    .updateTable('campaigns.consents')
    .set({ withdrawnAt: withdrawal.at, withdrawnHow: withdrawal.how, withdrawnBy: withdrawal.by })
    .where('id', 'in', ids)
    .where('withdrawnAt', 'is', null)
    .returningAll()
    .execute();
}
