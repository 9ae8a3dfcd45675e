import { buffer } from 'node:stream/consumers';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import type { Problem } from '../../../platform/http/index.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { insertRecordingOn, OPT_OUT_CALL, outboundQaScorecard } from '../testing/analysis-fixtures.js';

/*
 * Reviewers' overrides and agents' disputes end to end on real PostgreSQL: a call the local
 * analyser grades E (the recording disclosure is an auto-fail rule and the agent never said it);
 * a reviewer overrides the rule (the disclosure was played by the IVR), the effective grade moves
 * to A in the API and on the analysis row (search, dashboards) and the machine's stays; an agent disputes
 * another rule and a reviewer accepts it with an override; a re-analysis starts from the machine.
 */

interface Rule {
  ruleId: string;
  status: string;
  score: number | null;
  pass: boolean | null;
  override?: { reviewer: string; at: string; originalScore: number | null; originalPass: boolean | null };
}
interface AnalysisBody {
  id: string;
  qaScore: number | null;
  grade: string | null;
  machineQaScore?: number | null;
  machineGrade?: string | null;
  finalKey: string | null;
  qa: {
    score: number | null;
    grade: string | null;
    autoFailed: boolean;
    machine?: { score: number | null; grade: string | null };
    reviewed?: boolean;
    rules: Rule[];
  } | null;
}

const REVIEWER = ['analysis:read', 'analysis:configure', 'qa:review', 'recordings:read'];
const AGENT = ['recordings:read', 'analysis:read', 'qa:dispute'];

describe('QA reviews: overrides and disputes', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  let other: RequestContext;

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    ({ ctx } = await createTenant(t.platform));
    ({ ctx: other } = await createTenant(t.platform));
  }, 60_000);
  afterAll(() => t.close());

  const api = (
    tenant: RequestContext,
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    who: { actor: string; permissions: string[] } = { actor: 'usr_reviewer', permissions: REVIEWER },
  ) =>
    t.inject({
      method,
      url: `/api/v1${url}`,
      as: { tenant: tenant.tenantId, ...who },
      ...(payload ? { payload } : {}),
    });
  const asAgent = { actor: 'usr_agent', permissions: AGENT };
  const fieldsOf = (body: string) => (JSON.parse(body) as Problem).errors?.map((e) => e.field) ?? [];
  const analysisOf = async (publicId: string) => {
    const response = await api(ctx, 'GET', `/recordings/${publicId}/analysis`);
    expect(response.statusCode).toBe(200);
    return response.json<AnalysisBody>();
  };
  const waitForAnalyses = (publicId: string, count: number) =>
    expect
      .poll(
        async () =>
          (await api(ctx, 'GET', `/recordings/${publicId}/analyses`)).json<{ items?: unknown[] }>().items
            ?.length ?? 0,
        { timeout: 60_000, interval: 200 },
      )
      .toBe(count);
  const auditOf = async (action: string) =>
    (
      await sql<{ actorId: string; details: Record<string, unknown> }>`
        select actor_id as "actorId", details from audit.entries
         where tenant_id = ${ctx.tenantId} and action = ${action} order by seq`.execute(
        t.platform.database.owner,
      )
    ).rows;
  const finalOf = async (key: string) =>
    JSON.parse((await buffer((await t.platform.quietObjects.get(key)).body)).toString('utf8')) as {
      qa: { grade: string; score: number; rules: Rule[] };
      complianceFlags: unknown[];
    };

  it('overrides a rule, disputes and resolves, and a re-analysis starts fresh', async () => {
    expect((await api(ctx, 'POST', '/conversations/scorecards', outboundQaScorecard)).statusCode).toBe(201);
    const recording = await insertRecordingOn(t, ctx.tenantId, {
      suppliedTranscript: OPT_OUT_CALL,
      language: 'en-US',
    });
    const rec = recording.publicId;
    await waitForAnalyses(rec, 1);
    await expect.poll(async () => (await analysisOf(rec)).finalKey, { timeout: 30_000 }).not.toBeNull();
    const machine = await analysisOf(rec);
    expect(machine).toMatchObject({ grade: 'E', qaScore: 0, machineGrade: 'E', machineQaScore: 0 });
    expect(machine.qa?.reviewed).toBe(false);

    // Bad input: 400 naming the field; a rule the scorecard does not have: 404 naming it.
    const override = `/recordings/${rec}/analysis/rules/disclosure/override`;
    const tooHigh = await api(ctx, 'POST', override, { score: 101, pass: true, reason: 'x' });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(tooHigh.body)).toEqual(['body.score']);
    const notANumber = await api(ctx, 'POST', override, { score: 'abc', pass: true, reason: 'x' });
    expect(notANumber.statusCode).toBe(400);
    expect(fieldsOf(notANumber.body)).toEqual(['body.score']);
    expect(fieldsOf((await api(ctx, 'POST', override, { score: 90, pass: true, reason: ' ' })).body)).toEqual(
      ['body.reason'],
    );
    const noRule = await api(ctx, 'POST', `/recordings/${rec}/analysis/rules/nope/override`, {
      score: 90,
      pass: true,
      reason: 'x',
    });
    expect(noRule.statusCode).toBe(404);
    expect(fieldsOf(noRule.body)).toEqual(['params.ruleId']);
    // An agent may dispute, not override.
    expect(
      (await api(ctx, 'POST', override, { score: 100, pass: true, reason: 'x' }, asAgent)).statusCode,
    ).toBe(403);

    // The reviewer: the IVR played the disclosure before the agent picked up.
    const reason = 'Disclosure played by the IVR before the agent answered (Jane Doe checked)';
    const made = await api(ctx, 'POST', override, { score: 100, pass: true, reason });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      review: { ruleId: 'disclosure', reviewer: 'usr_reviewer', original: { score: 0, pass: false }, reason },
      effective: { qaScore: 100, grade: 'A', machineQaScore: 0, machineGrade: 'E' },
    });
    const reviewed = await analysisOf(rec);
    expect(reviewed).toMatchObject({ grade: 'A', qaScore: 100, machineGrade: 'E', machineQaScore: 0 });
    expect(reviewed.qa).toMatchObject({
      grade: 'A',
      score: 100,
      autoFailed: false,
      reviewed: true,
      machine: { score: 0, grade: 'E' },
    });
    expect(reviewed.qa?.rules.find((r) => r.ruleId === 'disclosure')).toMatchObject({
      score: 100,
      pass: true,
      override: { reviewer: 'usr_reviewer', originalScore: 0, originalPass: false },
    });
    expect(reviewed.qa?.rules.find((r) => r.ruleId === 'talk-ratio')?.override).toBeUndefined();

    // Search and dashboards read the row: effective there too; the reason is sealed.
    const row = (
      await sql<{ grade: string; machineGrade: string }>`
        select grade, machine_grade as "machineGrade" from conversations.analyses
         where recording_id = ${recording.id}`.execute(t.platform.database.owner)
    ).rows;
    expect(row).toEqual([{ grade: 'A', machineGrade: 'E' }]);
    const sealed = await sql<{ reason: Buffer }>`
      select reason_sealed as reason from conversations.qa_reviews where recording_id = ${recording.id}`.execute(
      t.platform.database.owner,
    );
    expect(sealed.rows[0]!.reason.toString('utf8')).not.toContain('Jane Doe');

    // Audited, without the free text.
    const [entry] = await auditOf('conversations.qa_rule_overridden');
    expect(entry).toMatchObject({
      actorId: 'usr_reviewer',
      details: { ruleId: 'disclosure', grade: { from: 'E', to: 'A' }, to: { score: 100, pass: true } },
    });
    expect(JSON.stringify(entry)).not.toContain('Jane Doe');

    // final/ is write-once in the object store: it keeps the machine's evaluation (documented).
    expect((await finalOf(reviewed.finalKey!)).qa).toMatchObject({ grade: 'E', score: 0 });

    // Another tenant sees and changes nothing: 404 everywhere.
    expect((await api(other, 'POST', override, { score: 0, pass: false, reason: 'x' })).statusCode).toBe(404);
    expect((await api(other, 'GET', `/recordings/${rec}/analysis/reviews`)).statusCode).toBe(404);
    expect(
      (await api(other, 'POST', `/recordings/${rec}/analysis/disputes`, { comment: 'x' }, asAgent))
        .statusCode,
    ).toBe(404);

    // An agent disputes the talk-ratio rule; the reviewers' queue shows it.
    const raised = await api(
      ctx,
      'POST',
      `/recordings/${rec}/analysis/disputes`,
      { ruleId: 'talk-ratio', comment: 'The customer put me on hold; that was music.' },
      asAgent,
    );
    expect(raised.statusCode).toBe(201);
    const dispute = raised.json<{ id: string; state: string; raisedBy: string }>();
    expect(dispute).toMatchObject({ state: 'open', raisedBy: 'usr_agent' });
    expect(
      fieldsOf(
        (
          await api(
            ctx,
            'POST',
            `/recordings/${rec}/analysis/disputes`,
            { ruleId: 'nope', comment: 'x' },
            asAgent,
          )
        ).body,
      ),
    ).toEqual(['body.ruleId']);
    const queue = await api(ctx, 'GET', '/conversations/disputes?state=open');
    expect(queue.statusCode).toBe(200);
    const queued = queue.json<{ items: { id: string; analysisIsCurrent: boolean; comment: string }[] }>()
      .items;
    expect(queued.map((d) => [d.id, d.analysisIsCurrent, d.comment])).toEqual([
      [dispute.id, true, 'The customer put me on hold; that was music.'],
    ]);
    expect((await api(other, 'GET', '/conversations/disputes?state=open')).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(fieldsOf((await api(ctx, 'GET', '/conversations/disputes?state=closed')).body)).toEqual([
      'querystring.state',
    ]);

    // Resolve: accepted, with the override it leads to; the other tenant cannot.
    const resolve = `/recordings/${rec}/analysis/disputes/${dispute.id}/resolve`;
    expect((await api(other, 'POST', resolve, { outcome: 'rejected', comment: 'no' })).statusCode).toBe(404);
    expect(fieldsOf((await api(ctx, 'POST', resolve, { outcome: 'maybe', comment: 'x' })).body)).toEqual([
      'body.outcome',
    ]);
    const resolved = await api(ctx, 'POST', resolve, {
      outcome: 'accepted',
      comment: 'Agreed, the hold music counted as the agent.',
      override: { score: 50, pass: false },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      dispute: {
        state: 'accepted',
        resolvedBy: 'usr_reviewer',
        resolution: 'Agreed, the hold music counted as the agent.',
      },
      review: { ruleId: 'talk-ratio', score: 50, pass: false, disputeId: dispute.id },
      // (100*2 + 50*1) / 3, the llm rule still pending
      effective: { qaScore: 83.3, grade: 'B' },
    });
    expect((await api(ctx, 'POST', resolve, { outcome: 'rejected', comment: 'again' })).statusCode).toBe(409);
    expect((await api(ctx, 'GET', '/conversations/disputes?state=open')).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(await auditOf('conversations.qa_dispute_raised')).toHaveLength(1);
    const resolvedAudit = await auditOf('conversations.qa_dispute_resolved');
    expect(resolvedAudit.map((entry) => [entry.actorId, entry.details.outcome])).toEqual([
      ['usr_reviewer', 'accepted'],
    ]);
    const history = (await api(ctx, 'GET', `/recordings/${rec}/analysis/reviews`)).json<{
      analysisId: string;
      effective: { grade: string };
      machine: { grade: string };
      reviews: { ruleId: string }[];
      disputes: { state: string }[];
    }>();
    expect(history).toMatchObject({
      analysisId: machine.id,
      effective: { grade: 'B' },
      machine: { grade: 'E' },
    });
    expect(history.reviews.map((r) => r.ruleId)).toEqual(['talk-ratio', 'disclosure']);
    expect(history.disputes.map((d) => d.state)).toEqual(['accepted']);

    // A re-analysis is a new analysis: the machine's judgement again, no overrides carried over.
    expect((await api(ctx, 'POST', `/recordings/${rec}/analyses`)).statusCode).toBe(202);
    await waitForAnalyses(rec, 2);
    const fresh = await analysisOf(rec);
    expect(fresh.id).not.toBe(machine.id);
    expect(fresh).toMatchObject({ grade: 'E', qaScore: 0, machineGrade: 'E' });
    expect(fresh.qa?.reviewed).toBe(false);
    expect(fresh.qa?.rules.every((r) => r.override === undefined)).toBe(true);
    expect((await api(ctx, 'GET', `/recordings/${rec}/analysis/reviews`)).json()).toMatchObject({
      analysisId: fresh.id,
      reviews: [],
      disputes: [],
    });
    // The reviewed analysis keeps its figures as history.
    const kept = (await api(ctx, 'GET', `/recordings/${rec}/analyses`)).json<{
      items: { id: string; grade: string }[];
    }>().items;
    expect(kept.find((a) => a.id === machine.id)?.grade).toBe('B');
  }, 180_000);
});
