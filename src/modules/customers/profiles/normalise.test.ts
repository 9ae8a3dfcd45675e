import { describe, expect, it } from 'vitest';
import { isEmail, looksLikePhone, nameTokens, normaliseEmail, toE164 } from './normalise.js';

describe('customers normalisation', () => {
  it('reads phone numbers in the default region and refuses what is not one', () => {
    expect(toE164('(201) 555-0123', 'US')).toBe('+12015550123');
    expect(toE164('+44 7700 900123', 'US')).toBe('+447700900123');
    expect(toE164('030 1234567', 'DE')).toBe('+49301234567');
    expect(toE164('12', 'US')).toBeUndefined();
    expect(toE164('call me', 'US')).toBeUndefined();
    expect(toE164('1'.repeat(100), 'US')).toBeUndefined();
  });

  it('folds names into search words and e-mails into one form', () => {
    expect(nameTokens("  José Anne-Marie O'Neil ")).toEqual(['jose', 'anne', 'marie', 'o', 'neil']);
    expect(nameTokens('ÅSA  åsa')).toEqual(['asa']);
    expect(normaliseEmail('  Ann@Example.COM ')).toBe('ann@example.com');
    expect(isEmail('ann@example.com')).toBe(true);
    expect(isEmail('ann@@example')).toBe(false);
    expect(looksLikePhone('+1 201 555')).toBe(true);
    expect(looksLikePhone('ann')).toBe(false);
  });
});
