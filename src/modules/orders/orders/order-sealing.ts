import {
  SubjectErasedError,
  type Keyring,
  type SubjectIdentifier,
  type SubjectKeys,
} from '../../../platform/crypto/index.js';

/*
 * What orders seals (AAD binds each ciphertext to its row and column):
 * - orders.contact_sealed: e-mail, addresses, note (JSON), AAD `orders.order.contact:<order uuid>`.
 *   Since issue 18 sealed under the subject keys of the client's user id (`usr_…`) and e-mail, so
 *   erasing the person (crypto-shredding) makes it unreadable everywhere, backups included. Older
 *   rows carry a tenant-key ciphertext and are still read; an anonymised order's contact is sealed
 *   under the tenant key again (nothing personal is left in it).
 * - orders.payment_sealed: the payment method as given, AAD `orders.order.payment:<order uuid>`
 * - idempotency_keys.response_sealed: the first response's body, AAD `orders.idempotency:<row uuid>`
 * The e-mail's blind index uses the platform-wide `email` purpose (lower-cased, trimmed).
 */
export const orderAad = {
  contact: (uuid: string) => `orders.order.contact:${uuid}`,
  payment: (uuid: string) => `orders.order.payment:${uuid}`,
  idempotency: (uuid: string) => `orders.idempotency:${uuid}`,
} as const;

/** Whose data an order's contact is: the client (`usr_…`) when known, and the e-mail it was placed with. */
export interface ContactSubject {
  readonly userId: string | null;
  readonly email: string;
}

export interface OrderSealing {
  seal(tenantId: string, plaintext: string, aad: string): Promise<Buffer>;
  unseal(tenantId: string, ciphertext: Buffer, aad: string): Promise<string>;
  /** Seals a contact under the subject's keys (the tenant key when the subject was erased before: a returning person's new order). */
  sealContact(tenantId: string, subject: ContactSubject, plaintext: string, aad: string): Promise<Buffer>;
  /** Opens a contact, subject-sealed or an older tenant-key one. Throws SubjectErasedError when its keys were shredded. */
  unsealContact(tenantId: string, ciphertext: Buffer, aad: string): Promise<string>;
  emailIndex(tenantId: string, email: string): Promise<Buffer>;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function contactIdentifiers(subject: ContactSubject): SubjectIdentifier[] {
  return [
    ...(subject.userId ? [{ kind: 'user' as const, value: subject.userId }] : []),
    { kind: 'email', value: normaliseEmail(subject.email) },
  ];
}

export function createOrderSealing(keyring: Keyring, subjectKeys: SubjectKeys): OrderSealing {
  const seal = async (tenantId: string, plaintext: string, aad: string) =>
    (await keyring.encrypter(tenantId))(plaintext, aad);
  return {
    seal,
    async unseal(tenantId, ciphertext, aad) {
      return (await keyring.decrypt(tenantId, ciphertext, aad)).toString('utf8');
    },
    async sealContact(tenantId, subject, plaintext, aad) {
      try {
        return await subjectKeys.seal(tenantId, contactIdentifiers(subject), plaintext, aad);
      } catch (error) {
        // Someone erased earlier orders again: their new order is new data they gave, kept under the tenant key.
        if (error instanceof SubjectErasedError) return seal(tenantId, plaintext, aad);
        throw error;
      }
    },
    async unsealContact(tenantId, ciphertext, aad) {
      const plain = subjectKeys.isSealed(ciphertext)
        ? await subjectKeys.open(tenantId, ciphertext, aad)
        : await keyring.decrypt(tenantId, ciphertext, aad);
      return plain.toString('utf8');
    },
    async emailIndex(tenantId, email) {
      return (await keyring.blindIndexer(tenantId, 'email'))(normaliseEmail(email));
    },
  };
}
