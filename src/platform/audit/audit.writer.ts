import { sql, type Transaction } from 'kysely';
import type { RequestContext } from '../context.js';
import type { Database, NoTables } from '../db/index.js';
import { newUuid } from '../ids.js';
import { entryHash } from './audit.hash.js';

/** What happened, to what. The actor, tenant and request come from the context. */
export interface AuditEvent {
  /** Dotted verb, e.g. `auth.login.succeeded`, `api_key.created`, `recording.played`. */
  readonly action: string;
  readonly target?: { readonly type: string; readonly id: string };
  /** Small, non-sensitive facts (ids, counts, reasons). Never secrets or personal data. */
  readonly details?: Record<string, unknown>;
}

export interface AuditContext extends RequestContext {
  readonly clientIp?: string | undefined;
}

export interface AuditLog {
  /** Appends inside the caller's tenant transaction: the entry commits with the change it records. */
  append<DB>(trx: Transaction<DB>, ctx: AuditContext, event: AuditEvent): Promise<void>;
  /** Appends in a transaction of its own (for events that must be kept even when the request fails). */
  record(ctx: AuditContext, event: AuditEvent): Promise<void>;
}

type Row = { seq: number; hash: Buffer };

/**
 * `now` is the clock entries are stamped with: the platform's own, or a test's that back-dates
 * entries (the hash covers the time, so a test cannot back-date them afterwards).
 */
export function createAuditLog(database: Database, options: { readonly now?: () => Date } = {}): AuditLog {
  const now = options.now ?? (() => new Date());
  const append: AuditLog['append'] = async <DB>(
    trx: Transaction<DB>,
    ctx: AuditContext,
    event: AuditEvent,
  ) => {
    // Serialise appends per tenant for the duration of this transaction, so two requests never
    // both extend the chain from the same head.
    await sql`select pg_advisory_xact_lock(hashtextextended('audit:' || ${ctx.tenantId}, 0))`.execute(trx);
    const head = await sql<Row>`select seq, hash from audit.heads where tenant_id = ${ctx.tenantId}`.execute(
      trx,
    );
    const previous = head.rows[0];
    const fields = {
      tenantId: ctx.tenantId,
      seq: (previous?.seq ?? 0) + 1,
      id: newUuid(),
      // Millisecond precision: PostgreSQL keeps microseconds, JavaScript dates milliseconds; the
      // hash must survive the round trip.
      occurredAt: new Date(Math.floor(now().getTime())),
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      action: event.action,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      requestId: ctx.requestId,
      clientIp: ctx.clientIp ?? null,
      details: event.details ?? {},
      prevHash: previous?.hash ?? null,
    };
    const hash = entryHash(fields);
    await sql`
      insert into audit.entries (tenant_id, seq, id, occurred_at, actor_type, actor_id, action, target_type, target_id,
                                 request_id, client_ip, details, prev_hash, hash)
      values (${fields.tenantId}, ${fields.seq}, ${fields.id}, ${fields.occurredAt}, ${fields.actorType}, ${fields.actorId},
              ${fields.action}, ${fields.targetType}, ${fields.targetId}, ${fields.requestId}, ${fields.clientIp},
              ${JSON.stringify(fields.details)}::jsonb, ${fields.prevHash}, ${hash})`.execute(trx);
    await sql`
      insert into audit.heads (tenant_id, seq, hash) values (${fields.tenantId}, ${fields.seq}, ${hash})
      on conflict (tenant_id) do update set seq = excluded.seq, hash = excluded.hash`.execute(trx);
  };
  return {
    append,
    record: (ctx, event) => database.withTenant<NoTables, void>(ctx, (trx) => append(trx, ctx, event)),
  };
}
