import type { Keyring, SubjectIdentifier, SubjectKeys } from '../../../platform/crypto/index.js';
import { toPublicId } from '../../../platform/ids.js';
import type { PostalAddress } from '../contract.js';
import { nameTokens, normaliseEmail } from './normalise.js';

/** The personal fields of a profile, sealed together. */
export interface ProfileFields {
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
}

/** What a profile row stores of its fields: the ciphertext and the look-up indexes. */
export interface SealedProfile {
  readonly profileSealed: Buffer;
  readonly emailIndex: Buffer | null;
  readonly phoneIndex: Buffer | null;
  readonly nameTerms: Buffer[];
}

/** Blind-index purposes: `email` and `phone` are the platform's (other modules index the same values). */
export const indexPurposes = { email: 'email', phone: 'phone', nameWord: 'customer.name' } as const;

const profileAad = (uuid: string) => `customers.customer:${uuid}`;
const addressAad = (uuid: string) => `customers.address:${uuid}`;

/** The subject identifiers a profile is sealed under: its customer id, e-mail and phone. */
export function profileIdentifiers(customerUuid: string, fields: ProfileFields): SubjectIdentifier[] {
  return [
    { kind: 'customer', value: toPublicId('cus', customerUuid) },
    ...(fields.email ? [{ kind: 'email' as const, value: normaliseEmail(fields.email) }] : []),
    ...(fields.phone ? [{ kind: 'phone' as const, value: fields.phone }] : []),
  ];
}

/**
 * Sealing of customers' personal data under subject keys (crypto-shredding), and the blind indexes
 * it is found by. Sealing happens before a transaction opens: the subject keys are read and created
 * on connections of their own.
 */
export function createProfileSealing(keyring: Keyring, subjectKeys: SubjectKeys) {
  const indexOf = async (tenantId: string, purpose: string, value: string) =>
    (await keyring.blindIndexer(tenantId, purpose))(value);

  return {
    emailIndex: (tenantId: string, email: string) =>
      indexOf(tenantId, indexPurposes.email, normaliseEmail(email)),
    phoneIndex: (tenantId: string, e164: string) => indexOf(tenantId, indexPurposes.phone, e164),
    async nameTerms(tenantId: string, name: string): Promise<Buffer[]> {
      const index = await keyring.blindIndexer(tenantId, indexPurposes.nameWord);
      return nameTokens(name).map((word) => index(word));
    },

    async sealProfile(tenantId: string, customerUuid: string, fields: ProfileFields): Promise<SealedProfile> {
      const profileSealed = await subjectKeys.seal(
        tenantId,
        profileIdentifiers(customerUuid, fields),
        JSON.stringify(fields),
        profileAad(customerUuid),
      );
      return {
        profileSealed,
        emailIndex: fields.email ? await this.emailIndex(tenantId, fields.email) : null,
        phoneIndex: fields.phone ? await this.phoneIndex(tenantId, fields.phone) : null,
        nameTerms: fields.name ? await this.nameTerms(tenantId, fields.name) : [],
      };
    },

    /** Throws SubjectErasedError (410) when the subject's keys were shredded. */
    async openProfile(tenantId: string, customerUuid: string, sealed: Buffer): Promise<ProfileFields> {
      const plain = await subjectKeys.open(tenantId, sealed, profileAad(customerUuid));
      return JSON.parse(plain.toString('utf8')) as ProfileFields;
    },

    /** Addresses are sealed under the customer's own key: erasing the customer shreds them. */
    async sealAddress(
      tenantId: string,
      customerUuid: string,
      addressUuid: string,
      address: PostalAddress,
    ): Promise<Buffer> {
      return subjectKeys.seal(
        tenantId,
        [{ kind: 'customer', value: toPublicId('cus', customerUuid) }],
        JSON.stringify(address),
        addressAad(addressUuid),
      );
    },

    async openAddress(tenantId: string, addressUuid: string, sealed: Buffer): Promise<PostalAddress> {
      const plain = await subjectKeys.open(tenantId, sealed, addressAad(addressUuid));
      return JSON.parse(plain.toString('utf8')) as PostalAddress;
    },

    shredCustomer: (tenantId: string, customerUuid: string) =>
      subjectKeys.shred(tenantId, [{ kind: 'customer', value: toPublicId('cus', customerUuid) }]),
  };
}

export type ProfileSealing = ReturnType<typeof createProfileSealing>;
