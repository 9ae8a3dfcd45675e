import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTs, type Spawned } from '../../../../test/support/child-process.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { insertTestRecording } from './testing/insert-recording.js';
import { stereoCallWav } from './testing/pipeline-fixtures.js';

/**
 * kill -9 of the worker in the middle of a recording's run (inside the transcribe step): a second
 * worker takes the workflow over and finishes it from the last finished step. Nothing is lost
 * (the run succeeds, the transcript and the enriched file exist) and nothing is done twice (one
 * run, one transcript row, one enriched object, one transcript.ready event; decode and
 * characteristics are not run again).
 */
describe('the recording pipeline: a worker killed mid-run', () => {
  let t: TestPlatform;
  let tenantId: string;
  const masterKey = randomBytes(32).toString('base64');
  const workers: Spawned[] = [];

  beforeAll(async () => {
    // The API role only accepts and publishes; the workers below (separate processes) run the pipeline.
    t = await createTestPlatform({ role: 'api', env: { SWITCHBOARD_MASTER_KEY: masterKey } });
    tenantId = (await createTenant(t.platform)).tenant.uuid;
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await t.close();
  });

  const owner = () => t.platform.database.owner;
  const spawnWorker = (block: boolean) => {
    const worker = spawnTs('src/modules/conversations/pipeline/testing/crash-worker.ts', [], {
      DATABASE_URL: t.database.url,
      SWITCHBOARD_DATA_DIR: t.platform.config.dataDir,
      SWITCHBOARD_MASTER_KEY: masterKey,
      LOG_LEVEL: 'silent',
      BLOCK_TRANSCRIBE: block ? '1' : '0',
    });
    workers.push(worker);
    return worker;
  };
  const runRows = async (recordingId: string) =>
    (
      await sql<{ id: string; state: string; steps: string }>`
        select id, state, steps::text as steps from conversations.recording_runs
        where recording_id = ${recordingId}`.execute(owner())
    ).rows.map((row) => ({
      ...row,
      steps: JSON.parse(row.steps) as { name: string; startedAt: string }[],
    }));

  it('loses nothing and duplicates nothing', async () => {
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
    await first.waitFor(new RegExp(`TRANSCRIBING ${recording.id}`), 60_000);
    const [before] = await runRows(recording.id);
    expect(before?.state).toBe('running');
    expect(before?.steps.map((s) => s.name)).toEqual(['prepare', 'decode', 'characteristics']);
    const killedAt = new Date();
    first.child.kill('SIGKILL');
    await first.exited;

    const second = spawnWorker(false);
    await second.waitFor(/READY/, 60_000);
    await expect
      .poll(async () => (await runRows(recording.id))[0]?.state, { timeout: 120_000, interval: 250 })
      .toBe('succeeded');

    // Analysis is the workflow's last step, after the run is marked succeeded.
    await expect
      .poll(async () => (await runRows(recording.id))[0]?.steps.some((s) => s.name === 'analyse'), {
        timeout: 120_000,
        interval: 250,
      })
      .toBe(true);
    const runs = await runRows(recording.id);
    expect(runs).toHaveLength(1);
    const steps = runs[0]!.steps;
    expect(steps.map((s) => s.name)).toEqual([
      'prepare',
      'decode',
      'characteristics',
      'transcribe',
      'redact',
      'redact-audio',
      'write-enriched',
      'store',
      'analyse',
    ]);
    const { rows: analyses } = await sql<{ n: number }>`
      select count(*)::int as n from conversations.analyses where recording_id = ${recording.id}`.execute(
      owner(),
    );
    expect(analyses[0]?.n).toBe(1);
    // What had finished before the kill was not done again.
    for (const name of ['prepare', 'decode', 'characteristics'])
      expect(Date.parse(steps.find((s) => s.name === name)!.startedAt)).toBeLessThan(killedAt.getTime());
    expect(second.output().match(new RegExp(`TRANSCRIBED ${recording.id}`, 'g'))).toHaveLength(1);

    const { rows: counts } = await sql<{
      transcripts: number;
      current: number;
      ready: number;
      state: string;
    }>`
      select (select count(*)::int from conversations.transcripts where recording_id = ${recording.id}) as transcripts,
             (select count(*)::int from conversations.transcripts where recording_id = ${recording.id} and is_current) as current,
             (select count(*)::int from (
                select id from bus.outbox where type = 'conversations.transcript.ready.v1' and data->>'recordingId' = ${recording.publicId}
                union all
                select id from bus.log where type = 'conversations.transcript.ready.v1' and data->>'recordingId' = ${recording.publicId}
             ) e) as ready,
             (select state from conversations.recordings where id = ${recording.id}) as state`.execute(
      owner(),
    );
    expect(counts[0]).toEqual({ transcripts: 1, current: 1, ready: 1, state: 'ready' });

    const enriched: string[] = [];
    for await (const head of t.platform.quietObjects.list(`${tenantId}/enriched/${recording.id}/`))
      enriched.push(head.key);
    expect(enriched).toEqual([`${tenantId}/enriched/${recording.id}/${runs[0]!.id}.json`]);

    second.child.kill('SIGTERM');
    await second.exited;
  }, 240_000);
});
