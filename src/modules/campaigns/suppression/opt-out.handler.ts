import type { EventTrigger } from '../../../platform/jobs/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import {
  analysisCompletedV1,
  type ConversationsApi,
  type RecordingParty,
} from '../../conversations/index.js';
import type { CampaignsTransaction } from '../db/campaigns.tables.js';
import type { CampaignsSealing } from '../sealing.js';
import { toE164 } from './phone-number.js';
import type { InternalSuppression } from './suppression.service.js';

/** The analysis intents that mean "do not call me" (conversations' intent kinds). */
export const OPT_OUT_INTENTS: ReadonlySet<string> = new Set(['opt_out']);

/**
 * The customer's number on a recording: the party marked `customer`; failing that, on a call with
 * a direction, the one party not marked `agent`. Only an E.164 number counts (an extension or a SIP
 * URI is not a number the dialer calls). Two different customer numbers: which one asked is not
 * known, so both go on the list. Empty when the metadata does not say.
 */
export function customerNumbers(parties: readonly RecordingParty[]): string[] {
  const customers = parties.filter((party) => party.role === 'customer' && party.number !== undefined);
  const candidates =
    customers.length > 0 ? customers : parties.filter((p) => p.role !== 'agent' && p.number !== undefined);
  const numbers = new Set(
    candidates.flatMap((party) => {
      const text = party.number ?? '';
      if (!text.trim().startsWith('+')) return [];
      const e164 = toE164(text.replace(/[\s().-]/g, ''));
      return e164 === undefined ? [] : [e164];
    }),
  );
  return [...numbers];
}

/**
 * Automatic opt-out: when an analysis reports an opt-out intent, the recording's customer number
 * goes on the tenant's DNC list with the phrase and the recording as evidence, audited as the
 * system. The number is read through conversations' contract (never its tables). `once` records the
 * event in the group's inbox with the entry, and the list allows one active entry per number, so a
 * redelivered event (or a re-analysis) adds nothing.
 */
export function optOutHandler(deps: {
  readonly conversations: Pick<ConversationsApi, 'recordings'>;
  readonly suppression: InternalSuppression;
  readonly sealing: CampaignsSealing;
  readonly logger: Logger;
}): EventTrigger {
  return {
    group: 'campaigns-opt-out',
    topics: [analysisCompletedV1.type],
    async handle(ctx, event) {
      const data = analysisCompletedV1.schema.parse(event.data);
      const hit = data.intents.find((intent) => OPT_OUT_INTENTS.has(intent.kind));
      if (!hit) return;
      const system = { ...ctx, actor: { type: 'system' as const, id: 'campaigns.opt-out' } };
      const recording = await deps.conversations.recordings.get(system, data.recordingId);
      const found = customerNumbers(recording.metadata.parties ?? []);
      if (found.length === 0) {
        deps.logger.warn(
          { recordingId: data.recordingId, analysisId: data.analysisId },
          'opt-out intent on a recording without a customer number: nothing to suppress',
        );
        return;
      }
      const sealer = await deps.sealing.forTenant(ctx.tenantId);
      await ctx.once(async (trx: CampaignsTransaction) => {
        for (const number of found)
          await deps.suppression.optOutWithin(trx, system, sealer, {
            number,
            source: 'opt_out_intent',
            evidence: {
              quote: hit.phrase,
              recordingId: data.recordingId,
              analysisId: data.analysisId,
              ...(data.callId ? { callId: data.callId } : {}),
            },
          });
      });
    },
  };
}
