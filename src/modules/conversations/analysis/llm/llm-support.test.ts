import { describe, expect, it } from 'vitest';
import { costOf, parseJsonAnswer, priceOf, strictCompatible } from './index.js';

describe('prices', () => {
  it('matches dated ids and Bedrock cross-region profiles by prefix; the longest key wins; overrides win', () => {
    expect(priceOf('claude-haiku-4-5-20251001')).toEqual({ inputPerMillionUsd: 1, outputPerMillionUsd: 5 });
    expect(priceOf('eu.anthropic.claude-3-haiku-20240307-v1:0')).toEqual({
      inputPerMillionUsd: 0.25,
      outputPerMillionUsd: 1.25,
    });
    expect(
      priceOf('gpt-4o-mini-2024-07-18', { 'gpt-4o-mini': { inputPerMillionUsd: 1, outputPerMillionUsd: 2 } }),
    ).toEqual({ inputPerMillionUsd: 1, outputPerMillionUsd: 2 });
    expect(priceOf('mistral-7b-instruct')).toBeNull();
    expect(costOf(null, 10, 10)).toBeNull();
    expect(costOf({ inputPerMillionUsd: 3, outputPerMillionUsd: 15 }, 10_000, 1_000)).toBe(0.045);
  });
});

describe('strict structured-output compatibility', () => {
  it('needs every object closed and every property required, nested ones too', () => {
    const closed = {
      type: 'object',
      additionalProperties: false,
      required: ['a', 'b'],
      properties: {
        a: { type: 'string' },
        b: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['c'],
            properties: { c: { type: 'number' } },
          },
        },
      },
    };
    expect(strictCompatible(closed)).toBe(true);
    expect(strictCompatible({ ...closed, required: ['a'] })).toBe(false);
    const openInside = structuredClone(closed);
    delete (openInside.properties.b.items as { additionalProperties?: boolean }).additionalProperties;
    expect(strictCompatible(openInside)).toBe(false);
  });
});

describe('reading a JSON answer from text', () => {
  it('takes plain JSON, a fenced block, or the outermost object; says why otherwise', () => {
    expect(parseJsonAnswer('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonAnswer('Sure:\n```json\n{"a":2}\n```')).toEqual({ ok: true, value: { a: 2 } });
    expect(parseJsonAnswer('The answer is {"a":3}. Done.')).toEqual({ ok: true, value: { a: 3 } });
    const broken = parseJsonAnswer('{"a": ');
    expect(broken.ok).toBe(false);
  });
});
