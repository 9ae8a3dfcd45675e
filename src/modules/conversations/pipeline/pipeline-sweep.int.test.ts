import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { newUuid } from '../../../platform/ids.js';
import type { TimerTrigger } from '../../../platform/jobs/index.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { insertRun } from './pipeline.repo.js';
import { recordingWorkflowId } from './recording.workflow.js';
import { insertTestRecording, type TestRecordingInput } from './testing/insert-recording.js';

/*
 * The pipeline's sweep (conversations.pipeline-sweep, every 5 minutes): a run recorded as
 * `running` whose workflow was never started (the process died between the run's row and the
 * workflow's start) is started by the sweep, and then ends as any run does; a run younger than
 * two minutes is left to its own start; a run whose workflow exists is not started twice.
 * The timer is called here directly, as the scheduler would.
 */

const SUPPLIED = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Agent>Thank you for calling, how can I help?

00:00:05.000 --> 00:00:08.000
<v Customer>I would like to change my delivery address.
`;

describe('the pipeline sweep', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  let sweep: TimerTrigger;

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    ({ ctx } = await createTenant(t.platform));
    const found = t.platform.jobs.find(
      (job): job is TimerTrigger => job.kind === 'timer' && job.name === 'conversations.pipeline-sweep',
    );
    if (!found) throw new Error('conversations.pipeline-sweep is not registered');
    sweep = found;
  }, 60_000);
  afterAll(() => t.close());

  const owner = () => t.platform.database.owner;
  const runSweep = () => sweep.run({ runId: newUuid(), scheduledFor: new Date(), missedSlots: 0 });

  /** A recording whose received event was never published, and a `running` run whose start was lost. */
  async function lostStart(input: TestRecordingInput, startedMinutesAgo: number) {
    const recording = await insertTestRecording(
      {
        database: t.platform.database,
        keyring: t.platform.keyring,
        bus: t.platform.bus,
        objects: t.platform.quietObjects,
      },
      ctx.tenantId,
      { ...input, publish: false },
    );
    const runId = newUuid();
    const workflowId = recordingWorkflowId(recording.id, runId);
    await t.platform.database.withTenant<ConversationsTables>(ctx, (trx) =>
      insertRun(trx, {
        id: runId,
        tenantId: ctx.tenantId,
        recordingId: recording.id,
        workflowId,
        reason: 'received',
        options: {},
      }),
    );
    await sql`update conversations.recording_runs
                 set started_at = now() - make_interval(mins => ${startedMinutesAgo})
               where id = ${runId}`.execute(owner());
    return { recordingId: recording.id, runId, workflowId };
  }

  const runRow = async (runId: string) =>
    (
      await sql<{ state: string; failureCode: string | null; steps: number }>`
        select state, failure_code as "failureCode", jsonb_array_length(steps)::int as steps
          from conversations.recording_runs where id = ${runId}`.execute(owner())
    ).rows[0];
  const recordingState = async (id: string) =>
    (
      await sql<{ state: string }>`select state from conversations.recordings where id = ${id}`.execute(
        owner(),
      )
    ).rows[0]?.state;
  const transcriptCount = async (recordingId: string) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from conversations.transcripts where recording_id = ${recordingId}`.execute(
        owner(),
      )
    ).rows[0]?.n;
  const settled = (runId: string) =>
    expect
      .poll(async () => (await runRow(runId))?.state, { timeout: 60_000, interval: 200 })
      .not.toBe('running');

  it('starts a stuck run whose workflow was never started, and the run completes', async () => {
    const stuck = await lostStart({ suppliedTranscript: SUPPLIED }, 10);
    expect(await t.platform.workflows?.status(stuck.workflowId)).toBeUndefined();

    await runSweep();
    await settled(stuck.runId);

    expect(await runRow(stuck.runId)).toMatchObject({ state: 'succeeded', failureCode: null });
    expect(await recordingState(stuck.recordingId)).toBe('ready');
    expect(await transcriptCount(stuck.recordingId)).toBe(1);
  });

  it('ends a resumed run as failed, with the reason, when its recording cannot be processed', async () => {
    // Neither audio nor a transcript stored: the prepare step fails the run for good.
    const stuck = await lostStart({}, 10);

    await runSweep();
    await settled(stuck.runId);

    expect(await runRow(stuck.runId)).toMatchObject({ state: 'failed', failureCode: 'no_media' });
    expect(await recordingState(stuck.recordingId)).toBe('failed');
  });

  it('leaves a run younger than two minutes to its own start', async () => {
    const young = await lostStart({ suppliedTranscript: SUPPLIED }, 0);

    await runSweep();

    expect(await t.platform.workflows?.status(young.workflowId)).toBeUndefined();
    expect(await runRow(young.runId)).toMatchObject({ state: 'running', steps: 0 });
  });

  it('does not run a workflow twice when swept again after it finished', async () => {
    const stuck = await lostStart({ suppliedTranscript: SUPPLIED }, 10);
    await runSweep();
    await settled(stuck.runId);
    // The workflow goes on to analysis after the run is marked succeeded: let it finish.
    await expect
      .poll(async () => (await t.platform.workflows?.status(stuck.workflowId))?.status, { timeout: 60_000 })
      .toBe('succeeded');
    const before = await runRow(stuck.runId);

    // The row made to look stuck again: the sweep's start finds the finished workflow by its id.
    await sql`update conversations.recording_runs set state = 'running' where id = ${stuck.runId}`.execute(
      owner(),
    );
    await runSweep();
    const workflow = await t.platform.workflows?.status(stuck.workflowId);
    expect(workflow?.status).toBe('succeeded');

    expect(await transcriptCount(stuck.recordingId)).toBe(1);
    expect((await runRow(stuck.runId))?.steps).toBe(before?.steps);
  });
});
