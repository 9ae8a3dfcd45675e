import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import {
  compileJsonSerializer,
  isPlainJsonShape,
  responseSerializerCompiler,
} from './response-serializer.js';

const party = z.object({ raw: z.string(), e164: z.string().nullable(), displayName: z.string().nullable() });
const page = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      direction: z.enum(['inbound', 'outbound', 'internal', 'unknown']),
      talkSeconds: z.number().int().nullable(),
      from: party,
      agent: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
      tags: z.array(z.string()).optional(),
      extra: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  nextCursor: z.string().nullable(),
  total: z.union([z.object({ count: z.number().int(), exact: z.boolean() }), z.null()]),
});

const serializerOf = (schema: z.ZodType) =>
  responseSerializerCompiler({ schema, method: 'GET', url: '/test', httpStatus: '200' }) as (
    data: unknown,
  ) => string;
const asCore = (schema: z.ZodType) => schema as unknown as $ZodType;

const hostile = [
  'plain',
  'NUL\u0000byte',
  'lone \ud800 surrogate',
  'emoji 🎧',
  'line\u2028sep',
  '"quoted"\\',
  '</script>',
];

describe('the response serializer', () => {
  it('writes a plain page byte for byte as zod + JSON.stringify would, hostile strings included', () => {
    const body = {
      items: hostile.map((text, i) => ({
        id: `call_${i}`,
        direction: 'inbound',
        talkSeconds: i % 2 === 0 ? null : i,
        from: { raw: text, e164: i % 3 === 0 ? null : '+4930123', displayName: text },
        agent: i % 2 === 0 ? null : { id: text, name: null },
        ...(i === 1 ? { tags: [text, 'b'] } : {}),
        ...(i === 2 ? { extra: { nested: { text, list: [1, null, true] } } } : {}),
      })),
      nextCursor: null,
      total: { count: 7, exact: true },
    };
    expect(compileJsonSerializer(asCore(page))).toBeDefined();
    const written = serializerOf(page)(body);
    expect(written).toBe(JSON.stringify(z.encode(page, body as z.output<typeof page>)));
    expect(JSON.parse(written)).toEqual(body);
  });

  it('leaves out what the schema does not declare', () => {
    const body = { items: [], nextCursor: 'c', total: null, internalSecret: 'k', tenantId: 't' };
    expect(JSON.parse(serializerOf(page)(body))).toEqual({ items: [], nextCursor: 'c', total: null });
  });

  it('keeps zod for schemas that change values on the way out, and for recursive ones', () => {
    const withTransform = z.object({ at: z.string().transform((s) => s.toUpperCase()) });
    const withDefault = z.object({ n: z.number().default(3) });
    const withDate = z.object({ at: z.date() });
    const withCodec = z.object({
      at: z.codec(z.iso.datetime(), z.date(), {
        decode: (text) => new Date(text),
        encode: (date) => date.toISOString(),
      }),
    });
    const tree: z.ZodType = z.object({
      name: z.string(),
      get children() {
        return z.array(tree);
      },
    });
    for (const schema of [withTransform, withDefault, withDate, withCodec, tree])
      expect(isPlainJsonShape(asCore(schema))).toBe(false);
    expect(serializerOf(withCodec)({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
    expect(serializerOf(withDate)({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
  });

  it("fails on a body that breaks the schema with zod's error, as before", () => {
    const serialize = serializerOf(page);
    expect(() => serialize({ items: [], total: null })).toThrow(/Response doesn't match the schema/);
    expect(() => serialize({ items: [{ id: 1 }], nextCursor: null, total: null })).toThrow(
      /Response doesn't match the schema/,
    );
  });
});
