import canonicalize from 'canonicalize';
import { ciphertextToText, type Keyring } from '../../../platform/crypto/index.js';
import type { CallParty, NormalisedCall } from '../call-record.js';
import type { NamedRef } from '../contract.js';
import { termPurposes } from '../query/search-terms.js';
import {
  decodeParties,
  decodeRecord,
  encodeParties,
  encodeRecord,
  type RecordEncoding,
} from './record-encoding.js';

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

/**
 * The write side for one tenant, its keys loaded once: synchronous, because a batch hashes and
 * encrypts thousands of values and a promise per value costs more than the work.
 */
export interface CallWriteCrypto {
  blindIndex(purpose: TermPurpose, value: string): Buffer;
  /** Keyed digest of the normalised call (canonical JSON): equal content, equal digest. */
  digest(call: NormalisedCall): Buffer;
  encryptRecord(callUuid: string, call: NormalisedCall): Buffer;
  encryptParties(callUuid: string, parties: CallParties): Buffer;
  /** The same agent gets the same ciphertext from one writer (it is encrypted once). */
  encryptAgent(agent: NamedRef): string;
}

/**
 * The read side for one page of one tenant: the data keys its ciphertexts name looked up once,
 * then synchronous, so fifty rows cost fifty decryptions and not fifty key look-ups and promises.
 */
export interface CallReadCrypto {
  decryptParties(callUuid: string, ciphertext: Buffer): CallParties;
  decryptAgent(ciphertext: string): NamedRef;
}

export interface CallCrypto {
  /** The tenant's write-side crypto (under its active data key as of now). */
  writer(tenantId: string): Promise<CallWriteCrypto>;
  /** The read side for the given ciphertexts (every one the page will decrypt). */
  reader(tenantId: string, ciphertexts: Iterable<Buffer | string>): Promise<CallReadCrypto>;
  blindIndex(tenantId: string, purpose: string, value: string): Promise<Buffer>;
  decryptRecord(tenantId: string, callUuid: string, ciphertext: Buffer): Promise<NormalisedCall>;
  decryptParties(tenantId: string, callUuid: string, ciphertext: Buffer): Promise<CallParties>;
  decryptAgent(tenantId: string, ciphertext: string): Promise<NamedRef>;
  encryptRaw(tenantId: string, id: string, raw: Buffer): Promise<Buffer>;
  decryptRaw(tenantId: string, id: string, ciphertext: Buffer): Promise<Buffer>;
}

type TermPurpose = (typeof termPurposes)[keyof typeof termPurposes];

export interface CallCryptoOptions {
  /**
   * How records and parties are written (record-encoding.ts): compact (the default) or, for
   * benchmarks comparing footprints, the plain JSON of earlier versions. Both are read.
   */
  readonly recordEncoding?: RecordEncoding;
}

export function createCallCrypto(keyring: Keyring, options: CallCryptoOptions = {}): CallCrypto {
  const recordEncoding = options.recordEncoding ?? 'compact';
  const decryptJson = async <T>(tenantId: string, ciphertext: Buffer | string, aad: string): Promise<T> =>
    JSON.parse((await keyring.decrypt(tenantId, ciphertext, aad)).toString('utf8')) as T;
  const blindIndex = async (tenantId: string, purpose: string, value: string) =>
    (await keyring.blindIndexer(tenantId, purpose))(value);
  return {
    async writer(tenantId) {
      const purposes = Object.values(termPurposes);
      const indexers = new Map(
        await Promise.all(
          purposes.map(async (purpose) => [purpose, await keyring.blindIndexer(tenantId, purpose)] as const),
        ),
      );
      const encrypt = await keyring.encrypter(tenantId);
      const indexerOf = (purpose: TermPurpose) => {
        const indexer = indexers.get(purpose);
        if (!indexer) throw new Error(`no blind indexer for purpose ${purpose}`);
        return indexer;
      };
      const digestOf = indexerOf(termPurposes.digest);
      // The agent ciphertext is bound to its purpose only, so a batch's calls of one agent can share
      // one: encrypted once per agent and writer (a writer serves one batch), not once per call.
      const agents = new Map<string, string>();
      return {
        blindIndex: (purpose, value) => indexerOf(purpose)(value),
        digest: (call) => digestOf(canonicalize(call) ?? ''),
        encryptRecord: (callUuid, call) =>
          encrypt(encodeRecord(call, recordEncoding), `calls.record:${callUuid}`),
        encryptParties: (callUuid, parties) =>
          encrypt(encodeParties(parties, recordEncoding), `calls.parties:${callUuid}`),
        encryptAgent(agent) {
          const plaintext = JSON.stringify({ id: agent.id, name: agent.name });
          let ciphertext = agents.get(plaintext);
          if (ciphertext === undefined) {
            ciphertext = ciphertextToText(encrypt(plaintext, 'calls.agent'));
            agents.set(plaintext, ciphertext);
          }
          return ciphertext;
        },
      };
    },
    async reader(tenantId, ciphertexts) {
      const decrypt = await keyring.decrypter(tenantId, ciphertexts);
      const text = (ciphertext: Buffer | string, aad: string) => decrypt(ciphertext, aad).toString('utf8');
      // A batch's calls of one agent share one agent ciphertext: a page opens each once.
      const agents = new Map<string, NamedRef>();
      return {
        decryptParties: (callUuid, ciphertext) =>
          decodeParties(text(ciphertext, `calls.parties:${callUuid}`)),
        decryptAgent(ciphertext) {
          let agent = agents.get(ciphertext);
          if (agent === undefined) {
            agent = JSON.parse(text(ciphertext, 'calls.agent')) as NamedRef;
            agents.set(ciphertext, agent);
          }
          return { ...agent };
        },
      };
    },
    blindIndex,
    decryptRecord: async (tenantId, callUuid, ciphertext) =>
      decodeRecord(await keyring.decrypt(tenantId, ciphertext, `calls.record:${callUuid}`)),
    decryptParties: async (tenantId, callUuid, ciphertext) =>
      decodeParties(
        (await keyring.decrypt(tenantId, ciphertext, `calls.parties:${callUuid}`)).toString('utf8'),
      ),
    decryptAgent: (tenantId, ciphertext) => decryptJson<NamedRef>(tenantId, ciphertext, 'calls.agent'),
    encryptRaw: (tenantId, id, raw) => keyring.encrypt(tenantId, raw, `calls.quarantine:${id}`),
    decryptRaw: (tenantId, id, ciphertext) => keyring.decrypt(tenantId, ciphertext, `calls.quarantine:${id}`),
  };
}
