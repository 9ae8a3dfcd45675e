/**
 * Regenerates web/console/src/api/schema.gen.ts from the server's internal OpenAPI document, or
 * with --check exits 1 when the committed file differs from it.
 *
 * The document comes from the real composition root (createPlatform) on a throwaway embedded
 * PostgreSQL in a temp dir, so it is exactly what `npm start` serves.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPlatform } from '../../../src/app/platform.js';
import { loadConfig } from '../../../src/platform/config/index.js';
import { apiTypesPath, renderApiTypes } from './api-types.js';

async function internalOpenApiDocument(): Promise<unknown> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-api-types-'));
  try {
    const config = loadConfig({ SWITCHBOARD_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const platform = await createPlatform(config, { role: 'api' });
    try {
      if (!platform.http) throw new Error('the api role serves no HTTP');
      const response = await platform.http.inject({ method: 'GET', url: '/openapi.json' });
      if (response.statusCode !== 200) throw new Error(`/openapi.json answered ${response.statusCode}`);
      return response.json();
    } finally {
      await platform.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const check = process.argv.includes('--check');
const rendered = await renderApiTypes(await internalOpenApiDocument());
const relative = path.relative(process.cwd(), apiTypesPath);
if (check) {
  const committed = await readFile(apiTypesPath, 'utf8').catch(() => '');
  if (committed !== rendered) {
    process.stderr.write(`${relative} is out of date with the server's OpenAPI document: run npm run api-types:generate\n`);
    process.exit(1);
  }
  process.stdout.write(`${relative} matches the server's OpenAPI document\n`);
} else {
  await writeFile(apiTypesPath, rendered);
  process.stdout.write(`wrote ${relative}\n`);
}
