import type { Keyring } from '../../../platform/crypto/index.js';

/*
 * What orders seals under the tenant's data key (AAD binds each ciphertext to its row and column):
 * - orders.contact_sealed: e-mail, addresses, note (JSON), AAD `orders.order.contact:<order uuid>`
 * - orders.payment_sealed: the payment method as given, AAD `orders.order.payment:<order uuid>`
 * - idempotency_keys.response_sealed: the first response's body, AAD `orders.idempotency:<row uuid>`
 * The e-mail's blind index uses the platform-wide `email` purpose (lower-cased, trimmed).
 */
export const orderAad = {
  contact: (uuid: string) => `orders.order.contact:${uuid}`,
  payment: (uuid: string) => `orders.order.payment:${uuid}`,
  idempotency: (uuid: string) => `orders.idempotency:${uuid}`,
} as const;

export interface OrderSealing {
  seal(tenantId: string, plaintext: string, aad: string): Promise<Buffer>;
  unseal(tenantId: string, ciphertext: Buffer, aad: string): Promise<string>;
  emailIndex(tenantId: string, email: string): Promise<Buffer>;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function createOrderSealing(keyring: Keyring): OrderSealing {
  return {
    async seal(tenantId, plaintext, aad) {
      return (await keyring.encrypter(tenantId))(plaintext, aad);
    },
    async unseal(tenantId, ciphertext, aad) {
      return (await keyring.decrypt(tenantId, ciphertext, aad)).toString('utf8');
    },
    async emailIndex(tenantId, email) {
      return (await keyring.blindIndexer(tenantId, 'email'))(normaliseEmail(email));
    },
  };
}
