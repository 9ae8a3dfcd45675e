import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The fields an entry's hash covers: everything but the hash itself. */
export interface HashedFields {
  readonly tenantId: string;
  readonly seq: number;
  readonly id: string;
  readonly occurredAt: Date;
  readonly actorType: string;
  readonly actorId: string;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly requestId: string | null;
  readonly clientIp: string | null;
  readonly details: unknown;
  readonly prevHash: Buffer | null;
}

/**
 * SHA-256 over the RFC 8785 canonical JSON of the entry, so the same entry hashes the same way
 * whatever the key order or number formatting of the JSON it went through (jsonb reorders keys).
 */
export function entryHash(fields: HashedFields): Buffer {
  const canonical = canonicalize({
    v: 1,
    tenantId: fields.tenantId,
    seq: fields.seq,
    id: fields.id,
    occurredAt: fields.occurredAt.toISOString(),
    actorType: fields.actorType,
    actorId: fields.actorId,
    action: fields.action,
    targetType: fields.targetType,
    targetId: fields.targetId,
    requestId: fields.requestId,
    clientIp: fields.clientIp,
    details: fields.details,
    prevHash: fields.prevHash?.toString('hex') ?? null,
  });
  if (canonical === undefined) throw new Error('audit entry cannot be canonicalised');
  return createHash('sha256').update(canonical).digest();
}
