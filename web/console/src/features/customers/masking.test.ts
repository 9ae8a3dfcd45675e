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
    const col = (c: 'internal' | 'restricted', field: string) => ({ class: c, personal: true, field });
    expect(
      restrictedFields({
        schemas: { orders: { orders: { email: col('restricted', 'email') } } },
        maskedFields: ['email'],
      }),
    ).toEqual(['email', 'phone']);
    expect(
      restrictedFields({
        schemas: {
          customers: {
            customers: {
              id: col('internal', 'id'),
              name_ciphertext: col('restricted', 'nameCiphertext'),
              email_index: col('restricted', 'emailIndex'),
              profile_sealed: col('restricted', 'profileSealed'),
              language: col('internal', 'language'),
            },
          },
        },
        maskedFields: ['emailIndex', 'nameCiphertext', 'profileSealed'],
      }),
    ).toEqual(['name', 'email']);
  });
});
