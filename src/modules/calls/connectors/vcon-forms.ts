import { X509Certificate, constants, verify, type KeyObject, type VerifyKeyObjectInput } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { QuarantineCategory } from './quarantine-reason.js';

/*
 * The three forms of a vCon (draft-ietf-vcon-vcon-core): unsigned, signed (JWS general JSON
 * serialisation) and encrypted (JWE). The import reads the unsigned vCon inside.
 */

export interface SignatureCheck {
  alg: string | null;
  verified: boolean;
  signer: string | null;
  /** Why the signature could not be checked; null when it was (verified says how it went). */
  note: string | null;
}

export type Opened =
  | { ok: true; vcon: unknown; signature: SignatureCheck | null }
  | { ok: false; reason: string; category: QuarantineCategory };

/** A signed vCon may be signed again before its certificate expires (the draft's long-term archiving). */
const MAX_SIGNATURE_LAYERS = 8;
/** A gzipped payload may not expand past what the ingest API accepts as a body. */
const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

/** The unsigned vCon a document holds, or why it cannot be read. */
export function openVcon(document: object, layer = 0): Opened {
  if ('ciphertext' in document && 'recipients' in document) {
    const unprotected = (document as { unprotected?: { uuid?: unknown; enc?: unknown } }).unprotected;
    const uuid = typeof unprotected?.uuid === 'string' ? ` ${unprotected.uuid}` : '';
    const enc = typeof unprotected?.enc === 'string' ? `, ${unprotected.enc}` : '';
    return {
      ok: false,
      reason:
        `encrypted vCon${uuid} (JWE${enc}): Switchboard holds no recipient key to decrypt it; ` +
        'decrypt it where the key is (it holds a signed vCon) and send the signed or unsigned form',
      category: 'not_supported',
    };
  }
  if ('payload' in document && 'signatures' in document) {
    if (layer >= MAX_SIGNATURE_LAYERS)
      return {
        ok: false,
        reason: `signed vCon nested over ${MAX_SIGNATURE_LAYERS} deep`,
        category: 'not_supported',
      };
    const outer = openSigned(document);
    if (!outer.ok || typeof outer.vcon !== 'object' || outer.vcon === null) return outer;
    const inner = openVcon(outer.vcon, layer + 1);
    return inner.ok ? { ...inner, signature: outer.signature } : inner;
  }
  return { ok: true, vcon: document, signature: null };
}

const signedSchema = z.looseObject({
  payload: z.string().min(1),
  signatures: z
    .array(
      z.looseObject({
        protected: z.string(),
        signature: z.string(),
        header: z.record(z.string(), z.unknown()).nullish(),
      }),
    )
    .min(1),
});

/**
 * The JWS general serialisation: the payload is the unsigned vCon (base64url, possibly gzipped).
 * Each signature is checked against the certificate it carries (x5c); whether that certificate
 * chains to an authority the tenant trusts is not decided here. A signature that does not match
 * its payload rejects the vCon: it was changed after signing.
 */
function openSigned(document: object): Opened {
  const parsed = signedSchema.safeParse(document);
  if (!parsed.success)
    return {
      ok: false,
      reason: 'signed vCon (JWS) without a payload and signatures',
      category: 'unknown_format',
    };
  const { payload, signatures } = parsed.data;
  let vcon: unknown;
  try {
    let bytes = Buffer.from(payload, 'base64url');
    if (bytes[0] === 0x1f && bytes[1] === 0x8b)
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_PAYLOAD_BYTES });
    vcon = JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    return {
      ok: false,
      reason: `signed vCon: the payload is not a base64url JSON vCon (${(error as Error).message})`,
      category: 'unknown_format',
    };
  }
  let check: SignatureCheck | null = null;
  for (const signature of signatures) {
    const result = checkSignature(signature.protected, signature.signature, signature.header ?? {}, payload);
    if (!result.verified && result.note === null) {
      return {
        ok: false,
        reason: 'signed vCon: a signature does not match the payload (changed after signing?)',
        category: 'signature_invalid',
      };
    }
    if (check === null || (result.verified && !check.verified)) check = result;
  }
  const headerUuid = signatures
    .map((signature) => signature.header?.uuid)
    .find((uuid): uuid is string => typeof uuid === 'string');
  const payloadUuid = (vcon as { uuid?: unknown } | null)?.uuid;
  if (headerUuid !== undefined && typeof payloadUuid === 'string' && headerUuid !== payloadUuid) {
    return {
      ok: false,
      reason: `signed vCon: header uuid ${headerUuid} is not the payload's ${payloadUuid}`,
      category: 'signature_invalid',
    };
  }
  return { ok: true, vcon, signature: check };
}

function checkSignature(
  protectedHeader: string,
  signature: string,
  header: Record<string, unknown>,
  payload: string,
): SignatureCheck {
  let fields: Record<string, unknown> = {};
  try {
    fields = {
      ...header,
      ...(JSON.parse(Buffer.from(protectedHeader, 'base64url').toString('utf8')) as object),
    };
  } catch {
    return { alg: null, verified: false, signer: null, note: 'the protected header is not base64url JSON' };
  }
  const alg = typeof fields.alg === 'string' ? fields.alg : null;
  const chain: unknown[] = Array.isArray(fields.x5c) ? fields.x5c : [];
  const leaf = chain[0];
  if (typeof leaf !== 'string') {
    return {
      alg,
      verified: false,
      signer: null,
      note: 'no x5c certificate to check it with (x5u is not fetched)',
    };
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(leaf, 'base64'));
  } catch {
    return { alg, verified: false, signer: null, note: 'the x5c certificate does not parse' };
  }
  const signer =
    certificate.subject.split('\n').find((part) => part.startsWith('CN=')) ?? certificate.subject;
  const key = verifyKey(alg, certificate.publicKey);
  if (key === null)
    return { alg, verified: false, signer, note: `signature algorithm ${alg ?? '(none)'} is not supported` };
  const data = Buffer.from(`${protectedHeader}.${payload}`);
  const verified = verify(key.hash, data, key.key, Buffer.from(signature, 'base64url'));
  return { alg, verified, signer, note: null };
}

function verifyKey(
  alg: string | null,
  publicKey: KeyObject,
): { hash: string | null; key: KeyObject | VerifyKeyObjectInput } | null {
  const match = /^(RS|PS|ES)(256|384|512)$/.exec(alg ?? '');
  if (alg === 'EdDSA') return { hash: null, key: publicKey };
  if (!match) return null;
  const hash = `sha${match[2] ?? ''}`;
  if (match[1] === 'RS') return { hash, key: publicKey };
  if (match[1] === 'PS') {
    return {
      hash,
      key: {
        key: publicKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
      },
    };
  }
  return { hash, key: { key: publicKey, dsaEncoding: 'ieee-p1363' } };
}
