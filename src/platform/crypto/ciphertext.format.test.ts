import { describe, expect, it } from 'vitest';

import { ciphertextToText, encodeCiphertext, encodeHeader, parseCiphertext } from './ciphertext.format.js';

describe('ciphertext format', () => {
  const binary = encodeCiphertext(
    encodeHeader('dek_ten_a_3'),
    Buffer.alloc(12, 1),
    Buffer.from('body'),
    Buffer.alloc(16, 2),
  );

  it('converts losslessly between binary and text forms', () => {
    const text = ciphertextToText(binary);
    expect(text.startsWith('sbe1.dek_ten_a_3.')).toBe(true);
    const fromText = parseCiphertext(text);
    const fromBinary = parseCiphertext(binary);
    expect(fromText.keyId).toBe('dek_ten_a_3');
    expect(fromText.header.equals(fromBinary.header)).toBe(true);
    expect(fromText.body.toString()).toBe('body');
  });

  it.each(['', 'sbe1', 'sbe2.dek_a_1.AAAA', 'sbe1.dek a.AAAA', 'sbe1.dek_a_1.AA==', 'sbe1.dek_a_1.AAAA'])(
    'rejects malformed text %j',
    (text) => {
      expect(() => parseCiphertext(text)).toThrow(
        expect.objectContaining({ code: 'CRYPTO_CIPHERTEXT_MALFORMED' }),
      );
    },
  );
});
