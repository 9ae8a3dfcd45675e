import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone, restrictedFields } from './masking';

describe('masking of restricted fields', () => {
  it('keeps the first letter and the domain of an e-mail, the calling code and last four digits of a phone', () => {
    expect(maskEmail('jane@example.com')).toBe('j•••@example.com');
    expect(maskPhone('+447700900123')).toBe('+44 •••• ••0123');
    expect(maskPhone('+14155550123')).toBe('+1 •••• ••0123');
    expect(maskPhone('+353851234567')).toBe('+353 •••• ••4567');
    expect(maskName('Jane  Smith')).toBe('J••• S•••');
  });

  it('reads the restricted profile fields from the classification, else masks e-mail and phone', () => {
    expect(restrictedFields(undefined)).toEqual(['email', 'phone']);
    expect(restrictedFields({ orders: { orders: { email: 'personal:restricted' } } })).toEqual([
      'email',
      'phone',
    ]);
    expect(
      restrictedFields({
        customers: {
          customers: {
            id: 'internal',
            name_ciphertext: 'personal:restricted',
            email_ciphertext: 'personal:restricted',
            email_blind_index: 'personal:restricted',
            language: 'personal:internal',
          },
        },
      }),
    ).toEqual(['name', 'email']);
  });
});
