import type { RequestContext } from '../../platform/context.js';

export interface AuditEntry {
  readonly seq: number;
  readonly id: string;
  readonly occurredAt: Date;
  readonly actor: { readonly type: string; readonly id: string };
  readonly action: string;
  readonly target: { readonly type: string; readonly id: string } | null;
  readonly requestId: string | null;
  readonly clientIp: string | null;
  readonly details: Record<string, unknown>;
}

export interface AuditQuery {
  readonly actorId?: string | undefined;
  /** Exact action, or a prefix ending in `.` (e.g. `auth.`). */
  readonly action?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  /** Keyset cursor: entries older than this sequence number. */
  readonly before?: number | undefined;
  readonly limit: number;
}

/** What one run of the archive job did. */
export interface AuditArchiveReport {
  readonly objects: number;
  readonly entries: number;
  readonly refused: readonly { readonly tenantId: string; readonly key: string }[];
}

export interface AuditService {
  list(ctx: RequestContext, query: AuditQuery): Promise<{ items: AuditEntry[]; nextBefore: number | null }>;
  verify(ctx: RequestContext): Promise<{
    intact: boolean;
    entries: number;
    firstBreak: { seq: number; reason: string; detail: string } | null;
  }>;
  /**
   * Retention: moves entries older than `years` (default 10; whole months, UTC) of every tenant to
   * the object store (write-once JSON Lines with their hashes, one object per tenant and month) and
   * out of the table. `verify` reads the archive first, so the chain stays verifiable. The daily
   * job runs it; tests pass `now` or `years`.
   */
  archiveOldEntries(options?: { readonly now?: Date; readonly years?: number }): Promise<AuditArchiveReport>;
}
