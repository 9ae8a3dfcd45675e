import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeTwilioSignature, urlVariants, validateTwilioSignature } from './twilio-signature.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/twilio');

interface Vector {
  name: string;
  url: string;
  params?: Record<string, string>;
  paramPairs?: [string, string][];
  body?: string;
  expectedSignature: string;
  valid: boolean;
}
const vectors = JSON.parse(readFileSync(path.join(FIXTURES, 'signature-vectors.json'), 'utf8')) as {
  authToken: string;
  cases: Vector[];
};

function paramsOf(vector: Vector): Record<string, string> | [string, string][] | string {
  if (vector.body !== undefined) return vector.body;
  return vector.paramPairs ?? vector.params ?? {};
}

describe('twilio/signature-vectors.json', () => {
  it.each(vectors.cases)('$name', (vector) => {
    expect(
      validateTwilioSignature(vectors.authToken, vector.url, paramsOf(vector), vector.expectedSignature),
    ).toBe(vector.valid);
  });

  it.each(vectors.cases)('rejects "$name" with a wrong token', (vector) => {
    expect(validateTwilioSignature('54321', vector.url, paramsOf(vector), vector.expectedSignature)).toBe(
      false,
    );
  });

  it('rejects a tampered parameter', () => {
    const [vector] = vectors.cases;
    if (!vector?.params) throw new Error('vector missing');
    const tampered = { ...vector.params, To: '+18005550000' };
    expect(validateTwilioSignature(vectors.authToken, vector.url, tampered, vector.expectedSignature)).toBe(
      false,
    );
  });

  it('rejects a JSON body that does not match its bodySHA256', () => {
    const vector = vectors.cases.find((candidate) => candidate.body !== undefined);
    if (!vector?.body) throw new Error('vector missing');
    expect(
      validateTwilioSignature(
        vectors.authToken,
        vector.url,
        vector.body.replace('true', 'false'),
        vector.expectedSignature,
      ),
    ).toBe(false);
  });

  it('rejects a missing or empty signature header', () => {
    const [vector] = vectors.cases;
    if (!vector) throw new Error('vector missing');
    expect(validateTwilioSignature(vectors.authToken, vector.url, vector.params ?? {}, undefined)).toBe(
      false,
    );
    expect(validateTwilioSignature(vectors.authToken, vector.url, vector.params ?? {}, '')).toBe(false);
  });

  it('accepts form parameters as URLSearchParams too', () => {
    const vector = vectors.cases.find((candidate) => candidate.paramPairs !== undefined);
    if (!vector?.paramPairs) throw new Error('vector missing');
    const form = new URLSearchParams(vector.paramPairs);
    expect(validateTwilioSignature(vectors.authToken, vector.url, form, vector.expectedSignature)).toBe(true);
    expect(computeTwilioSignature(vectors.authToken, vector.url, form)).toBe(vector.expectedSignature);
  });
});

describe('urlVariants', () => {
  it('strips and adds the default port without re-encoding the rest', () => {
    expect(urlVariants('https://a.example:1234/p?q=%20x')).toEqual([
      'https://a.example/p?q=%20x',
      'https://a.example:1234/p?q=%20x',
    ]);
    expect(urlVariants('http://u:p@a.example/p')).toEqual([
      'http://u:p@a.example/p',
      'http://u:p@a.example:80/p',
    ]);
    expect(urlVariants('https://[::1]/p')).toEqual(['https://[::1]/p', 'https://[::1]:443/p']);
  });
});
