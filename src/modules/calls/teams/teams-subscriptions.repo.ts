import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../platform/db/index.js';

/** A row of calls.teams_subscriptions (camelCase through the CamelCasePlugin). */
export interface TeamsSubscriptionRow {
  tenantId: string;
  subscriptionId: string | null;
  resource: string;
  changeType: string;
  notificationUrl: string;
  status: 'active' | 'failing';
  expiresAt: Date | null;
  createdAt: Date;
  renewedAt: Date | null;
  updatedAt: Date;
  lastNotificationAt: Date | null;
  lastLifecycleEvent: string | null;
  lastLifecycleAt: Date | null;
  backfilledUntil: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

export type TeamsTables = { 'calls.teams_subscriptions': TeamsSubscriptionRow };
export type TeamsTransaction = Transaction<TeamsTables>;

const table = 'calls.teams_subscriptions';
/** Long Graph messages are cut: the row says what went wrong, the logs and dead letters say more. */
const maxErrorLength = 2_000;

/** Every query the Teams connector runs on its table, inside the caller's tenant transaction. */
export const teamsSubscriptionsRepo = {
  /**
   * Serialises subscription work of one tenant (connect, renew, lifecycle, disconnect) until the
   * transaction ends, so two of them never create two subscriptions; it also covers a tenant
   * that has no row yet.
   */
  async lock(trx: TeamsTransaction, tenantId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`calls.teams_subscriptions:${tenantId}`}, 0))`.execute(
      trx,
    );
  },

  find(trx: TeamsTransaction): Promise<TeamsSubscriptionRow | undefined> {
    return trx.selectFrom(table).selectAll().executeTakeFirst();
  },

  /** Records a subscription Graph has just created, keeping what the tenant's history says. */
  async saveCreated(
    trx: TeamsTransaction,
    tenantId: string,
    created: {
      subscriptionId: string;
      resource: string;
      changeType: string;
      notificationUrl: string;
      expiresAt: Date;
    },
    at: Date,
  ): Promise<void> {
    const values = {
      ...created,
      status: 'active' as const,
      createdAt: at,
      renewedAt: null,
      updatedAt: at,
      lastError: null,
      lastErrorAt: null,
    };
    await trx
      .insertInto(table)
      .values({ tenantId, ...values })
      .onConflict((oc) => oc.column('tenantId').doUpdateSet(values))
      .execute();
  },

  async saveRenewed(trx: TeamsTransaction, expiresAt: Date, at: Date): Promise<void> {
    await trx
      .updateTable(table)
      .set({ expiresAt, renewedAt: at, status: 'active', updatedAt: at, lastError: null, lastErrorAt: null })
      .execute();
  },

  /** The last attempt failed; with `forget`, the subscription is known to be gone as well. */
  async saveFailure(
    trx: TeamsTransaction,
    tenantId: string,
    failure: {
      message: string;
      forget?: boolean;
      notificationUrl: string;
      resource: string;
      changeType: string;
    },
    at: Date,
  ): Promise<void> {
    const lastError = failure.message.slice(0, maxErrorLength);
    const forget = failure.forget ? { subscriptionId: null, expiresAt: null } : {};
    await trx
      .insertInto(table)
      .values({
        tenantId,
        subscriptionId: null,
        resource: failure.resource,
        changeType: failure.changeType,
        notificationUrl: failure.notificationUrl,
        status: 'failing',
        expiresAt: null,
        createdAt: at,
        updatedAt: at,
        lastError,
        lastErrorAt: at,
      })
      .onConflict((oc) =>
        oc
          .column('tenantId')
          .doUpdateSet({ status: 'failing', updatedAt: at, lastError, lastErrorAt: at, ...forget }),
      )
      .execute();
  },

  /** A problem worth showing that does not make the subscription itself fail (a refused backfill). */
  async saveNote(trx: TeamsTransaction, message: string, at: Date): Promise<void> {
    await trx
      .updateTable(table)
      .set({ lastError: message.slice(0, maxErrorLength), lastErrorAt: at, updatedAt: at })
      .execute();
  },

  async saveLifecycle(trx: TeamsTransaction, event: string, at: Date): Promise<void> {
    await trx
      .updateTable(table)
      .set({ lastLifecycleEvent: event, lastLifecycleAt: at, updatedAt: at })
      .execute();
  },

  async saveBackfilled(trx: TeamsTransaction, until: Date, at: Date): Promise<void> {
    await trx.updateTable(table).set({ backfilledUntil: until, updatedAt: at }).execute();
  },

  /** At most once a minute: every notification batch would otherwise write the same row. */
  async touchNotified(trx: TeamsTransaction, at: Date): Promise<void> {
    await trx
      .updateTable(table)
      .set({ lastNotificationAt: at })
      .where((eb) =>
        eb.or([
          eb('lastNotificationAt', 'is', null),
          eb('lastNotificationAt', '<', new Date(at.getTime() - 60_000)),
        ]),
      )
      .execute();
  },

  async remove(trx: TeamsTransaction): Promise<void> {
    await trx.deleteFrom(table).execute();
  },

  /** Tenants whose subscription expires before `before` or is failing (any tenant; see the migration). */
  async dueTenants(database: Database, before: Date): Promise<string[]> {
    const { rows } = await sql<{
      tenantId: string;
    }>`select tenant_id from calls.teams_subscriptions_due(${before})`.execute(database.app);
    return rows.map((row) => row.tenantId);
  },
};
