import type { Database } from '../../platform/db/index.js';
import { toPublicId } from '../../platform/ids.js';
import type { ModulePrivacy } from '../../platform/privacy/index.js';
import { entriesByActors, type AuditEntryRow, type AuditTables } from './audit.repo.js';

/*
 * The audit log in data-subject requests: the entries a person's own accounts wrote (their user
 * ids as actors). They are found and exported, and kept through an erasure: the log is the
 * tenant's proof of who did what (accountability), and removing or editing an entry would break
 * the hash chain every later entry depends on. Entries carry ids and key facts, not names or
 * e-mails; they leave the table after ten years (the archive job).
 */

const KEPT_REASON = 'accountability and the integrity of the hash-chained log (GDPR Art. 5(2), 17(3)(b))';

const actionWords = (action: string) => action.replace(/[._]/g, ' ');

function summaryOf(row: AuditEntryRow): string {
  const target = row.targetType && row.targetId ? ` · ${row.targetType} ${row.targetId}` : '';
  return `Audit log · ${actionWords(row.action)}${target}`;
}

export function createAuditPrivacy(database: Database): ModulePrivacy {
  const entriesOf = (ctx: Parameters<ModulePrivacy['find']>[0], userIds: readonly string[], limit: number) =>
    userIds.length === 0
      ? Promise.resolve([])
      : database.withTenant<AuditTables, AuditEntryRow[]>(ctx, (trx) => entriesByActors(trx, userIds, limit));

  return {
    holds:
      'Audit log entries of the actions a client took with their own account (by user id, with the client IP address).',
    retention: [{ what: 'audit log entries of the subject’s own actions', reason: KEPT_REASON }],

    async find(ctx, subject, options) {
      const rows = await entriesOf(ctx, subject.userIds, options?.limit ?? 500);
      return rows.map((row) => ({
        module: 'audit',
        kind: 'audit_entry',
        id: toPublicId('aud', row.id),
        at: row.occurredAt,
        summary: summaryOf(row),
        consolePath: `/admin/audit?actor=${encodeURIComponent(row.actorId)}`,
      }));
    },

    async export(ctx, subject) {
      const rows = await entriesOf(ctx, subject.userIds, 100_000);
      return [
        {
          name: 'audit-entries',
          rows: rows.map((row) => ({
            id: toPublicId('aud', row.id),
            occurredAt: row.occurredAt.toISOString(),
            actor: row.actorId,
            action: row.action,
            target: row.targetType && row.targetId ? `${row.targetType} ${row.targetId}` : null,
            clientIp: row.clientIp,
            details: row.details,
          })),
        },
      ];
    },

    async erase(ctx, subject) {
      const rows = await entriesOf(ctx, subject.userIds, 1_000_000);
      return {
        erased: 0,
        kept:
          rows.length === 0 ? [] : [{ what: 'audit log entries', count: rows.length, reason: KEPT_REASON }],
      };
    },
  };
}
