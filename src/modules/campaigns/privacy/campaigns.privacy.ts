import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { toPublicId } from '../../../platform/ids.js';
import type { DataSubject, ModulePrivacy, SubjectDataRef } from '../../../platform/privacy/index.js';
import type { CampaignsTables } from '../db/campaigns.tables.js';
import { postCallAad } from '../post-call/call-report.sink.js';
import { sealingAad, type CampaignsSealing } from '../sealing.js';
import {
  anonymiseLead,
  attemptsOfLeads,
  consentsOfNumbers,
  deleteAppendOnly,
  dncEntriesOfNumbers,
  leadsOfSubject,
  setRestrictions,
  stripDncEntries,
  type SubjectAttempt,
  type SubjectLead,
} from './privacy.repo.js';

/*
 * Campaigns in data-subject requests (GDPR; DPDP for leads in India): a person's leads (by the
 * blind index of their numbers and e-mail addresses), the consents given for their numbers, the
 * calls placed to them and their entries on the do-not-call list. Erasure anonymises leads and
 * attempts and deletes consents; a DNC entry stays, reduced to its blind index, so the opt-out is
 * still honoured. Restriction keeps the dialer off the person's numbers.
 */

type Tables = CampaignsTables;

export const DNC_KEPT_REASON = 'to honour the opt-out (TCPA, PECR, DPDP)';

const day = (at: Date) => at.toISOString().slice(0, 10);
const words = (value: string) => value.replace(/_/g, ' ');

function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

function attemptSummary(attempt: SubjectAttempt): string {
  const parts = [`Campaign call · ${attempt.campaignName}`, words(attempt.outcome ?? attempt.state)];
  if (attempt.talkSeconds !== null && attempt.talkSeconds > 0) parts.push(duration(attempt.talkSeconds));
  if (attempt.optOut) parts.push('opted out');
  return parts.join(' · ');
}

interface Found {
  readonly phoneIndexes: Buffer[];
  readonly leads: SubjectLead[];
  readonly attempts: SubjectAttempt[];
  readonly consents: Awaited<ReturnType<typeof consentsOfNumbers>>;
  readonly dnc: Awaited<ReturnType<typeof dncEntriesOfNumbers>>;
}

export function createCampaignsPrivacy(deps: {
  readonly database: Database;
  readonly sealing: CampaignsSealing;
}): ModulePrivacy {
  const { database, sealing } = deps;
  const unseal = (ctx: RequestContext, ciphertext: Buffer, aad: string) =>
    sealing.unseal(ctx.tenantId, ciphertext, aad);

  /** Everything about the subject; numbers of leads found by e-mail count as the subject's numbers. */
  async function gather(ctx: RequestContext, subject: DataSubject): Promise<Found> {
    const sealer = await sealing.forTenant(ctx.tenantId);
    const phones = subject.phones.map((p) => sealer.phoneIndex(p));
    const emails = subject.emails.map((e) => sealer.emailIndex(e.trim().toLowerCase()));
    return database.withTenant<Tables, Found>(ctx, async (trx) => {
      const leads = await leadsOfSubject(trx, phones, emails);
      const known = new Set(phones.map((p) => p.toString('base64')));
      const phoneIndexes = [...phones];
      for (const lead of leads) {
        const key = lead.phoneIndex.toString('base64');
        if (!known.has(key)) {
          known.add(key);
          phoneIndexes.push(lead.phoneIndex);
        }
      }
      return {
        phoneIndexes,
        leads,
        attempts: await attemptsOfLeads(
          trx,
          leads.map((l) => l.id),
        ),
        consents: await consentsOfNumbers(trx, phoneIndexes),
        dnc: await dncEntriesOfNumbers(trx, phoneIndexes),
      };
    });
  }

  return {
    holds:
      'Campaign leads (number, e-mail, name, address, custom fields), consents to be called, the calls placed to them with the providers’ reports, and do-not-call entries.',
    retention: [
      { what: 'do-not-call entries (the number’s blind index only)', reason: DNC_KEPT_REASON },
      {
        what: 'copies of national do-not-call registries',
        reason: 'they are the registries’ lists, kept to honour them (TCPA, PECR, DPDP)',
      },
    ],

    async find(ctx, subject, options) {
      const found = await gather(ctx, subject);
      const refs: SubjectDataRef[] = [
        ...found.leads.map((lead) => ({
          module: 'campaigns',
          kind: 'lead',
          id: toPublicId('lead', lead.id),
          at: lead.createdAt,
          summary: `Campaign lead · list ${lead.listName} · ${words(lead.status)}`,
          consolePath: '/outbound/leads',
        })),
        ...found.attempts.map((attempt) => ({
          module: 'campaigns',
          kind: 'call_attempt',
          id: toPublicId('att', attempt.id),
          at: attempt.placedAt ?? attempt.reservedAt,
          summary: attemptSummary(attempt),
          consolePath: `/campaigns/${toPublicId('cmp', attempt.campaignId)}`,
        })),
        ...found.consents.map((consent) => ({
          module: 'campaigns',
          kind: 'consent',
          id: toPublicId('cons', consent.id),
          at: consent.givenAt,
          summary: `Consent · ${words(consent.purpose)} by ${words(consent.channel)} · given ${day(consent.givenAt)} (${words(consent.source)})${consent.withdrawnAt ? ` · withdrawn ${day(consent.withdrawnAt)}` : ''}`,
          consolePath: null,
        })),
        ...found.dnc.map((entry) => ({
          module: 'campaigns',
          kind: 'dnc_entry',
          id: toPublicId('dnc', entry.id),
          at: entry.createdAt,
          summary: `Do-not-call list · since ${day(entry.createdAt)}${entry.removedAt ? ` · removed ${day(entry.removedAt)}` : ''}`,
          consolePath: null,
        })),
      ];
      refs.sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0));
      return refs.slice(0, options?.limit ?? 500);
    },

    async export(ctx, subject) {
      const found = await gather(ctx, subject);
      const leads = await Promise.all(
        found.leads.map(async (lead) => ({
          id: toPublicId('lead', lead.id),
          list: lead.listName,
          phone: await unseal(ctx, lead.phoneSealed, sealingAad.phone(lead.id)),
          email: lead.emailSealed ? await unseal(ctx, lead.emailSealed, sealingAad.email(lead.id)) : null,
          personal: JSON.parse(
            await unseal(ctx, lead.personalSealed, sealingAad.personal(lead.id)),
          ) as unknown,
          region: lead.region,
          subdivision: lead.subdivision,
          timeZone: lead.timeZone,
          status: lead.status,
          createdAt: lead.createdAt.toISOString(),
        })),
      );
      const attempts = await Promise.all(
        found.attempts.map(async (attempt) => ({
          id: toPublicId('att', attempt.id),
          campaign: attempt.campaignName,
          lead: toPublicId('lead', attempt.leadId),
          attemptNumber: attempt.attemptNumber,
          placedAt: attempt.placedAt?.toISOString() ?? null,
          answeredAt: attempt.answeredAt?.toISOString() ?? null,
          endedAt: attempt.endedAt?.toISOString() ?? null,
          outcome: attempt.outcome,
          talkSeconds: attempt.talkSeconds,
          disposition: attempt.disposition,
          optOut: attempt.optOut,
          converted: attempt.converted,
          recordingId: attempt.recordingId,
          result: attempt.resultSealed
            ? (JSON.parse(
                await unseal(ctx, attempt.resultSealed, postCallAad.attemptResult(attempt.id)),
              ) as unknown)
            : null,
        })),
      );
      // DPDP: the consent records themselves, with the wording the person agreed to.
      const consents = await Promise.all(
        found.consents.map(async (consent) => ({
          id: toPublicId('cons', consent.id),
          phone: await unseal(ctx, consent.phoneSealed, sealingAad.consentPhone(consent.id)),
          purpose: consent.purpose,
          channel: consent.channel,
          givenAt: consent.givenAt.toISOString(),
          source: consent.source,
          textShown: await unseal(ctx, consent.textShownSealed, sealingAad.consentText(consent.id)),
          expiresAt: consent.expiresAt?.toISOString() ?? null,
          withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
          withdrawnHow: consent.withdrawnHow,
        })),
      );
      const dnc = await Promise.all(
        found.dnc.map(async (entry) => ({
          id: toPublicId('dnc', entry.id),
          number: entry.phoneSealed
            ? await unseal(ctx, entry.phoneSealed, sealingAad.dncNumber(entry.id))
            : null,
          reason: entry.reason,
          source: entry.source,
          createdAt: entry.createdAt.toISOString(),
          removedAt: entry.removedAt?.toISOString() ?? null,
        })),
      );
      return [
        { name: 'leads', rows: leads },
        { name: 'call-attempts', rows: attempts },
        { name: 'consents', rows: consents },
        { name: 'do-not-call', rows: dnc },
      ];
    },

    async erase(ctx, subject) {
      const found = await gather(ctx, subject);
      const sealer = await sealing.forTenant(ctx.tenantId);
      await database.withTenant<Tables, void>(ctx, async (trx) => {
        for (const lead of found.leads) {
          await anonymiseLead(trx, lead.id, {
            phone: sealer.seal('', sealingAad.phone(lead.id)),
            personal: sealer.seal('{}', sealingAad.personal(lead.id)),
          });
        }
        await stripDncEntries(
          trx,
          found.dnc.map((entry) => entry.id),
        );
        await setRestrictions(trx, ctx.tenantId, found.phoneIndexes, false);
      });
      await deleteAppendOnly(
        database.owner,
        ctx.tenantId,
        found.consents.map((c) => c.id),
        found.attempts.map((a) => a.id),
      );
      const activeDnc = found.dnc.filter((entry) => entry.removedAt === null).length;
      return {
        erased: found.leads.length + found.attempts.length + found.consents.length + found.dnc.length,
        kept:
          activeDnc === 0
            ? []
            : [{ what: 'do-not-call entries (blind index only)', count: activeDnc, reason: DNC_KEPT_REASON }],
      };
    },

    async restrict(ctx, subject, restricted) {
      const found = await gather(ctx, subject);
      await database.withTenant<Tables, void>(ctx, (trx) =>
        setRestrictions(trx, ctx.tenantId, found.phoneIndexes, restricted),
      );
    },
  };
}
