import { createHash } from 'node:crypto';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { CampaignsTables, CampaignsTransaction } from '../db/campaigns.tables.js';
import { DAY_MS } from '../dialing/local-time.js';
import { compileDncList } from '../dialing/dnc-matcher.js';
import type { RegistryCopy as RegistryFacts } from '../dialing/pre-dial-check.js';
import { CampaignsErrors } from '../errors.js';
import { sealingAad, type CampaignsSealing, type TenantSealer } from '../sealing.js';
import { actorName } from './actor-name.js';
import { toE164 } from './phone-number.js';
import { readRegistryFile } from './registry-file.js';
import {
  activeByIndex,
  activeByPattern,
  activePatterns,
  currentCopies,
  insertEntry,
  listedIndexes,
  listEntries,
  removeEntry,
  type DncEntryRow,
  type RegistryCopyRow,
} from './suppression.repo.js';
import type { DncEntry, DncEvidence, OptOut, RegistryCopy, SuppressionService } from './suppression.types.js';

type Tables = CampaignsTables;

/** Look-ups by blind index go in batches of this many (a statement's parameters stay few). */
const BATCH = 1000;
/** Registry entries are written in transactions of this many. */
const REGISTRY_BATCH = 5000;

const key = (index: Buffer) => index.toString('base64');

export interface InternalSuppression extends SuppressionService {
  /** optOut inside the caller's tenant transaction (the opt-out handler's `once`). */
  optOutWithin(
    trx: CampaignsTransaction,
    ctx: RequestContext,
    sealer: TenantSealer,
    optOut: OptOut,
  ): Promise<{ readonly row: DncEntryRow; readonly created: boolean }>;
  view(tenantId: string, row: DncEntryRow): Promise<DncEntry>;
}

export function createSuppressionService(deps: {
  readonly database: Database;
  readonly sealing: CampaignsSealing;
  readonly audit: AuditLog;
}): InternalSuppression {
  const { database, sealing, audit } = deps;

  const number = (text: string, region: string | undefined, field: string) => {
    const e164 = toE164(text, region);
    if (e164 === undefined) throw CampaignsErrors.invalidNumber(field);
    return e164;
  };

  const view = async (tenantId: string, row: DncEntryRow): Promise<DncEntry> => {
    const [phone, evidence] = await Promise.all([
      row.phoneSealed === null
        ? null
        : sealing.unseal(tenantId, row.phoneSealed, sealingAad.dncNumber(row.id)),
      row.evidenceSealed === null
        ? null
        : sealing.unseal(tenantId, row.evidenceSealed, sealingAad.dncEvidence(row.id)),
    ]);
    return {
      id: toPublicId('dnc', row.id),
      kind: row.pattern === null ? 'number' : 'pattern',
      number: phone,
      pattern: row.pattern,
      reason: row.reason,
      source: row.source,
      evidence: evidence === null ? null : (JSON.parse(evidence) as DncEvidence),
      addedBy: row.addedBy,
      createdAt: row.createdAt,
      removedAt: row.removedAt,
      removedBy: row.removedBy,
      removedReason: row.removedReason,
    };
  };

  const copyView = (row: RegistryCopyRow, now: Date): RegistryCopy => ({
    id: toPublicId('dncreg', row.id),
    registry: row.registry,
    region: row.region,
    downloadedAt: row.downloadedAt,
    ageDays: Math.floor((now.getTime() - row.downloadedAt.getTime()) / DAY_MS),
    state: row.state,
    entryCount: row.entryCount,
    linesRejected: row.linesRejected,
    importedBy: row.importedBy,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  });

  const sealEvidence = (sealer: TenantSealer, id: string, evidence: DncEvidence | undefined) =>
    evidence === undefined ? null : sealer.seal(JSON.stringify(evidence), sealingAad.dncEvidence(id));

  const optOutWithin: InternalSuppression['optOutWithin'] = async (trx, ctx, sealer, optOut) => {
    const index = sealer.phoneIndex(optOut.number);
    const id = newUuid();
    const inserted = await insertEntry(trx, {
      id,
      tenantId: ctx.tenantId,
      phoneIndex: index,
      phoneSealed: sealer.seal(optOut.number, sealingAad.dncNumber(id)),
      pattern: null,
      reason: `opt-out (${optOut.source})`,
      source: optOut.source,
      evidenceSealed: sealEvidence(sealer, id, optOut.evidence),
      addedBy: actorName(ctx),
    });
    if (inserted) {
      await audit.append(trx, ctx, {
        action: 'campaigns.dnc.opted_out',
        target: { type: 'dnc_entry', id: toPublicId('dnc', id) },
        details: {
          source: optOut.source,
          ...(optOut.evidence.recordingId ? { recordingId: optOut.evidence.recordingId } : {}),
          ...(optOut.evidence.analysisId ? { analysisId: optOut.evidence.analysisId } : {}),
        },
      });
      return { row: inserted, created: true };
    }
    const [existing] = await activeByIndex(trx, [index]);
    if (!existing) throw new Error('a DNC entry conflicted and then was not found');
    return { row: existing, created: false };
  };

  return {
    view,
    optOutWithin,

    async add(ctx, input) {
      if ((input.number === undefined) === (input.pattern === undefined))
        throw CampaignsErrors.invalidDncEntry(
          'body.number',
          'give either body.number or body.pattern, not both',
        );
      const sealer = await sealing.forTenant(ctx.tenantId);
      const id = newUuid();
      let phone: string | undefined;
      let field = 'body.pattern';
      if (input.number !== undefined) {
        phone = number(input.number, input.region, 'body.number');
        field = 'body.number';
      }
      const result = await database.withTenant<Tables, DncEntryRow | { exists: string }>(ctx, async (trx) => {
        const inserted = await insertEntry(trx, {
          id,
          tenantId: ctx.tenantId,
          phoneIndex: phone === undefined ? null : sealer.phoneIndex(phone),
          phoneSealed: phone === undefined ? null : sealer.seal(phone, sealingAad.dncNumber(id)),
          pattern: input.pattern ?? null,
          reason: input.reason,
          source: input.source ?? 'manual',
          evidenceSealed: sealEvidence(sealer, id, input.evidence),
          addedBy: actorName(ctx),
        });
        if (!inserted) {
          const existing =
            phone === undefined
              ? await activeByPattern(trx, input.pattern ?? '')
              : (await activeByIndex(trx, [sealer.phoneIndex(phone)]))[0];
          return { exists: existing ? toPublicId('dnc', existing.id) : 'unknown' };
        }
        await audit.append(trx, ctx, {
          action: 'campaigns.dnc.added',
          target: { type: 'dnc_entry', id: toPublicId('dnc', id) },
          details: { kind: phone === undefined ? 'pattern' : 'number', source: inserted.source },
        });
        return inserted;
      });
      if ('exists' in result) throw CampaignsErrors.dncEntryExists(field, result.exists);
      return view(ctx.tenantId, result);
    },

    async remove(ctx, entryId, reason) {
      const uuid = fromPublicId('dnc', entryId);
      if (!uuid) throw CampaignsErrors.dncEntryNotFound();
      const row = await database.withTenant<Tables, DncEntryRow | undefined>(ctx, async (trx) => {
        const removed = await removeEntry(trx, uuid, { by: actorName(ctx), reason });
        if (removed)
          await audit.append(trx, ctx, {
            action: 'campaigns.dnc.removed',
            target: { type: 'dnc_entry', id: entryId },
            details: {
              reason,
              source: removed.source,
              kind: removed.pattern === null ? 'number' : 'pattern',
            },
          });
        return removed;
      });
      if (!row) throw CampaignsErrors.dncEntryNotFound();
      return view(ctx.tenantId, row);
    },

    async check(ctx, text, region) {
      const phone = number(text, region, 'querystring.number');
      const sealer = await sealing.forTenant(ctx.tenantId);
      const index = sealer.phoneIndex(phone);
      const found = await database.withTenant<
        Tables,
        { rows: DncEntryRow[]; registries: { registry: string; listed: boolean }[] }
      >(ctx, async (trx) => {
        const exact = await activeByIndex(trx, [index]);
        const patterns = (await activePatterns(trx)).filter((row) =>
          compileDncList([], [row.pattern ?? '']).has(phone),
        );
        const registries = [];
        for (const copy of await currentCopies(trx))
          registries.push({
            registry: copy.registry,
            listed: (await listedIndexes(trx, copy.id, [index])).length > 0,
          });
        return { rows: [...exact, ...patterns], registries };
      });
      return {
        number: phone,
        suppressed: found.rows.length > 0,
        entries: await Promise.all(found.rows.map((row) => view(ctx.tenantId, row))),
        registries: found.registries,
      };
    },

    async list(ctx, query) {
      let after: { createdAt: Date; id: string } | undefined;
      if (query.cursor !== undefined) {
        const [at, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
        const createdAt = new Date(at ?? '');
        const uuid = fromPublicId('dnc', id ?? '');
        if (Number.isNaN(createdAt.getTime()) || !uuid)
          throw CampaignsErrors.invalidFilter('querystring.cursor', 'is not a cursor this list gave');
        after = { createdAt, id: uuid };
      }
      const rows = await database.withTenant<Tables, DncEntryRow[]>(ctx, (trx) =>
        listEntries(trx, { limit: query.limit + 1, after, includeRemoved: query.includeRemoved ?? false }),
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        entries: await Promise.all(page.map((row) => view(ctx.tenantId, row))),
        nextCursor:
          rows.length > query.limit && last
            ? Buffer.from(`${last.createdAt.toISOString()}|${toPublicId('dnc', last.id)}`).toString(
                'base64url',
              )
            : null,
      };
    },

    async optOut(ctx, optOut) {
      const phone = number(optOut.number, undefined, 'number');
      const sealer = await sealing.forTenant(ctx.tenantId);
      const { row, created } = await database.withTenant<Tables, { row: DncEntryRow; created: boolean }>(
        ctx,
        (trx) => optOutWithin(trx, ctx, sealer, { ...optOut, number: phone }),
      );
      return { entry: await view(ctx.tenantId, row), created };
    },

    async importRegistry(ctx, input) {
      const sealer = await sealing.forTenant(ctx.tenantId);
      const copyId = newUuid();
      await database.withTenant<Tables, void>(ctx, async (trx) => {
        await trx
          .insertInto('campaigns.dnc_registry_copies')
          .values({
            id: copyId,
            tenantId: ctx.tenantId,
            registry: input.registry,
            region: input.region,
            downloadedAt: input.downloadedAt,
            state: 'importing',
            fileSha256: null,
            importedBy: actorName(ctx),
            finishedAt: null,
          })
          .execute();
      });
      const hash = createHash('sha256');
      let entries = 0;
      let rejected = 0;
      let pending: Buffer[] = [];
      const flush = async () => {
        if (pending.length === 0) return;
        const batch = pending;
        pending = [];
        const result = await database.withTenant<Tables, bigint>(ctx, async (trx) => {
          const inserted = await trx
            .insertInto('campaigns.dnc_registry_entries')
            .values(batch.map((phoneIndex) => ({ tenantId: ctx.tenantId, copyId, phoneIndex })))
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst();
          return inserted.numInsertedOrUpdatedRows ?? 0n;
        });
        entries += Number(result);
      };
      try {
        for await (const line of readRegistryFile(input.file, hash)) {
          const e164 = line === null ? undefined : toE164(line, input.region);
          if (e164 === undefined) {
            rejected++;
            continue;
          }
          pending.push(sealer.phoneIndex(e164));
          if (pending.length >= REGISTRY_BATCH) await flush();
        }
        await flush();
        if (entries === 0)
          throw CampaignsErrors.invalidRegistryImport([
            {
              field: 'body',
              message: `has no number that reads as a ${input.region} number (${rejected} lines rejected)`,
            },
          ]);
      } catch (error) {
        await database.withTenant<Tables, void>(ctx, async (trx) => {
          await trx.deleteFrom('campaigns.dnc_registry_entries').where('copyId', '=', copyId).execute();
          await trx
            .updateTable('campaigns.dnc_registry_copies')
            .set({ state: 'failed', finishedAt: new Date(), linesRejected: rejected })
            .where('id', '=', copyId)
            .execute();
        });
        throw error;
      }
      const row = await database.withTenant<Tables, RegistryCopyRow>(ctx, async (trx) => {
        const replaced = await trx
          .updateTable('campaigns.dnc_registry_copies')
          .set({ state: 'replaced' })
          .where('registry', '=', input.registry)
          .where('state', '=', 'current')
          .returning('id')
          .execute();
        if (replaced.length > 0)
          await trx
            .deleteFrom('campaigns.dnc_registry_entries')
            .where(
              'copyId',
              'in',
              replaced.map((r) => r.id),
            )
            .execute();
        const current = await trx
          .updateTable('campaigns.dnc_registry_copies')
          .set({
            state: 'current',
            entryCount: entries,
            linesRejected: rejected,
            fileSha256: hash.digest('hex'),
            finishedAt: new Date(),
          })
          .where('id', '=', copyId)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.append(trx, ctx, {
          action: 'campaigns.dnc_registry.imported',
          target: { type: 'dnc_registry_copy', id: toPublicId('dncreg', copyId) },
          details: {
            registry: input.registry,
            region: input.region,
            downloadedAt: input.downloadedAt.toISOString(),
            entries,
            rejected,
          },
        });
        return current;
      });
      return copyView(row, new Date());
    },

    async registries(ctx, now = new Date()) {
      const rows = await database.withTenant<Tables, RegistryCopyRow[]>(ctx, currentCopies);
      return rows.map((row) => copyView(row, now));
    },

    async suppressionFacts(ctx, numbers) {
      const sealer = await sealing.forTenant(ctx.tenantId);
      const asked = new Map<string, string>();
      for (const e164 of numbers) asked.set(key(sealer.phoneIndex(e164)), e164);
      const indexes = [...asked.keys()].map((k) => Buffer.from(k, 'base64'));
      const found = await database.withTenant<
        Tables,
        { onList: DncEntryRow[]; patterns: string[]; copies: { row: RegistryCopyRow; listed: Buffer[] }[] }
      >(ctx, async (trx) => {
        const onList: DncEntryRow[] = [];
        for (let i = 0; i < indexes.length; i += BATCH)
          onList.push(...(await activeByIndex(trx, indexes.slice(i, i + BATCH))));
        const patterns = (await activePatterns(trx)).flatMap((row) =>
          row.pattern === null ? [] : [row.pattern],
        );
        const copies = [];
        for (const row of await currentCopies(trx)) {
          const listed: Buffer[] = [];
          for (let i = 0; i < indexes.length; i += BATCH)
            listed.push(...(await listedIndexes(trx, row.id, indexes.slice(i, i + BATCH))));
          copies.push({ row, listed });
        }
        return { onList, patterns, copies };
      });
      const batch = new Set(asked.values());
      const numbersOf = (list: readonly Buffer[]) =>
        list.flatMap((index) => {
          const e164 = asked.get(key(index));
          return e164 === undefined ? [] : [e164];
        });
      const matcher = compileDncList(
        numbersOf(found.onList.flatMap((row) => (row.phoneIndex === null ? [] : [row.phoneIndex]))),
        found.patterns,
      );
      // Fail closed: a number outside the batch the facts were read for counts as suppressed.
      const registries = new Map<string, RegistryFacts>();
      for (const { row, listed } of found.copies) {
        const set = new Set(numbersOf(listed));
        registries.set(row.registry, {
          downloadedAt: row.downloadedAt.getTime(),
          has: (e164) => !batch.has(e164) || set.has(e164),
        });
      }
      return { internal: { has: (e164) => !batch.has(e164) || matcher.has(e164) }, registries };
    },
  };
}
