import { sql } from 'kysely';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { CampaignsTables } from '../db/campaigns.tables.js';
import type { ConsentRecord } from '../dialing/pre-dial-check.js';
import { CampaignsErrors } from '../errors.js';
import { sealingAad, type CampaignsSealing } from '../sealing.js';
import { actorName } from '../suppression/actor-name.js';
import { toE164 } from '../suppression/phone-number.js';
import {
  consentsByIndex,
  findConsent,
  insertConsent,
  withdrawConsents,
  type ConsentRow,
} from './consent.repo.js';
import type { ConsentService, ConsentStatus, ConsentView } from './consent.types.js';

type Tables = CampaignsTables;

export function consentStatus(
  row: Pick<ConsentRow, 'givenAt' | 'expiresAt' | 'withdrawnAt'>,
  now: Date,
): ConsentStatus {
  if (row.withdrawnAt !== null && row.withdrawnAt <= now) return 'withdrawn';
  if (row.expiresAt !== null && row.expiresAt <= now) return 'expired';
  if (row.givenAt > now) return 'not_yet';
  return 'in_force';
}

export function createConsentService(deps: {
  readonly database: Database;
  readonly sealing: CampaignsSealing;
  readonly audit: AuditLog;
}): ConsentService {
  const { database, sealing, audit } = deps;

  const number = (text: string, region: string | undefined, field: string) => {
    const e164 = toE164(text, region);
    if (e164 === undefined) throw CampaignsErrors.invalidNumber(field);
    return e164;
  };

  const view = async (tenantId: string, row: ConsentRow, now = new Date()): Promise<ConsentView> => {
    const [phone, textShown, request] = await Promise.all([
      sealing.unseal(tenantId, row.phoneSealed, sealingAad.consentPhone(row.id)),
      sealing.unseal(tenantId, row.textShownSealed, sealingAad.consentText(row.id)),
      row.requestSealed === null
        ? null
        : sealing.unseal(tenantId, row.requestSealed, sealingAad.consentRequest(row.id)),
    ]);
    return {
      id: toPublicId('cons', row.id),
      phone,
      purpose: row.purpose,
      channel: row.channel,
      givenAt: row.givenAt,
      source: row.source,
      textShown,
      request,
      requestObjectKey: row.requestObjectKey,
      expiresAt: row.expiresAt,
      withdrawnAt: row.withdrawnAt,
      withdrawnHow: row.withdrawnHow,
      withdrawnBy: row.withdrawnBy,
      status: consentStatus(row, now),
      createdBy: row.createdBy,
      createdAt: row.createdAt,
    };
  };

  const withdrawalTime = (at: Date | undefined) => {
    const now = new Date();
    if (at === undefined) return now;
    if (at.getTime() > now.getTime() + 60_000)
      throw CampaignsErrors.invalidConsent('body.at', 'must not be in the future');
    return at;
  };

  return {
    async give(ctx, input) {
      const phone = number(input.phone, input.region, 'body.phone');
      if (input.expiresAt && input.expiresAt <= input.givenAt)
        throw CampaignsErrors.invalidConsent('body.expiresAt', 'must be after body.givenAt');
      if (input.givenAt.getTime() > Date.now() + 60_000)
        throw CampaignsErrors.invalidConsent('body.givenAt', 'must not be in the future');
      const sealer = await sealing.forTenant(ctx.tenantId);
      const id = newUuid();
      const row = await database.withTenant<Tables, ConsentRow>(ctx, async (trx) => {
        const inserted = await insertConsent(trx, {
          id,
          tenantId: ctx.tenantId,
          phoneIndex: sealer.phoneIndex(phone),
          phoneSealed: sealer.seal(phone, sealingAad.consentPhone(id)),
          purpose: input.purpose,
          channel: input.channel,
          givenAt: input.givenAt,
          source: input.source,
          textShownSealed: sealer.seal(input.textShown, sealingAad.consentText(id)),
          requestSealed:
            input.request === undefined ? null : sealer.seal(input.request, sealingAad.consentRequest(id)),
          requestObjectKey: input.requestObjectKey ?? null,
          expiresAt: input.expiresAt ?? null,
          withdrawnAt: null,
          withdrawnHow: null,
          withdrawnBy: null,
          createdBy: actorName(ctx),
        });
        await audit.append(trx, ctx, {
          action: 'campaigns.consent.given',
          target: { type: 'consent', id: toPublicId('cons', id) },
          details: { purpose: input.purpose, channel: input.channel, source: input.source },
        });
        return inserted;
      });
      return view(ctx.tenantId, row);
    },

    async withdraw(ctx, withdrawal) {
      const phone = number(withdrawal.phone, withdrawal.region, 'body.phone');
      const at = withdrawalTime(withdrawal.at);
      const sealer = await sealing.forTenant(ctx.tenantId);
      const rows = await database.withTenant<Tables, ConsentRow[]>(ctx, async (trx) => {
        const open = (await consentsByIndex(trx, [sealer.phoneIndex(phone)])).filter(
          (row) =>
            row.withdrawnAt === null &&
            (row.expiresAt === null || row.expiresAt > at) &&
            (withdrawal.purpose === undefined || row.purpose === withdrawal.purpose) &&
            (withdrawal.channel === undefined || row.channel === withdrawal.channel),
        );
        const withdrawn = await withdrawConsents(
          trx,
          open.map((row) => row.id),
          { at, how: withdrawal.how, by: actorName(ctx) },
        );
        for (const row of withdrawn)
          await audit.append(trx, ctx, {
            action: 'campaigns.consent.withdrawn',
            target: { type: 'consent', id: toPublicId('cons', row.id) },
            details: { purpose: row.purpose, channel: row.channel, how: withdrawal.how },
          });
        return withdrawn;
      });
      return Promise.all(rows.map((row) => view(ctx.tenantId, row)));
    },

    async withdrawOne(ctx, consentId, how, at) {
      const uuid = fromPublicId('cons', consentId);
      if (!uuid) throw CampaignsErrors.consentNotFound();
      const when = withdrawalTime(at);
      const row = await database.withTenant<Tables, ConsentRow | 'withdrawn' | undefined>(
        ctx,
        async (trx) => {
          const found = await findConsent(trx, uuid);
          if (!found) return undefined;
          if (found.withdrawnAt !== null) return 'withdrawn';
          const [withdrawn] = await withdrawConsents(trx, [uuid], { at: when, how, by: actorName(ctx) });
          if (!withdrawn) return 'withdrawn';
          await audit.append(trx, ctx, {
            action: 'campaigns.consent.withdrawn',
            target: { type: 'consent', id: consentId },
            details: { purpose: withdrawn.purpose, channel: withdrawn.channel, how },
          });
          return withdrawn;
        },
      );
      if (row === undefined) throw CampaignsErrors.consentNotFound();
      if (row === 'withdrawn') throw CampaignsErrors.consentAlreadyWithdrawn();
      return view(ctx.tenantId, row);
    },

    async listByNumber(ctx, text, region) {
      const phone = number(text, region, 'querystring.phone');
      const sealer = await sealing.forTenant(ctx.tenantId);
      const rows = await database.withTenant<Tables, ConsentRow[]>(ctx, (trx) =>
        consentsByIndex(trx, [sealer.phoneIndex(phone)]),
      );
      const now = new Date();
      return Promise.all(rows.map((row) => view(ctx.tenantId, row, now)));
    },

    async consentFacts(ctx, numbers) {
      const sealer = await sealing.forTenant(ctx.tenantId);
      const byIndex = new Map<string, string>();
      const facts = new Map<string, ConsentRecord[]>();
      for (const e164 of numbers) {
        facts.set(e164, []);
        byIndex.set(sealer.phoneIndex(e164).toString('base64'), e164);
      }
      const indexes = [...byIndex.keys()].map((key) => Buffer.from(key, 'base64'));
      const rows: ConsentRow[] = [];
      // Batches of 1,000 keep each statement's parameter list well under PostgreSQL's limit.
      await database.withTenant<Tables, void>(ctx, async (trx) => {
        for (let i = 0; i < indexes.length; i += 1000)
          rows.push(...(await consentsByIndex(trx, indexes.slice(i, i + 1000))));
      });
      for (const row of rows) {
        const e164 = byIndex.get(row.phoneIndex.toString('base64'));
        if (e164 === undefined) continue;
        facts.get(e164)?.push({
          purpose: row.purpose,
          channel: row.channel,
          givenAt: row.givenAt.getTime(),
          expiresAt: row.expiresAt?.getTime() ?? null,
          withdrawnAt: row.withdrawnAt?.getTime() ?? null,
        });
      }
      return facts;
    },

    async purgeExpired(now) {
      // Across tenants, as the owner: the application role may not delete consent records.
      const { rows } = await sql<{
        removed: string;
      }>`select campaigns.purge_consents(${now}) as removed`.execute(database.owner);
      return Number(rows[0]?.removed ?? 0);
    },
  };
}
