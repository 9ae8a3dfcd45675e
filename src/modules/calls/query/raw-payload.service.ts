import { timingSafeEqual } from 'node:crypto';
import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { apiPrefixes } from '../../../platform/http/index.js';
import { fromPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { CallsTables } from '../db/calls.tables.js';
import { CallsErrors } from '../errors.js';
import {
  locatorOfRow,
  readArchiveObject,
  type ArchiveLocator,
  type ArchiveSealing,
} from '../ingest/archive-sealing.js';
import { findRawLocation } from './call-reads.repo.js';

/*
 * The raw payload of a call, opened: archive objects are sealed under the callers' subject keys, so
 * a link straight to the object store would hand out ciphertext. The calls API opens the object and
 * serves its JSON, either to a signed-in caller holding calls:raw or through a short-lived link it
 * signed itself (what the call detail hands out as `raw.url`; a browser fetches it without its token).
 * An erased subject's payload answers 410 CALLS_RAW_ERASED.
 */

const LINK_PURPOSE = 'calls.raw-link';

export interface RawPayloads {
  /** The archived JSON of the call (`{source, sourceCallId, sourceVersion, raw}`), audited as calls.raw_viewed. */
  read(ctx: AuditContext, callId: string): Promise<Buffer>;
  /** A link to the opened payload that works without a token until it expires. */
  signedUrl(ctx: RequestContext, callId: string, expiresInSeconds: number): Promise<string>;
  /** The payload behind a signed link; refused when the signature does not match or the link expired. */
  /** Where the call's raw payload is archived; null for no such call. For other readers of the archive (vCon export). */
  locate(tenantId: string, callId: string): Promise<ArchiveLocator | null>;
  readSigned(query: {
    readonly callId: string;
    readonly tenant: string;
    readonly expires: string;
    readonly sig: string;
  }): Promise<Buffer>;
}

const linkInvalid = () =>
  new AppError('CALLS_RAW_LINK_INVALID', 'forbidden', 'This raw payload link is invalid or has expired.');

export function createRawPayloads(deps: {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly audit: AuditLog;
  readonly archive: ObjectStore;
  readonly sealing: ArchiveSealing;
  readonly publicUrl: string;
  readonly now?: () => number;
}): RawPayloads {
  const now = deps.now ?? Date.now;
  const signature = async (tenantId: string, callId: string, expires: string) =>
    (await deps.keyring.blindIndexer(tenantId, LINK_PURPOSE))(`${callId}\n${expires}`);

  const locate = async (tenantId: string, callId: string): Promise<ArchiveLocator | null> => {
    const uuid = fromPublicId('call', callId);
    if (!uuid) return null;
    const row = await deps.database.withTenant<CallsTables, Awaited<ReturnType<typeof findRawLocation>>>(
      { tenantId },
      (trx) => findRawLocation(trx, uuid),
    );
    return row ? locatorOfRow(row) : null;
  };

  const open = async (tenantId: string, callId: string): Promise<Buffer> => {
    const locator = await locate(tenantId, callId);
    if (!locator) throw CallsErrors.notFound();
    const bytes = await readArchiveObject(deps, tenantId, locator);
    if (!bytes) throw CallsErrors.rawMissing();
    return bytes;
  };

  return {
    locate,
    async read(ctx, callId) {
      const bytes = await open(ctx.tenantId, callId);
      await deps.audit.record(ctx, {
        action: 'calls.raw_viewed',
        target: { type: 'call', id: callId },
        details: {},
      });
      return bytes;
    },
    async signedUrl(ctx, callId, expiresInSeconds) {
      const expires = String(Math.floor(now() / 1000) + expiresInSeconds);
      const sig = (await signature(ctx.tenantId, callId, expires)).toString('hex');
      const query = new URLSearchParams({ tenant: ctx.tenantId, expires, sig });
      const base = deps.publicUrl.replace(/\/+$/, '');
      return `${base}${apiPrefixes.internal}/calls/${encodeURIComponent(callId)}/raw/signed?${query.toString()}`;
    },
    async readSigned({ callId, tenant, expires, sig }) {
      if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < now()) throw linkInvalid();
      if (!/^[0-9a-f-]{36}$/.test(tenant) || !/^[0-9a-f]{64}$/.test(sig)) throw linkInvalid();
      const expected = await signature(tenant, callId, expires);
      if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) throw linkInvalid();
      return open(tenant, callId);
    },
  };
}
