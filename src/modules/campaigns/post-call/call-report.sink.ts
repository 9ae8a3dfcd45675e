import type { AuditLog } from '../../../platform/audit/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { ConversationsApi } from '../../conversations/index.js';
import { consentsByIndex, withdrawConsents } from '../consent/consent.repo.js';
import type { CallOutcome, CampaignsTables, CampaignsTransaction } from '../db/campaigns.tables.js';
import { callCompletedV1, type CallCompleted } from '../events.js';
import { insertStatusHistory } from '../leads/leads.repo.js';
import { sealingAad, type CampaignsSealing, type TenantSealer } from '../sealing.js';
import { actorName } from '../suppression/actor-name.js';
import type { InternalSuppression } from '../suppression/suppression.service.js';
import type { CallReport, CallReportSink, TelephonyAdapter } from '../telephony/adapter.js';
import { decodeReport, encodeReport } from './call-report.codec.js';
import { fileRecording, type RecordingFetch } from './post-call.recording.js';
import {
  campaignSettings,
  closeHopperRowsOfLeads,
  endOfCallReport,
  findLeadForCall,
  insertReport,
  leadsByPhone,
  lockAttempt,
  lockAttemptByProviderCall,
  lockHopperRow,
  setLeadStatus,
  updateAttempt,
  updateHopperRow,
  type AttemptRow,
} from './post-call.repo.js';
import {
  hopperAfterCall,
  leadStatusAfterCall,
  leadStatusChanges,
  progressMovesForward,
  readSettings,
} from './post-call.rules.js';

type Tables = CampaignsTables;

/** Sealed-column AADs of the post-call path (beside campaigns/sealing.ts's). */
export const postCallAad = {
  reportPayload: (uuid: string) => `campaigns.call_report.payload:${uuid}`,
  attemptResult: (uuid: string) => `campaigns.call_attempt.result:${uuid}`,
} as const;

const MINUTE = 60_000;
/** An ended call (status report) whose end-of-call report does not follow within this is fetched. */
export const END_OF_CALL_GRACE_MS = 5 * MINUTE;
/** A placed call is fetched from the provider when nothing final came by then. */
export const PLACED_GRACE_MS = 30 * MINUTE;
/** A failed hand-over of the recording to conversations is tried again after this. */
export const RECORDING_RETRY_MS = 5 * MINUTE;

const SYSTEM_ACTOR = 'campaigns.post-call';

/** A person asked not to be called again, outside a call's report (an SMS STOP). */
export interface PersonOptOut {
  /** E.164. */
  readonly number: string;
  readonly source: 'voice_agent' | 'sms_stop';
  /** Their words. */
  readonly quote?: string | undefined;
  /** Where it came from (the call attempt, the message id). */
  readonly note: string;
}

export interface PostCallSink extends CallReportSink {
  /**
   * An opt-out from outside a call (an SMS STOP): the DNC list with the evidence, the number's
   * consents withdrawn, its leads do_not_call and done in every campaign. Idempotent.
   */
  optOut(ctx: RequestContext, optOut: PersonOptOut): Promise<{ readonly created: boolean }>;
  /**
   * Files the recording and transcript of an ended attempt in conversations from its stored
   * end-of-call report (reconciliation's retry); true when the attempt has its recording id now.
   */
  fileRecordingOf(ctx: RequestContext, attemptUuid: string): Promise<boolean>;
}

export interface CallReportSinkDeps {
  readonly database: Database;
  readonly sealing: CampaignsSealing;
  readonly suppression: InternalSuppression;
  readonly audit: AuditLog;
  readonly bus: Bus;
  readonly conversations: Pick<ConversationsApi, 'recordings'>;
  readonly logger: Logger;
  /** The registered adapters (reconciliation asks them); undefined for a name not registered. */
  readonly adapterFor: (name: string) => TelephonyAdapter | undefined;
  /** How recordings held by a provider are downloaded (deps.fetch, with the provider's auth). */
  readonly recordingFetch: RecordingFetch;
}

/** Text as PostgreSQL and JSON take it: no NUL, no half of a surrogate pair (a cut may make one), at most `max`. */
const truncate = (text: string | undefined, max: number) =>
  text === undefined
    ? null
    : text
        .replaceAll('\u0000', '')
        .slice(0, max)
        .replace(/\p{Cs}/gu, '\uFFFD');

function outcomeOf(report: CallReport): CallOutcome {
  if (report.outcome) return report.outcome;
  return report.answeredAt !== undefined ? 'answered' : 'failed';
}

type Applied =
  | { readonly applied: false }
  | { readonly applied: true; readonly attemptUuid?: string; readonly fileRecording: boolean };

export function createCallReportSink(deps: CallReportSinkDeps): PostCallSink {
  const { database, sealing, logger } = deps;

  const system = (ctx: RequestContext): RequestContext => ({
    ...ctx,
    actor: { type: 'system', id: SYSTEM_ACTOR },
  });

  /** The status report: progress forward only, and when the call ended, a deadline for its final account. */
  async function applyStatus(trx: CampaignsTransaction, attempt: AttemptRow, report: CallReport, now: Date) {
    if (attempt.state === 'ended' || attempt.state === 'not_placed') return;
    const forward = progressMovesForward(attempt.state, report.progress);
    const values: Parameters<typeof updateAttempt>[2] = {};
    // `ended` by a status report is not the end of the attempt: its final account (outcome,
    // transcript, opt-out) is the end-of-call report, fetched by reconciliation if it never comes.
    if (forward && report.progress !== 'ended' && report.progress !== 'queued')
      values.state = report.progress;
    if (attempt.providerCallId === null) values.providerCallId = report.providerCallId;
    if (report.answeredAt && attempt.answeredAt === null) values.answeredAt = report.answeredAt;
    if (report.progress === 'ended') {
      const endedAt = report.endedAt ?? now;
      if (attempt.endedAt === null) values.endedAt = endedAt;
      values.reconcileAfter = new Date(endedAt.getTime() + END_OF_CALL_GRACE_MS);
    } else if (attempt.reconcileAfter === null) {
      values.reconcileAfter = new Date((attempt.placedAt ?? now).getTime() + PLACED_GRACE_MS);
    }
    if (Object.keys(values).length > 0) await updateAttempt(trx, attempt.id, values);
  }

  /** The opt-out: the DNC list with the evidence, the consents withdrawn, every campaign's hopper rows done. */
  async function applyOptOut(
    trx: CampaignsTransaction,
    ctx: RequestContext,
    sealer: TenantSealer,
    optOut: PersonOptOut,
  ) {
    const { number, source } = optOut;
    const actor = system(ctx);
    const { created } = await deps.suppression.optOutWithin(trx, actor, sealer, {
      number,
      source,
      evidence: { quote: truncate(optOut.quote, 2000) ?? undefined, note: optOut.note.slice(0, 2000) },
    });
    const index = sealer.phoneIndex(number);
    const now = new Date();
    const open = (await consentsByIndex(trx, [index])).filter(
      (row) => row.withdrawnAt === null && (row.expiresAt === null || row.expiresAt > now),
    );
    const withdrawn = await withdrawConsents(
      trx,
      open.map((row) => row.id),
      { at: now, how: source, by: actorName(actor) },
    );
    for (const row of withdrawn)
      await deps.audit.append(trx, actor, {
        action: 'campaigns.consent.withdrawn',
        target: { type: 'consent', id: toPublicId('cons', row.id) },
        details: { purpose: row.purpose, channel: row.channel, how: source, note: optOut.note.slice(0, 500) },
      });
    const leads = await leadsByPhone(trx, index);
    await closeHopperRowsOfLeads(
      trx,
      leads.map((lead) => lead.id),
      'opt_out',
    );
    // The same number in other lists: every lead with it is do-not-call now.
    const history = leads
      .filter((lead) => leadStatusChanges(lead.status, 'do_not_call'))
      .map((lead) => ({
        id: newUuid(),
        tenantId: ctx.tenantId,
        leadId: lead.id,
        fromStatus: lead.status,
        toStatus: 'do_not_call' as const,
        reason: `opted out: ${optOut.note}`.slice(0, 500),
        actor: actorName(actor),
      }));
    for (const row of history) await setLeadStatus(trx, row.leadId, 'do_not_call');
    await insertStatusHistory(trx, history);
    return { created };
  }

  async function applyEndOfCall(
    trx: CampaignsTransaction,
    ctx: RequestContext,
    sealer: TenantSealer,
    attempt: AttemptRow,
    report: CallReport,
    now: Date,
  ): Promise<Applied> {
    // One final account per attempt: a second end-of-call report (a webhook after reconciliation
    // fetched the call, or another key for the same end) is kept but changes nothing.
    if (attempt.reportReceivedAt !== null) return { applied: false };
    const attemptId = toPublicId('cat', attempt.id);
    const outcome = outcomeOf(report);
    const endedAt = report.endedAt ?? attempt.endedAt ?? now;
    const optOut = report.optOut !== undefined;
    const converted = report.converted === true;
    const hasTranscript = (report.transcript?.length ?? 0) > 0;
    const fileRecording = report.recording !== undefined || hasTranscript;
    const result = {
      structuredData: report.structuredData ?? null,
      summary: report.summary ?? null,
      transcript: report.transcript ?? null,
      callbackAt: report.callbackAt?.toISOString() ?? null,
      optOutEvidence: report.optOut?.evidence ?? null,
    };
    await updateAttempt(trx, attempt.id, {
      state: 'ended',
      providerCallId: attempt.providerCallId ?? report.providerCallId,
      outcome,
      answeredBy: report.answeredBy ?? null,
      answeredAt: report.answeredAt ?? attempt.answeredAt,
      endedAt,
      talkSeconds: report.talkSeconds === undefined ? null : Math.max(0, Math.round(report.talkSeconds)),
      secondsToLiveVoice: report.secondsToLiveVoice ?? null,
      disposition: truncate(report.disposition, 100),
      endedReason: truncate(report.endedReason, 200),
      optOut,
      converted,
      resultSealed: sealer.seal(JSON.stringify(result), postCallAad.attemptResult(attempt.id)),
      reportReceivedAt: now,
      // From here on reconcile_after marks when a failed recording hand-over is tried again.
      reconcileAfter: fileRecording ? new Date(now.getTime() + RECORDING_RETRY_MS) : null,
    });

    const lead = await findLeadForCall(trx, attempt.leadId);
    const hopper = await lockHopperRow(trx, attempt.campaignId, attempt.leadId);
    // Only the row this call holds: one a timeout already released (or an operator moved) stays as it is.
    if (hopper && hopper.state === 'in_call') {
      const settings = readSettings(await campaignSettings(trx, attempt.campaignId));
      const change = hopperAfterCall(settings, {
        outcome,
        endedAt,
        optOut,
        converted,
        callbackAt: report.callbackAt,
        attempts: Math.max(hopper.attempts, attempt.attemptNumber),
      });
      await updateHopperRow(trx, attempt.campaignId, attempt.leadId, {
        state: change.state,
        nextDueAt: change.nextDueAt,
        callbackAt: change.callbackAt,
        finalReason: change.finalReason,
        lastOutcome: outcome,
      });
    }

    if (lead) {
      const next = leadStatusAfterCall({ outcome, optOut, converted, callbackAt: report.callbackAt });
      if (leadStatusChanges(lead.status, next)) {
        await setLeadStatus(trx, lead.id, next);
        await insertStatusHistory(trx, [
          {
            id: newUuid(),
            tenantId: ctx.tenantId,
            leadId: lead.id,
            fromStatus: lead.status,
            toStatus: next,
            reason: `call attempt ${attemptId}: ${optOut ? 'opted out' : converted ? 'converted' : outcome}`,
            actor: actorName(system(ctx)),
          },
        ]);
      }
      if (optOut) {
        const number = await sealing.unseal(ctx.tenantId, lead.phoneSealed, sealingAad.phone(lead.id));
        await applyOptOut(trx, ctx, sealer, {
          number,
          source: 'voice_agent',
          quote: report.optOut.evidence,
          note: `call attempt ${attemptId} via ${report.adapter} (provider call ${report.providerCallId.slice(0, 256)})`,
        });
      }
    }

    const data: CallCompleted = {
      campaignId: toPublicId('cmp', attempt.campaignId),
      attemptId,
      leadId: toPublicId('lead', attempt.leadId),
      outcome,
      answeredBy: report.answeredBy ?? null,
      disposition: truncate(report.disposition, 100),
      optOut,
      converted,
      talkSeconds: report.talkSeconds === undefined ? null : Math.max(0, Math.round(report.talkSeconds)),
      recordingId: null,
    };
    await deps.bus.publish(trx, [
      { type: callCompletedV1.type, tenantId: ctx.tenantId, key: attempt.id, data },
    ]);
    return { applied: true, attemptUuid: attempt.id, fileRecording };
  }

  async function fileRecordingOf(ctx: RequestContext, attemptUuid: string): Promise<boolean> {
    const found = await database.withTenant<
      Tables,
      { attempt: AttemptRow; report: CallReport; phone: string } | undefined
    >(ctx, async (trx) => {
      const attempt = await trx
        .selectFrom('campaigns.call_attempts')
        .selectAll()
        .where('id', '=', attemptUuid)
        .executeTakeFirst();
      if (!attempt || attempt.recordingId !== null) return undefined;
      const stored = await endOfCallReport(trx, attempt.id);
      const lead = await trx
        .selectFrom('campaigns.leads')
        .select(['id', 'phoneSealed'])
        .where('id', '=', attempt.leadId)
        .executeTakeFirst();
      if (!stored || !lead) return undefined;
      const report = decodeReport(
        await sealing.unseal(ctx.tenantId, stored.payloadSealed, postCallAad.reportPayload(stored.id)),
      );
      const phone = await sealing.unseal(ctx.tenantId, lead.phoneSealed, sealingAad.phone(lead.id));
      return { attempt, report, phone };
    });
    if (!found) return false;
    const { attempt, report, phone } = found;
    const recordingId = await fileRecording(
      { conversations: deps.conversations, fetch: deps.recordingFetch, logger },
      system(ctx),
      {
        attemptId: toPublicId('cat', attempt.id),
        campaignId: toPublicId('cmp', attempt.campaignId),
        adapter: attempt.adapter,
        customerNumber: phone,
        startedAt: attempt.answeredAt ?? attempt.placedAt ?? attempt.reservedAt,
      },
      report,
    );
    await database.withTenant<Tables>(ctx, (trx) =>
      updateAttempt(trx, attempt.id, {
        recordingId: recordingId ?? null,
        reconcileAfter: null,
      }),
    );
    return recordingId !== undefined;
  }

  return {
    fileRecordingOf,

    async apply(ctx, received, via) {
      // Keys as PostgreSQL text takes them (no NUL) and the columns' limits.
      const report: CallReport = {
        ...received,
        providerCallId: received.providerCallId.replaceAll('\u0000', '').slice(0, 256),
        reportKey: received.reportKey.replaceAll('\u0000', '').slice(0, 400),
      };
      const sealer = await sealing.forTenant(ctx.tenantId);
      const reportId = newUuid();
      const now = new Date();
      const outcome = await database.withTenant<Tables, Applied>(ctx, async (trx) => {
        const echoed = report.attemptId === undefined ? undefined : fromPublicId('cat', report.attemptId);
        let attempt = echoed === undefined ? undefined : await lockAttempt(trx, echoed);
        if (attempt && attempt.adapter !== report.adapter) attempt = undefined;
        attempt ??= await lockAttemptByProviderCall(trx, report.adapter, report.providerCallId);
        const inserted = await insertReport(trx, {
          id: reportId,
          tenantId: ctx.tenantId,
          adapter: report.adapter,
          reportKey: report.reportKey,
          providerCallId: report.providerCallId,
          kind: report.kind,
          attemptId: attempt?.id ?? null,
          payloadSealed: sealer.seal(encodeReport(report), postCallAad.reportPayload(reportId)),
          via,
        });
        if (!inserted) return { applied: false };
        if (!attempt) {
          logger.warn(
            { adapter: report.adapter, providerCallId: report.providerCallId, reportId, via },
            'a call report for no known attempt: kept, not applied',
          );
          return { applied: false };
        }
        if (report.kind === 'status') {
          await applyStatus(trx, attempt, report, now);
          return { applied: true, fileRecording: false };
        }
        return applyEndOfCall(trx, ctx, sealer, attempt, report, now);
      });
      if (outcome.applied && outcome.fileRecording && outcome.attemptUuid !== undefined) {
        // After the commit: a failure leaves recording_id null and reconciliation tries again.
        try {
          await fileRecordingOf(ctx, outcome.attemptUuid);
        } catch (error) {
          logger.warn(
            { err: error, attemptId: toPublicId('cat', outcome.attemptUuid) },
            'the call recording did not reach conversations; reconciliation tries again',
          );
        }
      }
      return { applied: outcome.applied };
    },

    async optOut(ctx, optOut) {
      const sealer = await sealing.forTenant(ctx.tenantId);
      return database.withTenant<Tables, { created: boolean }>(ctx, (trx) =>
        applyOptOut(trx, ctx, sealer, optOut),
      );
    },
  };
}
