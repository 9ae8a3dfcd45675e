import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, UNKNOWN, type OpenAPI3 } from 'openapi-typescript';

/** The committed types of the internal API, which the console's API client is typed with. */
export const apiTypesPath = fileURLToPath(new URL('../src/api/schema.gen.ts', import.meta.url));

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
