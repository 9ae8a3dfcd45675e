import { verifyAuditChains } from '../../platform/audit/index.js';
import type { Database } from '../../platform/db/index.js';
import { toPublicId } from '../../platform/ids.js';
import type { AuditEntry, AuditService } from './contract.js';

type Row = {
  seq: number;
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  clientIp: string | null;
  details: Record<string, unknown>;
};

type AuditTables = { 'audit.entries': Row & { tenantId: string } };

export function createAuditService(database: Database): AuditService {
  return {
    async list(ctx, query) {
      const rows = await database.withTenant<AuditTables, Row[]>(ctx, (trx) => {
        let q = trx
          .selectFrom('audit.entries')
          .select(['seq', 'id', 'occurredAt', 'actorType', 'actorId', 'action', 'targetType', 'targetId', 'requestId', 'clientIp', 'details']);
        if (query.actorId) q = q.where('actorId', '=', query.actorId);
        if (query.action) q = query.action.endsWith('.') ? q.where('action', 'like', `${query.action.replace(/[%_\\]/g, '\\$&')}%`) : q.where('action', '=', query.action);
        if (query.from) q = q.where('occurredAt', '>=', query.from);
        if (query.to) q = q.where('occurredAt', '<', query.to);
        if (query.before !== undefined) q = q.where('seq', '<', query.before);
        return q.orderBy('seq', 'desc').limit(query.limit + 1).execute();
      });
      const page = rows.slice(0, query.limit);
      const items: AuditEntry[] = page.map((r) => ({
        seq: r.seq,
        id: toPublicId('aud', r.id),
        occurredAt: r.occurredAt,
        actor: { type: r.actorType, id: r.actorId },
        action: r.action,
        target: r.targetType && r.targetId ? { type: r.targetType, id: r.targetId } : null,
        requestId: r.requestId,
        clientIp: r.clientIp,
        details: r.details,
      }));
      return { items, nextBefore: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null };
    },
    async verify(ctx) {
      // Verification needs the raw rows and the head regardless of policies: read-only, one tenant.
      const report = await verifyAuditChains(database.owner, { tenantId: ctx.tenantId });
      const broken = report.breaks[0];
      return {
        intact: !broken,
        entries: report.entries,
        firstBreak: broken ? { seq: broken.seq, reason: broken.reason, detail: broken.detail } : null,
      };
    },
  };
}
