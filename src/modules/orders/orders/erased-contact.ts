import type { Address } from '../contract.js';

/** What an order's sealed contact holds: the e-mail it was placed with, both addresses and the client's note. */
export interface Contact {
  readonly email: string;
  readonly shippingAddress: Address;
  readonly billingAddress: Address;
  readonly note: string | null;
}

/** Stands for a name, street, e-mail or phone that was erased. */
export const ERASED = 'erased';
/** The e-mail of an anonymised order (a reserved domain: nothing is ever sent there). */
export const ERASED_EMAIL = 'erased@erased.invalid';

/**
 * The contact of an anonymised order (data-subject erasure): only the country of delivery stays,
 * as the tax of the order depends on it; everything that names or locates the person is gone.
 */
export function erasedContact(country: string): Contact {
  const address: Address = { name: ERASED, line1: ERASED, city: ERASED, postalCode: ERASED, country };
  return { email: ERASED_EMAIL, shippingAddress: address, billingAddress: address, note: null };
}
