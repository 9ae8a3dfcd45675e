import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { spawnTs, type Spawned } from '../../../../../test/support/child-process.js';
import { createTenant } from '../../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../../test/support/test-platform.js';
import { insertTestRecording } from './insert-recording.js';
import { stereoCallWav } from './pipeline-fixtures.js';

export interface CrashHarness {
  readonly t: () => TestPlatform;
  readonly tenantId: () => string;
  /** A crash worker (crash-worker.ts) as a separate process; killed by the harness after the tests. */
  spawnWorker(block: { transcribe?: boolean; final?: boolean }): Spawned;
  /** The stereo test call, queued and published as the upload API would. */
  insertStereoCall(): Promise<{ id: string; publicId: string }>;
}

/**
 * The set-up of the pipeline's kill -9 tests, to call inside a describe: an API-role platform
 * (it only accepts and publishes; the workers, separate processes sharing its master key, run the
 * pipeline), one tenant, and every spawned worker killed before the platform closes.
 */
export function useCrashHarness(): CrashHarness {
  let t: TestPlatform | undefined;
  let tenantId: string | undefined;
  const masterKey = randomBytes(32).toString('base64');
  const workers: Spawned[] = [];

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'api', env: { SWITCHBOARD_MASTER_KEY: masterKey } });
    tenantId = (await createTenant(t.platform)).tenant.uuid;
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await t?.close();
  });

  const platform = () => {
    if (!t) throw new Error('the crash harness is used before its beforeAll ran');
    return t;
  };
  const tenant = () => {
    if (!tenantId) throw new Error('the crash harness is used before its beforeAll ran');
    return tenantId;
  };
  return {
    t: platform,
    tenantId: tenant,
    spawnWorker(block) {
      const worker = spawnTs('src/modules/conversations/pipeline/testing/crash-worker.ts', [], {
        DATABASE_URL: platform().database.url,
        SWITCHBOARD_DATA_DIR: platform().platform.config.dataDir,
        SWITCHBOARD_MASTER_KEY: masterKey,
        LOG_LEVEL: 'silent',
        BLOCK_TRANSCRIBE: block.transcribe ? '1' : '0',
        BLOCK_FINAL: block.final ? '1' : '0',
      });
      workers.push(worker);
      return worker;
    },
    insertStereoCall() {
      const { platform: p } = platform();
      return insertTestRecording(
        { database: p.database, keyring: p.keyring, bus: p.bus, objects: p.quietObjects },
        tenant(),
        { audio: stereoCallWav() },
      );
    },
  };
}
