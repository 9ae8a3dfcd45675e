/**
 * Regenerates web/console/src/api/schema.gen.ts (types) and limits.gen.ts (field limits) from the
 * server's internal OpenAPI document, or with --check exits 1 when a committed file differs from it.
 *
 * The document comes from the real composition root (createPlatform) on a throwaway embedded
 * PostgreSQL in a temp dir, so it is exactly what `npm start` serves.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPlatform } from '../../../src/app/platform.js';
import { loadConfig } from '../../../src/platform/config/index.js';
import { apiLimitsPath, apiTypesPath, renderApiLimits, renderApiTypes } from './api-types.js';

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
const document = await internalOpenApiDocument();
const outputs = [
  { file: apiTypesPath, text: await renderApiTypes(document) },
  { file: apiLimitsPath, text: renderApiLimits(document) },
];
let stale = false;
for (const { file, text } of outputs) {
  const relative = path.relative(process.cwd(), file);
  if (check) {
    const committed = await readFile(file, 'utf8').catch(() => '');
    if (committed === text) {
      process.stdout.write(`${relative} matches the server's OpenAPI document\n`);
    } else {
      process.stderr.write(
        `${relative} is out of date with the server's OpenAPI document: run npm run api-types:generate\n`,
      );
      stale = true;
    }
  } else {
    await writeFile(file, text);
    process.stdout.write(`wrote ${relative}\n`);
  }
}
if (stale) process.exit(1);
