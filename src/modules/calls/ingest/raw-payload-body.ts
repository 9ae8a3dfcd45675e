import type { Keyring } from '../../../platform/crypto/index.js';
import { stripClientState } from '../teams/teams-notifications.js';

/** How `calls.raw_payloads.body` holds a payload (see db/migrations/0007-raw-payloads-sealed.ts). */
export type BodyEncoding = 'plain' | 'sealed';

/** Payload kinds whose bodies carry a webhook's shared secret (Graph's clientState). */
const formatsWithSecrets: ReadonlySet<string> = new Set(['graph-notification', 'graph-lifecycle']);

/**
 * What may be stored of a body: all of it, except a webhook's shared secret, which has been
 * checked by the time a body is stored and is of no use afterwards.
 */
export function storableBody(format: string, body: Buffer): Buffer {
  return formatsWithSecrets.has(format) ? stripClientState(body) : body;
}

/** Binds a sealed body to its row: copied onto another payload, it does not decrypt. */
const aadOf = (payloadId: string) => `calls.raw_payload:${payloadId}`;

export interface RawPayloadBodies {
  /** The body under the tenant's active data key. */
  seal(tenantId: string, payloadId: string, body: Buffer): Promise<Buffer>;
  /** The body as received, whichever way the row holds it. */
  open(tenantId: string, payloadId: string, encoding: BodyEncoding, stored: Buffer): Promise<Buffer>;
}

export function createRawPayloadBodies(keyring: Keyring): RawPayloadBodies {
  return {
    seal: (tenantId, payloadId, body) => keyring.encrypt(tenantId, body, aadOf(payloadId)),
    open: async (tenantId, payloadId, encoding, stored) =>
      encoding === 'sealed' ? keyring.decrypt(tenantId, stored, aadOf(payloadId)) : stored,
  };
}
