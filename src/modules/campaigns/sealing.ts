import type { Keyring } from '../../platform/crypto/index.js';

/*
 * How campaigns seals personal data under the tenant's data key, in one place. The AAD binds each
 * ciphertext to its row and column: copied onto another row, it does not decrypt.
 *
 * - leads.phone_sealed: the E.164 number, AAD `campaigns.lead.phone:<lead uuid>`
 * - leads.email_sealed: the address, AAD `campaigns.lead.email:<lead uuid>`
 * - leads.personal_sealed: names, address, custom fields (JSON), AAD `campaigns.lead.personal:<lead uuid>`
 * - consents: the number, the text shown, the copy of the request (`campaigns.consent.*:<uuid>`)
 * - dnc_entries: the number and the evidence (`campaigns.dnc.number|evidence:<uuid>`)
 */
export const sealingAad = {
  phone: (leadUuid: string) => `campaigns.lead.phone:${leadUuid}`,
  email: (leadUuid: string) => `campaigns.lead.email:${leadUuid}`,
  personal: (leadUuid: string) => `campaigns.lead.personal:${leadUuid}`,
  consentPhone: (uuid: string) => `campaigns.consent.phone:${uuid}`,
  consentText: (uuid: string) => `campaigns.consent.text:${uuid}`,
  consentRequest: (uuid: string) => `campaigns.consent.request:${uuid}`,
  dncNumber: (uuid: string) => `campaigns.dnc.number:${uuid}`,
  dncEvidence: (uuid: string) => `campaigns.dnc.evidence:${uuid}`,
} as const;

/**
 * HMAC purposes of the blind indexes. `phone` is shared platform-wide (conversations and calls
 * index E.164 numbers under it), so a lead's number matches a recording's or the DNC list's.
 */
export const indexPurposes = {
  phone: 'phone',
  email: 'email',
} as const;

/** Synchronous sealers for one tenant, keys loaded once: an import seals thousands of rows. */
export interface TenantSealer {
  seal(plaintext: string, aad: string): Buffer;
  phoneIndex(e164: string): Buffer;
  emailIndex(address: string): Buffer;
}

export interface CampaignsSealing {
  forTenant(tenantId: string): Promise<TenantSealer>;
  unseal(tenantId: string, ciphertext: Buffer, aad: string): Promise<string>;
}

export function createSealing(keyring: Keyring): CampaignsSealing {
  return {
    async forTenant(tenantId) {
      const [encrypt, phone, email] = await Promise.all([
        keyring.encrypter(tenantId),
        keyring.blindIndexer(tenantId, indexPurposes.phone),
        keyring.blindIndexer(tenantId, indexPurposes.email),
      ]);
      return { seal: (plaintext, aad) => encrypt(plaintext, aad), phoneIndex: phone, emailIndex: email };
    },
    unseal: async (tenantId, ciphertext, aad) =>
      (await keyring.decrypt(tenantId, ciphertext, aad)).toString('utf8'),
  };
}
