import type { Insertable, Selectable } from 'kysely';
import type {
  CampaignsTransaction,
  DncEntriesTable,
  DncRegistryCopiesTable,
} from '../db/campaigns.tables.js';

export type DncEntryRow = Selectable<DncEntriesTable>;
export type RegistryCopyRow = Selectable<DncRegistryCopiesTable>;

/** Inserts an entry unless an active one has its number or pattern; undefined then. */
export async function insertEntry(
  trx: CampaignsTransaction,
  row: Insertable<DncEntriesTable>,
): Promise<DncEntryRow | undefined> {
  const insert = trx.insertInto('campaigns.dnc_entries').values(row);
  const guarded =
    row.phoneIndex != null
      ? insert.onConflict((oc) =>
          oc
            .columns(['tenantId', 'phoneIndex'])
            .where('removedAt', 'is', null)
            .where('phoneIndex', 'is not', null)
            .doNothing(),
        )
      : insert.onConflict((oc) =>
          oc
            .columns(['tenantId', 'pattern'])
            .where('removedAt', 'is', null)
            .where('pattern', 'is not', null)
            .doNothing(),
        );
  return guarded.returningAll().executeTakeFirst();
}

export async function activeByIndex(
  trx: CampaignsTransaction,
  phoneIndexes: readonly Buffer[],
): Promise<DncEntryRow[]> {
  if (phoneIndexes.length === 0) return [];
  return trx
    .selectFrom('campaigns.dnc_entries')
    .selectAll()
    .where('phoneIndex', 'in', phoneIndexes)
    .where('removedAt', 'is', null)
    .execute();
}

export async function activeByPattern(
  trx: CampaignsTransaction,
  pattern: string,
): Promise<DncEntryRow | undefined> {
  return trx
    .selectFrom('campaigns.dnc_entries')
    .selectAll()
    .where('pattern', '=', pattern)
    .where('removedAt', 'is', null)
    .executeTakeFirst();
}

export async function activePatterns(trx: CampaignsTransaction): Promise<DncEntryRow[]> {
  return trx
    .selectFrom('campaigns.dnc_entries')
    .selectAll()
    .where('pattern', 'is not', null)
    .where('removedAt', 'is', null)
    .execute();
}

export async function removeEntry(
  trx: CampaignsTransaction,
  id: string,
  removal: { readonly by: string; readonly reason: string },
): Promise<DncEntryRow | undefined> {
  return trx
    .updateTable('campaigns.dnc_entries')
    .set({ removedAt: new Date(), removedBy: removal.by, removedReason: removal.reason })
    .where('id', '=', id)
    .where('removedAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function listEntries(
  trx: CampaignsTransaction,
  query: {
    readonly limit: number;
    readonly after?: { readonly createdAt: Date; readonly id: string } | undefined;
    readonly includeRemoved: boolean;
  },
): Promise<DncEntryRow[]> {
  let q = trx.selectFrom('campaigns.dnc_entries').selectAll();
  if (!query.includeRemoved) q = q.where('removedAt', 'is', null);
  const after = query.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('createdAt', '<', after.createdAt),
        eb.and([eb('createdAt', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  return q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
}

export async function currentCopies(trx: CampaignsTransaction): Promise<RegistryCopyRow[]> {
  return trx
    .selectFrom('campaigns.dnc_registry_copies')
    .selectAll()
    .where('state', '=', 'current')
    .orderBy('registry')
    .execute();
}

export async function listedIndexes(
  trx: CampaignsTransaction,
  copyId: string,
  phoneIndexes: readonly Buffer[],
): Promise<Buffer[]> {
  if (phoneIndexes.length === 0) return [];
  const rows = await trx
    .selectFrom('campaigns.dnc_registry_entries')
    .select('phoneIndex')
    .where('copyId', '=', copyId)
    .where('phoneIndex', 'in', phoneIndexes)
    .execute();
  return rows.map((row) => row.phoneIndex);
}
