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

export interface AuditService {
  list(ctx: RequestContext, query: AuditQuery): Promise<{ items: AuditEntry[]; nextBefore: number | null }>;
  verify(ctx: RequestContext): Promise<{
    intact: boolean;
    entries: number;
    firstBreak: { seq: number; reason: string; detail: string } | null;
  }>;
}
