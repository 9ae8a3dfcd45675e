import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { createSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';

/*
 * Response bodies, written the way Fastify writes them by default: a serializer compiled once per
 * route from the response's JSON Schema (fast-json-stringify), instead of validating every body
 * with zod and then calling JSON.stringify. For a 50-row calls page that is 80 µs instead of 330
 * (bench:api). The compiled serializer writes only the properties the schema declares, so nothing
 * a handler did not mean to publish leaves the server.
 *
 * Only schemas that are plain JSON shapes are compiled: a schema with a transform, codec, default,
 * date or anything else that changes a value on its way out keeps zod's encode (what
 * fastify-type-provider-zod does for every route). And a body the compiled serializer refuses (a
 * required property missing, a union no branch of which matches) goes through zod too, so it is
 * encoded the way zod encodes it or fails with zod's error, exactly as before.
 */

type Serialize = (data: unknown) => string;

/** Node types whose JSON Schema describes the body as it is sent, value for value. */
const PLAIN = new Set([
  'string',
  'number',
  'boolean',
  'null',
  'enum',
  'literal',
  'array',
  'object',
  'union',
  'optional',
  'nullable',
  'readonly',
  'record',
  'unknown',
  'any',
]);

interface Def {
  readonly type: string;
  readonly shape?: Record<string, $ZodType>;
  readonly element?: $ZodType;
  readonly options?: readonly $ZodType[];
  readonly innerType?: $ZodType;
  readonly keyType?: $ZodType;
  readonly valueType?: $ZodType;
  readonly catchall?: $ZodType;
}

const defOf = (schema: $ZodType): Def => schema._zod.def;

/** Whether every node of the schema is a plain JSON shape (no transform, codec, default or date). */
export function isPlainJsonShape(schema: $ZodType, seen = new Set<$ZodType>()): boolean {
  if (seen.has(schema)) return false; // a recursive schema: left to zod
  seen.add(schema);
  const def = defOf(schema);
  if (!PLAIN.has(def.type)) return false;
  const children = [
    ...Object.values(def.shape ?? {}),
    ...(def.options ?? []),
    ...[def.element, def.innerType, def.keyType, def.valueType, def.catchall].filter(
      (child): child is $ZodType => child !== undefined,
    ),
  ];
  return children.every((child) => isPlainJsonShape(child, new Set(seen)));
}

function resolveZod(maybeSchema: unknown): $ZodType | undefined {
  if (maybeSchema instanceof z.ZodType) return maybeSchema;
  if (typeof maybeSchema === 'object' && maybeSchema !== null && 'properties' in maybeSchema) {
    const properties = maybeSchema.properties;
    if (properties instanceof z.ZodType) return properties;
  }
  return undefined;
}

/** The compiled serializer of a plain schema, or undefined when it must stay with zod. */
export function compileJsonSerializer(schema: $ZodType): Serialize | undefined {
  if (!isPlainJsonShape(schema)) return undefined;
  try {
    const json = z.toJSONSchema(schema as unknown as z.ZodType, { io: 'output', unrepresentable: 'throw' });
    return fastJsonStringify(json as Parameters<typeof fastJsonStringify>[0]);
  } catch {
    return undefined;
  }
}

const zodSerializerCompiler = createSerializerCompiler({});
/** One compiled serializer per schema, shared by the routes that answer with it (problems, pages). */
const compiledBySchema = new WeakMap<$ZodType, Serialize | null>();

function compiledFor(schema: $ZodType): Serialize | null {
  let compiled = compiledBySchema.get(schema);
  if (compiled === undefined) {
    compiled = compileJsonSerializer(schema) ?? null;
    compiledBySchema.set(schema, compiled);
  }
  return compiled;
}

/**
 * Compiles on a route's first answer, not at start-up: some 2,900 response schemas would take
 * about 1.4 s to compile when most processes (and tests) answer on a handful of them.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = (routeSchema) => {
  const viaZod = zodSerializerCompiler(routeSchema as never) as Serialize;
  const schema = resolveZod(routeSchema.schema);
  if (schema === undefined) return viaZod;
  let compiled: Serialize | null | undefined;
  return (data) => {
    compiled ??= compiledFor(schema);
    if (compiled === null) return viaZod(data);
    try {
      return compiled(data);
    } catch {
      return viaZod(data);
    }
  };
};
