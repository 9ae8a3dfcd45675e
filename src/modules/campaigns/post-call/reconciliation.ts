import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { CampaignsTables } from '../db/campaigns.tables.js';
import type { TelephonyAdapterName } from '../campaigns/campaign-settings.js';
import type { CallReport, TelephonyAdapter } from '../telephony/adapter.js';
import type { PostCallSink } from './call-report.sink.js';
import { attemptsToReconcile, recordingsToRetry, updateAttempt, type AttemptRow } from './post-call.repo.js';

/*
 * Reconciliation: webhooks get lost (a deploy, a provider outage, a firewall), and an opt-out
 * must never be lost with them. Every minute, open attempts whose final account is overdue are
 * fetched from the provider and applied like a webhook; a call the provider has no final account
 * of 6 hours after it was placed ends as `failed`. The same timer retries recordings that did not
 * reach conversations.
 */

const MINUTE = 60_000;
/** With no final account from the provider this long after placing, the attempt ends as failed. */
export const GIVE_UP_AFTER_MS = 6 * 60 * MINUTE;
/** A recording still not filed this long after the call ended is left (logged). */
export const RECORDING_GIVE_UP_MS = 24 * 60 * MINUTE;
const BATCH = 50;

export interface ReconciliationResult {
  /** Attempts whose final account was fetched and applied. */
  readonly reconciled: number;
  /** Attempts ended as failed: no final account within 6 hours. */
  readonly timedOut: number;
  /** Attempts asked about that had no final account yet (asked again later). */
  readonly pending: number;
  readonly recordingsFiled: number;
}

export function createReconciliation(deps: {
  readonly database: Database;
  readonly sink: PostCallSink;
  readonly adapterFor: (name: string) => TelephonyAdapter | undefined;
  readonly logger: Logger;
}) {
  const { database, sink, logger } = deps;
  type Tables = CampaignsTables;

  const load = (ctx: RequestContext, id: string) =>
    database.withTenant<Tables, AttemptRow | undefined>(ctx, (trx) =>
      trx.selectFrom('campaigns.call_attempts').selectAll().where('id', '=', id).executeTakeFirst(),
    );

  const later = (ctx: RequestContext, id: string, at: Date) =>
    database.withTenant<Tables>(ctx, (trx) => updateAttempt(trx, id, { reconcileAfter: at }));

  /** One overdue attempt: ask the provider; apply its account, or wait, or give up. */
  async function reconcileOne(ctx: RequestContext, attempt: AttemptRow, now: Date) {
    const attemptId = toPublicId('cat', attempt.id);
    const adapter = deps.adapterFor(attempt.adapter);
    let report: CallReport | undefined;
    if (adapter && attempt.providerCallId !== null) {
      try {
        report = await adapter.fetchCall(ctx, attempt.providerCallId);
      } catch (error) {
        logger.warn(
          { err: error, attemptId, adapter: attempt.adapter },
          'reconciliation: fetching the call failed',
        );
      }
    }
    if (report !== undefined && report.kind === 'end_of_call') {
      await sink.apply(ctx, { ...report, attemptId: report.attemptId ?? attemptId }, 'reconciliation');
      await database.withTenant<Tables>(ctx, (trx) => updateAttempt(trx, attempt.id, { reconciledAt: now }));
      return 'reconciled' as const;
    }
    if (report !== undefined) await sink.apply(ctx, report, 'reconciliation');
    const placed = attempt.placedAt ?? attempt.reservedAt;
    if (now.getTime() - placed.getTime() >= GIVE_UP_AFTER_MS) {
      const reason = !adapter
        ? `no adapter '${attempt.adapter}' is registered to ask about the call`
        : attempt.providerCallId === null
          ? 'the provider never named the call'
          : 'the provider gave no final account of the call within 6 hours';
      // A final account of our own, applied like the provider's: the hopper and the lead move on.
      await sink.apply(
        ctx,
        {
          adapter: attempt.adapter as TelephonyAdapterName,
          providerCallId: attempt.providerCallId ?? `none:${attempt.id}`,
          attemptId,
          kind: 'end_of_call',
          reportKey: `reconciliation-timeout:${attempt.id}`,
          progress: 'ended',
          outcome: 'failed',
          endedAt: now,
          endedReason: 'reconciliation-timeout',
          raw: { reason },
        },
        'reconciliation',
      );
      await database.withTenant<Tables>(ctx, (trx) =>
        updateAttempt(trx, attempt.id, { failureReason: reason, reconciledAt: now }),
      );
      logger.warn({ attemptId, adapter: attempt.adapter }, `reconciliation: ${reason}; ended as failed`);
      return 'timedOut' as const;
    }
    await later(ctx, attempt.id, new Date(now.getTime() + 5 * MINUTE));
    return 'pending' as const;
  }

  return {
    async run(now = new Date()): Promise<ReconciliationResult> {
      const counts = { reconciled: 0, timedOut: 0, pending: 0, recordingsFiled: 0 };
      for (const due of await attemptsToReconcile(database.owner, now, BATCH)) {
        const ctx = systemContext(due.tenantId, newUuid(), 'campaigns.reconciliation');
        try {
          const attempt = await load(ctx, due.id);
          if (!attempt) continue;
          counts[await reconcileOne(ctx, attempt, now)] += 1;
        } catch (error) {
          logger.error(
            { err: error, attemptId: toPublicId('cat', due.id) },
            'reconciliation of an attempt failed',
          );
          await later(ctx, due.id, new Date(now.getTime() + 5 * MINUTE)).catch(() => undefined);
        }
      }
      for (const due of await recordingsToRetry(database.owner, now, BATCH)) {
        const ctx = systemContext(due.tenantId, newUuid(), 'campaigns.reconciliation');
        try {
          if (await sink.fileRecordingOf(ctx, due.id)) counts.recordingsFiled += 1;
        } catch (error) {
          const attempt = await load(ctx, due.id);
          const ended = attempt?.endedAt ?? attempt?.reportReceivedAt ?? now;
          const giveUp = now.getTime() - ended.getTime() >= RECORDING_GIVE_UP_MS;
          logger.warn(
            { err: error, attemptId: toPublicId('cat', due.id), giveUp },
            giveUp
              ? 'the call recording did not reach conversations within 24 hours: left'
              : 'the call recording did not reach conversations; tried again later',
          );
          await database.withTenant<Tables>(ctx, (trx) =>
            updateAttempt(trx, due.id, {
              reconcileAfter: giveUp ? null : new Date(now.getTime() + 5 * MINUTE),
            }),
          );
        }
      }
      return counts;
    },
  };
}

export type Reconciliation = ReturnType<typeof createReconciliation>;
