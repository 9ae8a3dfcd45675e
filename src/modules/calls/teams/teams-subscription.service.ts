import type { AuditLog } from '../../../platform/audit/index.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { toPublicId } from '../../../platform/ids.js';
import { GraphError, type GraphClient, type GraphSubscription } from './graph-client.js';
import type { LifecycleNotification } from './teams-notifications.js';
import type { IngestService } from '../ingest/ingest.service.js';
import type { TeamsGraphClients } from './teams-credentials.js';
import { CallsErrors, fromGraph } from '../errors.js';
import {
  teamsSubscriptionsRepo as repo,
  type TeamsSubscriptionRow,
  type TeamsTables,
  type TeamsTransaction,
} from './teams-subscriptions.repo.js';

/** Subscriptions expiring sooner than this are renewed by the hourly timer (they live 4230 minutes). */
export const renewWithinMs = 24 * 3_600_000;
/** How far back a backfill may reach: Graph keeps call records 30 days; older gaps stay gaps. */
export const maxBackfillMs = 30 * 86_400_000;
/**
 * A backfill starts this long before the last notification that arrived: a call is notified when
 * it ends, and the log rows are keyed by its start, so calls in progress then are covered too.
 */
export const backfillOverlapMs = 24 * 3_600_000;

export interface TeamsSubscriptionView {
  /** Graph's subscription id; null while the tenant has none (its creation failed). */
  readonly id: string | null;
  readonly resource: string;
  readonly changeType: string;
  readonly notificationUrl: string;
  /** `expired` when Graph's expiry has passed without a renewal. */
  readonly status: 'active' | 'failing' | 'expired';
  readonly expiresAt: string | null;
  readonly createdAt: string;
  readonly renewedAt: string | null;
  readonly lastNotificationAt: string | null;
  readonly lastLifecycleEvent: string | null;
  readonly lastLifecycleAt: string | null;
  readonly backfilledUntil: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
}

export interface TeamsStatus {
  /** Where Graph delivers this tenant's notifications (also the lifecycle notifications). */
  readonly notificationUrl: string;
  /** Credential secrets not set yet; the connector cannot reach Graph until this is empty. */
  readonly missingSecrets: string[];
  readonly subscription: TeamsSubscriptionView | null;
}

export interface BackfillReport {
  readonly from: Date;
  readonly to: Date;
  /** Result pages stored as raw payloads (each goes through the ingest pipeline). */
  readonly pages: number;
  readonly rows: number;
  /** Backfill functions Graph refused (usually a missing permission), with its answer. */
  readonly refused: readonly string[];
}

export interface RenewalReport {
  readonly renewed: number;
  readonly recreated: number;
  readonly failed: readonly { readonly tenantId: string; readonly error: string }[];
}

export interface TeamsSubscriptionService {
  status(ctx: RequestContext): Promise<TeamsStatus>;
  /** Creates the tenant's subscription, replacing (and then deleting) any it had. */
  connect(ctx: RequestContext): Promise<TeamsStatus>;
  /** Deletes the subscription at Graph and forgets it. */
  disconnect(ctx: RequestContext): Promise<void>;
  /** The timer's work: renews what expires before `at` + 24 h, recreates what is gone or failing. */
  renewDue(at: Date, requestId?: string): Promise<RenewalReport>;
  /** Acts on one lifecycle notification; answers what it did, in words. */
  handleLifecycle(ctx: RequestContext, notification: LifecycleNotification): Promise<string>;
  /** getPstnCalls and getDirectRoutingCalls since the last notification, into the ingest pipeline. */
  backfill(ctx: RequestContext): Promise<BackfillReport>;
  /** A change notification was processed: the point a later backfill starts from. */
  noteNotification(ctx: Pick<RequestContext, 'tenantId'>): Promise<void>;
}

export interface TeamsSubscriptionDeps {
  readonly database: Database;
  readonly audit: AuditLog;
  readonly clients: TeamsGraphClients;
  readonly ingest: Pick<IngestService, 'accept'>;
  /** The platform's public URL (SWITCHBOARD_PUBLIC_URL): Graph must reach the webhook there. */
  readonly publicUrl: string;
  readonly now?: () => Date;
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };
const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const failed = (error: unknown): Outcome<never> => ({ ok: false, error });

const iso = (date: Date | null) => (date === null ? null : date.toISOString());
const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createTeamsSubscriptionService(deps: TeamsSubscriptionDeps): TeamsSubscriptionService {
  const { database, audit, clients } = deps;
  const now = deps.now ?? (() => new Date());
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');

  const notificationUrlOf = (tenantId: string) =>
    `${publicUrl}/api/v1/calls/webhooks/teams/${toPublicId('ten', tenantId)}`;
  const callRecordsSubscription = (tenantId: string) => ({
    notificationUrl: notificationUrlOf(tenantId),
    resource: '/communications/callRecords',
    changeType: 'created,updated',
  });

  function assertReachable(): void {
    if (!publicUrl.startsWith('https://')) throw CallsErrors.teamsPublicUrlNotHttps(publicUrl);
  }

  /**
   * Runs `fn` in the tenant's transaction under its subscription lock. `fn` reports failure as a
   * value so that what it recorded (the error on the row) commits; the error is thrown after.
   */
  async function locked<T>(
    ctx: Pick<RequestContext, 'tenantId'>,
    fn: (trx: TeamsTransaction, row: TeamsSubscriptionRow | undefined) => Promise<Outcome<T>>,
  ): Promise<T> {
    const outcome = await database.withTenant<TeamsTables, Outcome<T>>(ctx, async (trx) => {
      await repo.lock(trx, ctx.tenantId);
      return fn(trx, await repo.find(trx));
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Creates a subscription at Graph and records it; Graph validates the webhook before it answers. */
  async function create(
    trx: TeamsTransaction,
    ctx: RequestContext,
    client: GraphClient,
  ): Promise<GraphSubscription> {
    const clientState = await clients.clientState(ctx);
    const target = callRecordsSubscription(ctx.tenantId);
    // The lifecycle notifications come to the same URL; the webhook tells the two kinds apart.
    const created = await client.createSubscription({
      notificationUrl: target.notificationUrl,
      lifecycleNotificationUrl: target.notificationUrl,
      clientState,
    });
    await repo.saveCreated(
      trx,
      ctx.tenantId,
      {
        subscriptionId: created.id,
        resource: created.resource,
        changeType: created.changeType,
        notificationUrl: created.notificationUrl || target.notificationUrl,
        expiresAt: new Date(created.expirationDateTime),
      },
      now(),
    );
    return created;
  }

  async function recordFailure(
    trx: TeamsTransaction,
    ctx: Pick<RequestContext, 'tenantId'>,
    message: string,
    forget = false,
  ): Promise<void> {
    await repo.saveFailure(
      trx,
      ctx.tenantId,
      { message, forget, ...callRecordsSubscription(ctx.tenantId) },
      now(),
    );
  }

  /**
   * Deletes the subscriptions of this app that deliver to this tenant's webhook, except `keep`:
   * the one just replaced, and any left behind by a creation whose answer never arrived.
   * Best effort: what stays behind lapses at its expiry, and its notifications are still valid.
   */
  async function removeOthers(
    client: GraphClient,
    tenantId: string,
    keep: string,
    previous: string | null,
  ): Promise<void> {
    const target = notificationUrlOf(tenantId);
    let stale: string[];
    try {
      stale = (await client.listSubscriptions())
        .filter((s) => s.id !== keep && s.notificationUrl === target)
        .map((s) => s.id);
    } catch {
      stale = previous && previous !== keep ? [previous] : [];
    }
    for (const id of stale) await client.deleteSubscription(id).catch(() => undefined);
  }

  function view(row: TeamsSubscriptionRow): TeamsSubscriptionView {
    const expired =
      row.status === 'active' && row.expiresAt !== null && row.expiresAt.getTime() <= now().getTime();
    return {
      id: row.subscriptionId,
      resource: row.resource,
      changeType: row.changeType,
      notificationUrl: row.notificationUrl,
      status: expired ? 'expired' : row.status,
      expiresAt: iso(row.expiresAt),
      createdAt: row.createdAt.toISOString(),
      renewedAt: iso(row.renewedAt),
      lastNotificationAt: iso(row.lastNotificationAt),
      lastLifecycleEvent: row.lastLifecycleEvent,
      lastLifecycleAt: iso(row.lastLifecycleAt),
      backfilledUntil: iso(row.backfilledUntil),
      lastError: row.lastError,
      lastErrorAt: iso(row.lastErrorAt),
    };
  }

  async function status(ctx: RequestContext): Promise<TeamsStatus> {
    const [missingSecrets, row] = await Promise.all([
      clients.missingCredentials(ctx),
      database.withTenant<TeamsTables, TeamsSubscriptionRow | undefined>(ctx, (trx) => repo.find(trx)),
    ]);
    return {
      notificationUrl: notificationUrlOf(ctx.tenantId),
      missingSecrets,
      subscription: row ? view(row) : null,
    };
  }

  /** Renews (or, when Graph no longer has it, recreates) one tenant's subscription. */
  async function renewTenant(
    ctx: RequestContext,
    before: Date,
  ): Promise<'renewed' | 'recreated' | 'skipped'> {
    let client: GraphClient;
    try {
      client = await clients.forTenant(ctx, 'manage');
    } catch (error) {
      await locked(ctx, async (trx, row) => {
        if (row) await recordFailure(trx, ctx, describeError(error));
        return ok(undefined);
      });
      throw error;
    }
    const result = await locked(
      ctx,
      async (trx, row): Promise<Outcome<'renewed' | 'recreated' | 'skipped'>> => {
        if (!row) return ok('skipped');
        if (row.status === 'active' && row.expiresAt !== null && row.expiresAt >= before)
          return ok('skipped');
        if (row.subscriptionId !== null) {
          try {
            const renewed = await client.renewSubscription(row.subscriptionId);
            await repo.saveRenewed(trx, new Date(renewed.expirationDateTime), now());
            return ok('renewed');
          } catch (error) {
            // Gone (expired or removed at Graph): make a new one below. Anything else: try next hour.
            if (!(error instanceof GraphError) || error.status !== 404) {
              await recordFailure(trx, ctx, `renewing ${row.subscriptionId}: ${describeError(error)}`);
              return failed(fromGraph(error, 'renewing the subscription'));
            }
          }
        }
        try {
          await create(trx, ctx, client);
          return ok('recreated');
        } catch (error) {
          await recordFailure(trx, ctx, `recreating the subscription: ${describeError(error)}`, true);
          return failed(fromGraph(error, 'recreating the subscription'));
        }
      },
    );
    // Notifications of the time without a subscription were lost: fetch what Graph can still list.
    // The renewal itself succeeded; a failed backfill is left on the row for people to see.
    if (result === 'recreated') {
      await backfill(ctx).catch((error: unknown) =>
        database.withTenant<TeamsTables, void>(ctx, (trx) =>
          repo.saveNote(trx, `backfill after recreating the subscription: ${describeError(error)}`, now()),
        ),
      );
    }
    return result;
  }

  async function backfill(ctx: RequestContext): Promise<BackfillReport> {
    const client = await clients.forTenant(ctx, 'fetch');
    const row = await database.withTenant<TeamsTables, TeamsSubscriptionRow | undefined>(ctx, (trx) =>
      repo.find(trx),
    );
    const to = now();
    const since = row?.lastNotificationAt ?? row?.createdAt ?? new Date(0);
    const from = new Date(Math.max(to.getTime() - maxBackfillMs, since.getTime() - backfillOverlapMs));
    let pages = 0;
    let rows = 0;
    const refused: string[] = [];
    const sources = [
      ['getPstnCalls', (range: { from: Date; to: Date }) => client.getPstnCalls(range)],
      ['getDirectRoutingCalls', (range: { from: Date; to: Date }) => client.getDirectRoutingCalls(range)],
    ] as const;
    for (const [name, pagesOf] of sources) {
      try {
        for await (const page of pagesOf({ from, to })) {
          const value = Array.isArray(page.value) ? page.value : [];
          // An empty page is not a document the normaliser can tell apart; there is nothing in it.
          if (value.length === 0) continue;
          // Each page is a raw payload like any other: stored, then parsed, archived and indexed.
          await deps.ingest.accept(ctx, {
            source: 'teams',
            format: 'teams-json',
            contentType: 'application/json',
            body: Buffer.from(JSON.stringify(page)),
          });
          pages++;
          rows += value.length;
        }
      } catch (error) {
        if (error instanceof GraphError && !error.transient) {
          const permission =
            name === 'getPstnCalls'
              ? 'CallRecord-PstnCalls.Read.All'
              : 'CallRecord-PstnCalls.Read.All (it covers Direct Routing as well)';
          refused.push(
            `${name}: ${error.status}${error.code ? ` ${error.code}` : ''}${error.status === 403 ? `; grant the application permission ${permission}` : ''}`,
          );
          continue;
        }
        throw fromGraph(error, `${name} for the backfill`);
      }
    }
    await database.withTenant<TeamsTables, void>(ctx, async (trx) => {
      await repo.saveBackfilled(trx, to, now());
      if (refused.length > 0)
        await repo.saveNote(trx, `backfill: Graph refused ${refused.join('; ')}`, now());
    });
    return { from, to, pages, rows, refused };
  }

  const describeBackfill = (report: BackfillReport) =>
    `backfilled ${report.from.toISOString()}..${report.to.toISOString()}: ${report.rows} rows in ${report.pages} pages` +
    (report.refused.length > 0 ? `; refused: ${report.refused.join('; ')}` : '');

  async function reauthorize(ctx: RequestContext, notification: LifecycleNotification): Promise<string> {
    const client = await clients.forTenant(ctx, 'manage');
    return locked(ctx, async (trx, row): Promise<Outcome<string>> => {
      if (!row || row.subscriptionId !== notification.subscriptionId) {
        return ok(
          `reauthorizationRequired for ${notification.subscriptionId}, which is not this tenant's subscription: ignored`,
        );
      }
      await repo.saveLifecycle(trx, notification.lifecycleEvent, now());
      try {
        await client.reauthorizeSubscription(row.subscriptionId);
        return ok(`reauthorized subscription ${row.subscriptionId}`);
      } catch (error) {
        if (error instanceof GraphError && error.status === 404) {
          try {
            const created = await create(trx, ctx, client);
            return ok(`subscription ${row.subscriptionId} was gone; created ${created.id}`);
          } catch (createError) {
            return refusedOrRetry(trx, ctx, createError, 'recreating the subscription', true);
          }
        }
        return refusedOrRetry(trx, ctx, error, 'reauthorizing the subscription', false);
      }
    });
  }

  /**
   * Transient failures are thrown, so the bus delivers the notification again; a refusal is
   * recorded on the subscription (the renewal timer retries failing ones every hour).
   */
  async function refusedOrRetry(
    trx: TeamsTransaction,
    ctx: RequestContext,
    error: unknown,
    action: string,
    forget: boolean,
  ): Promise<Outcome<string>> {
    if (!(error instanceof GraphError) || error.transient) return failed(fromGraph(error, action));
    await recordFailure(trx, ctx, `${action}: ${describeError(error)}`, forget);
    return ok(`${action} refused: ${CallsErrors.teamsGraph(error, action).message}`);
  }

  async function recreateRemoved(ctx: RequestContext, notification: LifecycleNotification): Promise<string> {
    const client = await clients.forTenant(ctx, 'manage');
    const done = await locked(ctx, async (trx, row): Promise<Outcome<string | null>> => {
      if (!row) return ok(null);
      await repo.saveLifecycle(trx, notification.lifecycleEvent, now());
      // A second delivery of the same notification finds the replacement already there.
      if (
        row.subscriptionId !== notification.subscriptionId &&
        row.subscriptionId !== null &&
        row.status === 'active'
      ) {
        return ok(
          `subscription ${notification.subscriptionId} was already replaced by ${row.subscriptionId}`,
        );
      }
      try {
        const created = await create(trx, ctx, client);
        return ok(`subscription ${notification.subscriptionId} was removed by Graph; created ${created.id}`);
      } catch (error) {
        return refusedOrRetry(trx, ctx, error, 'recreating the subscription', true);
      }
    });
    if (done === null)
      return `subscriptionRemoved for ${notification.subscriptionId}: the connector is disconnected, nothing recreated`;
    // Graph: "after creating the new subscription, sync the resource data to identify any missed change notifications".
    return `${done}; ${describeBackfill(await backfill(ctx))}`;
  }

  return {
    status,

    async connect(ctx) {
      assertReachable();
      const client = await clients.forTenant(ctx, 'manage');
      const { created, previous } = await locked(ctx, async (trx, row) => {
        try {
          const made = await create(trx, ctx, client);
          await audit.append(trx, ctx, {
            action: 'calls.teams_subscription.created',
            target: { type: 'teams_subscription', id: made.id },
            details: { replaced: row?.subscriptionId ?? null },
          });
          return ok({ created: made, previous: row?.subscriptionId ?? null });
        } catch (error) {
          if (!(error instanceof GraphError)) throw error;
          await recordFailure(trx, ctx, `creating the subscription: ${error.message}`);
          return failed(CallsErrors.teamsGraph(error, 'creating the subscription'));
        }
      });
      await removeOthers(client, ctx.tenantId, created.id, previous);
      return status(ctx);
    },

    async disconnect(ctx) {
      await locked(ctx, async (trx, row): Promise<Outcome<undefined>> => {
        if (!row) return failed(CallsErrors.teamsNotConnected());
        if (row.subscriptionId !== null && (await clients.missingCredentials(ctx)).length === 0) {
          try {
            await (await clients.forTenant(ctx, 'manage')).deleteSubscription(row.subscriptionId);
          } catch (error) {
            return failed(fromGraph(error, 'deleting the subscription'));
          }
        }
        // Without credentials Graph cannot be told; its subscription lapses at its expiry.
        await repo.remove(trx);
        await audit.append(trx, ctx, {
          action: 'calls.teams_subscription.deleted',
          target: { type: 'teams_subscription', id: row.subscriptionId ?? 'none' },
        });
        return ok(undefined);
      });
    },

    async renewDue(at, requestId = 'teams-renewal') {
      const before = new Date(at.getTime() + renewWithinMs);
      let renewed = 0;
      let recreated = 0;
      const failures: { tenantId: string; error: string }[] = [];
      for (const tenantId of await repo.dueTenants(database, before)) {
        try {
          const result = await renewTenant(systemContext(tenantId, requestId, 'teams-renewal'), before);
          if (result === 'renewed') renewed++;
          else if (result === 'recreated') recreated++;
        } catch (error) {
          failures.push({ tenantId, error: describeError(error) });
        }
      }
      return { renewed, recreated, failed: failures };
    },

    async handleLifecycle(ctx, notification) {
      switch (notification.lifecycleEvent) {
        case 'reauthorizationRequired':
          return reauthorize(ctx, notification);
        case 'subscriptionRemoved':
          return recreateRemoved(ctx, notification);
        case 'missed': {
          await locked(ctx, async (trx, row) => {
            if (row) await repo.saveLifecycle(trx, notification.lifecycleEvent, now());
            return ok(undefined);
          });
          return `missed notifications: ${describeBackfill(await backfill(ctx))}`;
        }
        case 'unknown':
          return `lifecycle event "${notification.lifecycleEventRaw}" is not one Graph documents (subscriptionRemoved, missed, reauthorizationRequired): nothing done`;
      }
    },

    backfill,

    async noteNotification(ctx) {
      await database.withTenant<TeamsTables, void>(ctx, (trx) => repo.touchNotified(trx, now()));
    },
  };
}
