import { archiveAuditEntries, verifyAuditChains } from '../../platform/audit/index.js';
import type { Database } from '../../platform/db/index.js';
import type { ObjectStore } from '../../platform/objects/index.js';
import { toPublicId } from '../../platform/ids.js';
import { listEntries, type AuditEntryRow, type AuditTables } from './audit.repo.js';
import type { AuditEntry, AuditService } from './contract.js';

/** `archive`: where old entries are moved to and read back from (the object store). */
export function createAuditService(database: Database, archive: ObjectStore): AuditService {
  return {
    async list(ctx, query) {
      const rows = await database.withTenant<AuditTables, AuditEntryRow[]>(ctx, (trx) =>
        listEntries(trx, query),
      );
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
      const report = await verifyAuditChains(database.owner, { tenantId: ctx.tenantId, archive });
      const broken = report.breaks[0];
      return {
        intact: !broken,
        entries: report.entries,
        firstBreak: broken ? { seq: broken.seq, reason: broken.reason, detail: broken.detail } : null,
      };
    },
    archiveOldEntries: (options = {}) => archiveAuditEntries(database.owner, archive, options),
  };
}
