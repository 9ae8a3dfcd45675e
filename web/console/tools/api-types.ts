import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, UNKNOWN, type OpenAPI3 } from 'openapi-typescript';

/** The committed types of the internal API, which the console's API client is typed with. */
export const apiTypesPath = fileURLToPath(new URL('../src/api/schema.gen.ts', import.meta.url));

/** The committed limits of the internal API's request fields, which the console's forms check and show. */
export const apiLimitsPath = fileURLToPath(new URL('../src/api/limits.gen.ts', import.meta.url));

const header = `// Generated from the platform's internal OpenAPI document (/openapi.json) by
// \`npm run api-types:generate\`. Do not edit: a test fails when it drifts from the server.

`;

const componentPath = /^#\/components\/schemas\/([^/]+)$/;

/**
 * A schema that contains itself (JsonValue: arrays and objects of JsonValue) becomes an
 * indexed-access alias of itself, which TypeScript rejects (TS2502). Such values are typed
 * `unknown`, which is what a reader of arbitrary JSON has to narrow anyway.
 */
function isSelfReferencing(schema: unknown, path: string | undefined): boolean {
  const name = path?.match(componentPath)?.[1];
  return name !== undefined && JSON.stringify(schema).includes(`"#/components/schemas/${name}"`);
}

/** TypeScript types for openapi-fetch, from an OpenAPI 3.1 document. Deterministic for a given document. */
export async function renderApiTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as OpenAPI3, {
    alphabetize: true,
    emptyObjectsUnknown: true,
    transform: (schema, options) => (isSelfReferencing(schema, options.path) ? UNKNOWN : undefined),
  });
  return header + astToString(ast);
}

const limitKeywords = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minimum', 'maximum'] as const;
type LimitKeyword = (typeof limitKeywords)[number];
type FieldLimits = Partial<Record<LimitKeyword | 'keyMaxLength', number>>;

interface JsonSchema {
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly propertyNames?: JsonSchema;
  readonly [keyword: string]: unknown;
}

interface Operation {
  readonly parameters?: readonly {
    readonly in: string;
    readonly name: string;
    readonly schema?: JsonSchema;
  }[];
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema }>> };
}

const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** The limits one field declares, looking through `anyOf`/`oneOf` (a nullable string is `anyOf: [string, null]`). */
function limitsOf(schema: JsonSchema | undefined): FieldLimits {
  if (!schema) return {};
  const found: FieldLimits = {};
  for (const keyword of limitKeywords) {
    const value = schema[keyword];
    // zod bounds every .int() by the safe integers: that is no limit a person could reach.
    if (typeof value === 'number' && Math.abs(value) !== Number.MAX_SAFE_INTEGER) found[keyword] = value;
  }
  // A map (z.record) limits its keys: the role mapping's claim values.
  const keyMax = schema.propertyNames?.maxLength;
  if (typeof keyMax === 'number') found.keyMaxLength = keyMax;
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])])
    Object.assign(found, limitsOf(branch), found);
  return found;
}

/**
 * `limits.gen.ts`: for each operation, the limits of its top-level fields (path and query
 * parameters, then JSON body properties), as the server's zod schemas declare them. The console's
 * forms show and check these, so the server and the console cannot disagree on a number.
 */
export function renderApiLimits(document: unknown): string {
  const paths = (document as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  const operations: [string, [string, FieldLimits][]][] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const fields = new Map<string, FieldLimits>();
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'path' || parameter.in === 'query')
          fields.set(parameter.name, limitsOf(parameter.schema));
      }
      const body = operation.requestBody?.content?.['application/json']?.schema;
      for (const [name, schema] of Object.entries(body?.properties ?? {})) fields.set(name, limitsOf(schema));
      const limited = [...fields]
        .filter(([, limits]) => Object.keys(limits).length > 0)
        .sort(([a], [b]) => a.localeCompare(b));
      if (limited.length > 0) operations.push([`${method.toUpperCase()} ${path}`, limited]);
    }
  }
  operations.sort(([a], [b]) => a.localeCompare(b));
  const body = operations
    .map(([operation, fields]) => {
      const lines = fields.map(([name, limits]) => {
        const parts = [...limitKeywords, 'keyMaxLength' as const]
          .filter((k) => limits[k] !== undefined)
          .map((k) => `${k}: ${String(limits[k])}`);
        return `    ${quote(name)}: { ${parts.join(', ')} },`;
      });
      return `  ${quote(operation)}: {\n${lines.join('\n')}\n  },`;
    })
    .join('\n');
  return `// Generated from the platform's internal OpenAPI document (/openapi.json) by
// \`npm run api-types:generate\`. Do not edit: a test fails when it drifts from the server.

/** What the server's schema allows for one field: string lengths, array sizes, number bounds. */
export interface FieldLimits {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  /** For a map (an object of any keys): the longest key. */
  readonly keyMaxLength?: number;
}

/** The request fields of each operation ("METHOD /path") that declare a limit. */
export const apiLimits = {
${body}
} as const satisfies Record<string, Record<string, FieldLimits>>;

export type LimitedOperation = keyof typeof apiLimits;
`;
}
