import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';

import { readPort, stopChild } from './s3rver.fixture.js';

/**
 * Azurite's blob service in a child process on a free port, with telemetry off (it would
 * otherwise try to reach the internet). The child exits when the test process does.
 */
export interface AzuriteFixture {
  readonly connectionString: string;
  readonly container: string;
  /** A plain SDK client for the test to go behind the adapter's back. */
  readonly containerClient: ContainerClient;
  stop(): Promise<void>;
}

/** Azurite's published development account; not a secret. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const CHILD_SCRIPT = `
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.argv = [process.argv[0], 'azurite-blob', ...JSON.parse(process.env.AZURITE_ARGS)];
require(process.env.AZURITE_MAIN);
`;

export async function startAzurite(): Promise<AzuriteFixture> {
  const location = await mkdtemp(join(tmpdir(), 'sb-azurite-'));
  const azuriteRoot = dirname(createRequire(import.meta.url).resolve('azurite/package.json'));
  const args = [
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    '0',
    '--location',
    location,
    '--silent',
    '--skipApiVersionCheck',
    '--loose',
    '--disableTelemetry',
  ];
  const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], {
    env: {
      ...process.env,
      AZURITE_MAIN: join(azuriteRoot, 'dist/src/blob/main.js'),
      AZURITE_ARGS: JSON.stringify(args),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await readPort(child, /successfully listens on https?:\/\/[^\s]+:(\d+)/);
  const connectionString =
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
    `BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
  const container = 'switchboard-test';
  const containerClient =
    BlobServiceClient.fromConnectionString(connectionString).getContainerClient(container);
  await containerClient.create();
  return {
    connectionString,
    container,
    containerClient,
    async stop() {
      await stopChild(child);
      await rm(location, { recursive: true, force: true });
    },
  };
}
