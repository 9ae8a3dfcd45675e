import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTs, type Spawned } from '../../../../test/support/child-process.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { insertTestRecording } from '../pipeline/testing/insert-recording.js';
import { stereoCallWav } from '../pipeline/testing/pipeline-fixtures.js';

/**
 * kill -9 of the worker inside the analyse step, at its worst moment: the analysis row is
 * committed (and the completed event with it) but the step is not checkpointed, because the
 * worker hangs writing the final/ document (BLOCK_FINAL in the crash worker). A second worker
 * takes the run over and runs the step again: it finds the analysis by its request key, writes
 * the document, and the recording ends with exactly one analysis, current, and one event.
 */
describe('the analysis step: a worker killed mid-step', () => {
  let t: TestPlatform;
  let tenantId: string;
  const masterKey = randomBytes(32).toString('base64');
  const workers: Spawned[] = [];

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'api', env: { SWITCHBOARD_MASTER_KEY: masterKey } });
    tenantId = (await createTenant(t.platform)).tenant.uuid;
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await t.close();
  });

  const owner = () => t.platform.database.owner;
  const spawnWorker = (blockFinal: boolean) => {
    const worker = spawnTs('src/modules/conversations/pipeline/testing/crash-worker.ts', [], {
      DATABASE_URL: t.database.url,
      SWITCHBOARD_DATA_DIR: t.platform.config.dataDir,
      SWITCHBOARD_MASTER_KEY: masterKey,
      LOG_LEVEL: 'silent',
      BLOCK_TRANSCRIBE: '0',
      BLOCK_FINAL: blockFinal ? '1' : '0',
    });
    workers.push(worker);
    return worker;
  };
  const analyses = async (recordingId: string) =>
    (
      await sql<{ id: string; isCurrent: boolean; finalKey: string | null; requestKey: string }>`
        select id, is_current as "isCurrent", final_key as "finalKey", request_key as "requestKey"
          from conversations.analyses where recording_id = ${recordingId}`.execute(owner())
    ).rows;

  it('ends with exactly one current analysis and no duplicate row or event', async () => {
    const first = spawnWorker(true);
    await first.waitFor(/READY/, 60_000);
    const recording = await insertTestRecording(
      {
        database: t.platform.database,
        keyring: t.platform.keyring,
        bus: t.platform.bus,
        objects: t.platform.quietObjects,
      },
      tenantId,
      { audio: stereoCallWav() },
    );
    await first.waitFor(new RegExp(`WRITING FINAL ${tenantId}/final/${recording.id}/`), 120_000);
    // Inside the step: its row is committed, its checkpoint is not.
    const before = await analyses(recording.id);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ isCurrent: true, finalKey: null });
    first.child.kill('SIGKILL');
    await first.exited;

    const second = spawnWorker(false);
    await second.waitFor(/READY/, 60_000);
    await expect
      .poll(async () => (await analyses(recording.id))[0]?.finalKey ?? null, {
        timeout: 120_000,
        interval: 250,
      })
      .toBe(`${tenantId}/final/${recording.id}/${before[0]!.id}.json`);
    await expect
      .poll(
        async () =>
          (
            await sql<{ steps: string }>`
              select steps::text as steps from conversations.recording_runs where recording_id = ${recording.id}`.execute(
              owner(),
            )
          ).rows[0]?.steps ?? '',
        { timeout: 60_000, interval: 250 },
      )
      .toContain('"analyse"');
    const { rows: runs } = await sql<{ steps: string }>`
      select steps::text as steps from conversations.recording_runs where recording_id = ${recording.id}`.execute(
      owner(),
    );
    expect(runs).toHaveLength(1);

    const after = await analyses(recording.id);
    expect(after).toEqual([
      { ...before[0], finalKey: `${tenantId}/final/${recording.id}/${before[0]!.id}.json` },
    ]);
    expect(await t.platform.quietObjects.head(after[0]!.finalKey!)).toBeDefined();
    const { rows: events } = await sql<{ n: number }>`
      select count(*)::int as n from (
        select id from bus.outbox where type = 'conversations.analysis.completed.v1' and tenant_id = ${tenantId}
        union all
        select id from bus.log where type = 'conversations.analysis.completed.v1' and tenant_id = ${tenantId}
      ) e`.execute(owner());
    expect(events[0]?.n).toBe(1);

    second.child.kill('SIGTERM');
    await second.exited;
  }, 300_000);
});
