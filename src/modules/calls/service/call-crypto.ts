import canonicalize from 'canonicalize';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { CallParty, NormalisedCall } from '../call-record.js';
import type { NamedRef } from '../contract.js';
import { termPurposes } from './search-terms.js';

/*
 * Encryption and blind indexes of call data under the tenant's keys. The AAD binds a record's
 * ciphertexts to its call id, so a ciphertext copied onto another row does not decrypt. The
 * agent ciphertext is bound to the purpose only: statistics pick one per agent group, whatever row
 * it came from.
 */

export interface CallParties {
  readonly from: CallParty;
  readonly to: CallParty;
}

export interface CallCrypto {
  /** Loads the tenant's keys, so that work inside a transaction does not wait on the key store. */
  warm(tenantId: string): Promise<void>;
  blindIndex(tenantId: string, purpose: string, value: string): Promise<Buffer>;
  /** Keyed digest of the normalised call (canonical JSON): equal content, equal digest. */
  digest(tenantId: string, call: NormalisedCall): Promise<Buffer>;
  encryptRecord(tenantId: string, callUuid: string, call: NormalisedCall): Promise<Buffer>;
  decryptRecord(tenantId: string, callUuid: string, ciphertext: Buffer): Promise<NormalisedCall>;
  encryptParties(tenantId: string, callUuid: string, parties: CallParties): Promise<Buffer>;
  decryptParties(tenantId: string, callUuid: string, ciphertext: Buffer): Promise<CallParties>;
  encryptAgent(tenantId: string, agent: NamedRef): Promise<string>;
  decryptAgent(tenantId: string, ciphertext: string): Promise<NamedRef>;
  encryptRaw(tenantId: string, id: string, raw: Buffer): Promise<Buffer>;
  decryptRaw(tenantId: string, id: string, ciphertext: Buffer): Promise<Buffer>;
}

export function createCallCrypto(keyring: Keyring): CallCrypto {
  const decryptJson = async <T>(tenantId: string, ciphertext: Buffer | string, aad: string): Promise<T> =>
    JSON.parse((await keyring.decrypt(tenantId, ciphertext, aad)).toString('utf8')) as T;
  const blindIndex = async (tenantId: string, purpose: string, value: string) =>
    Buffer.from(await keyring.blindIndex(tenantId, purpose, value, 'hex'), 'hex');
  return {
    async warm(tenantId) {
      await keyring.activeKeyId(tenantId);
      await keyring.blindIndex(tenantId, termPurposes.digest, '');
    },
    blindIndex,
    digest: (tenantId, call) => blindIndex(tenantId, termPurposes.digest, canonicalize(call) ?? ''),
    encryptRecord: (tenantId, callUuid, call) => keyring.encrypt(tenantId, JSON.stringify(call), `calls.record:${callUuid}`),
    decryptRecord: (tenantId, callUuid, ciphertext) => decryptJson<NormalisedCall>(tenantId, ciphertext, `calls.record:${callUuid}`),
    encryptParties: (tenantId, callUuid, parties) =>
      keyring.encrypt(tenantId, JSON.stringify({ from: parties.from, to: parties.to }), `calls.parties:${callUuid}`),
    decryptParties: (tenantId, callUuid, ciphertext) => decryptJson<CallParties>(tenantId, ciphertext, `calls.parties:${callUuid}`),
    encryptAgent: (tenantId, agent) => keyring.encryptToString(tenantId, JSON.stringify({ id: agent.id, name: agent.name }), 'calls.agent'),
    decryptAgent: (tenantId, ciphertext) => decryptJson<NamedRef>(tenantId, ciphertext, 'calls.agent'),
    encryptRaw: (tenantId, id, raw) => keyring.encrypt(tenantId, raw, `calls.quarantine:${id}`),
    decryptRaw: (tenantId, id, ciphertext) => keyring.decrypt(tenantId, ciphertext, `calls.quarantine:${id}`),
  };
}
