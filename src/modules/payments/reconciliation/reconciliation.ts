import { sql } from 'kysely';
import type { AuditLog } from '../../../platform/audit/index.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { GatewayName } from '../contract.js';
import type { PaymentsTables } from '../db/payments.tables.js';
import { dayBounds, type GatewayTransaction } from '../gateways/gateway.js';
import type { GatewayRegistry } from '../payments/payments.service.js';

/*
 * Reconciliation: for a gateway and a UTC day, the captures and refunds the gateway booked (its own
 * list) against ours, matched by the gateway's reference. Ours are those settled that day; a
 * gateway's entry is looked up among ours a day either side (an answer recorded just after
 * midnight). The report lists what matched, what is missing at the gateway, what is missing here,
 * and amounts that differ. A daily timer reconciles yesterday for each tenant that had movements.
 */

export interface ReconciliationReport {
  readonly id: string;
  readonly gateway: GatewayName;
  readonly date: string;
  readonly matched: number;
  readonly missingAtGateway: readonly MissingAtGateway[];
  readonly missingHere: readonly MissingHere[];
  readonly amountMismatches: readonly AmountMismatch[];
  readonly createdAt: Date;
}

export interface MissingAtGateway {
  readonly transactionId: string;
  readonly paymentId: string;
  readonly kind: string;
  readonly reference: string | null;
  readonly amountMinor: number;
  readonly currency: string;
}
export interface MissingHere {
  readonly reference: string;
  readonly kind: string;
  readonly paymentReference: string | null;
  readonly amountMinor: number;
  readonly currency: string;
}
export interface AmountMismatch {
  readonly reference: string;
  readonly paymentId: string;
  readonly kind: string;
  readonly oursMinor: number;
  readonly theirsMinor: number;
  readonly currency: string;
}

type Tables = PaymentsTables;

export function createReconciliation(deps: {
  readonly database: Database;
  readonly gateways: GatewayRegistry;
  readonly audit: AuditLog;
  readonly logger: Logger;
}) {
  const { database } = deps;

  const toReport = (row: {
    id: string;
    gateway: string;
    day: string;
    matched: number;
    missingAtGateway: unknown;
    missingHere: unknown;
    amountMismatches: unknown;
    createdAt: Date;
  }): ReconciliationReport => ({
    id: toPublicId('rec', row.id),
    gateway: row.gateway as GatewayName,
    date: row.day,
    matched: row.matched,
    missingAtGateway: row.missingAtGateway as MissingAtGateway[],
    missingHere: row.missingHere as MissingHere[],
    amountMismatches: row.amountMismatches as AmountMismatch[],
    createdAt: row.createdAt,
  });

  async function run(
    ctx: RequestContext,
    gatewayName: GatewayName,
    day: string,
  ): Promise<ReconciliationReport> {
    const theirs: GatewayTransaction[] = await deps.gateways.get(gatewayName).listTransactions(ctx, day);
    const { from, to } = dayBounds(day);
    const widerFrom = new Date(from.getTime() - 86_400_000);
    const widerTo = new Date(to.getTime() + 86_400_000);
    return database.withTenant<Tables, ReconciliationReport>(ctx, async (trx) => {
      const ours = await trx
        .selectFrom('payments.payment_transactions as t')
        .innerJoin('payments.payments as p', 'p.id', 't.paymentId')
        .select([
          't.id',
          't.paymentId',
          't.kind',
          't.gatewayReference',
          't.amountMinor',
          't.currency',
          't.settledAt',
        ])
        .where('p.gateway', '=', gatewayName)
        .where('t.status', '=', 'succeeded')
        .where('t.kind', 'in', ['capture', 'refund'])
        .where('t.settledAt', '>=', widerFrom)
        .where('t.settledAt', '<', widerTo)
        .execute();
      const byReference = new Map(
        ours.filter((t) => t.gatewayReference).map((t) => [t.gatewayReference as string, t]),
      );
      const seen = new Set<string>();
      let matched = 0;
      const missingHere: MissingHere[] = [];
      const amountMismatches: AmountMismatch[] = [];
      for (const entry of theirs) {
        const mine = byReference.get(entry.reference);
        if (!mine) {
          missingHere.push({
            reference: entry.reference,
            kind: entry.kind,
            paymentReference: entry.paymentReference,
            amountMinor: entry.amountMinor,
            currency: entry.currency,
          });
          continue;
        }
        seen.add(mine.id);
        if (mine.amountMinor !== entry.amountMinor || mine.currency !== entry.currency.toUpperCase())
          amountMismatches.push({
            reference: entry.reference,
            paymentId: toPublicId('pay', mine.paymentId),
            kind: mine.kind,
            oursMinor: mine.amountMinor,
            theirsMinor: entry.amountMinor,
            currency: mine.currency,
          });
        else matched += 1;
      }
      const missingAtGateway: MissingAtGateway[] = ours
        .filter((t) => !seen.has(t.id) && t.settledAt && t.settledAt >= from && t.settledAt < to)
        .map((t) => ({
          transactionId: toPublicId('ptx', t.id),
          paymentId: toPublicId('pay', t.paymentId),
          kind: t.kind,
          reference: t.gatewayReference,
          amountMinor: t.amountMinor,
          currency: t.currency,
        }));
      const row = {
        id: newUuid(),
        tenantId: ctx.tenantId,
        gateway: gatewayName,
        day,
        matched,
        missingAtGateway: JSON.stringify(missingAtGateway),
        missingHere: JSON.stringify(missingHere),
        amountMismatches: JSON.stringify(amountMismatches),
        createdBy: `${ctx.actor.type}:${ctx.actor.id}`.slice(0, 200),
      };
      const inserted = await trx
        .insertInto('payments.reconciliation_reports')
        .values(row)
        .returning('createdAt')
        .executeTakeFirstOrThrow();
      await deps.audit.append(trx, ctx, {
        action: 'payments.reconciliation_run',
        target: { type: 'payment_reconciliation', id: toPublicId('rec', row.id) },
        details: {
          gateway: gatewayName,
          date: day,
          matched,
          missingAtGateway: missingAtGateway.length,
          missingHere: missingHere.length,
          amountMismatches: amountMismatches.length,
        },
      });
      return {
        id: toPublicId('rec', row.id),
        gateway: gatewayName,
        date: day,
        matched,
        missingAtGateway,
        missingHere,
        amountMismatches,
        createdAt: inserted.createdAt,
      };
    });
  }

  return {
    run,

    list(ctx: RequestContext, limit: number): Promise<ReconciliationReport[]> {
      return database.withTenant<Tables, ReconciliationReport[]>(ctx, async (trx) =>
        (
          await trx
            .selectFrom('payments.reconciliation_reports')
            .select([
              'id',
              'gateway',
              'day',
              'matched',
              'missingAtGateway',
              'missingHere',
              'amountMismatches',
              'createdAt',
            ])
            .orderBy('createdAt', 'desc')
            .orderBy('id', 'desc')
            .limit(limit)
            .execute()
        ).map((row) => toReport(row)),
      );
    },

    /** The daily run: yesterday (UTC), for every tenant and gateway that had movements that day. */
    async daily(now: Date): Promise<number> {
      const day = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
      const { from, to } = dayBounds(day);
      const { rows } = await sql<{ tenantId: string; gateway: GatewayName }>`
        select distinct t.tenant_id as "tenantId", p.gateway
        from payments.payment_transactions t join payments.payments p on p.id = t.payment_id
        where t.settled_at >= ${from} and t.settled_at < ${to} and t.kind in ('capture', 'refund')`.execute(
        database.owner,
      );
      let done = 0;
      for (const { tenantId, gateway } of rows) {
        const ctx = systemContext(tenantId, newUuid(), 'payments.reconciliation');
        try {
          await run(ctx, gateway, day);
          done += 1;
        } catch (error) {
          deps.logger.error(
            { err: error, tenantId, gateway, day },
            'payments: the daily reconciliation failed',
          );
        }
      }
      return done;
    },
  };
}

export type Reconciliation = ReturnType<typeof createReconciliation>;
