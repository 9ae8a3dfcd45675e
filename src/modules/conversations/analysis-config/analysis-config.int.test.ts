import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { insertTestRecording } from '../pipeline/testing/insert-recording.js';
import { insertTranscribedRecording } from '../scoring/testing/insert-transcribed-recording.js';
import { supportCallSegments } from '../scoring/testing/support-call.js';
import { disclosureRule } from '../testing/analysis-fixtures.js';

const configurer = ['analysis:read', 'analysis:configure', 'transcripts:read'];
const reader = ['analysis:read'];

interface VersionBody {
  id: string;
  version: number;
  latestVersion: number;
  activeVersion: number | null;
  isActive: boolean;
  name: string;
  body: { name: string; rules?: { id: string; weight: number }[] };
}
interface Problem {
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
}

const disclosure = disclosureRule;
const silence = {
  id: 'silence',
  name: 'No silence over 20 s',
  category: 'Handling',
  weight: 1,
  kind: 'deterministic',
  check: { type: 'max_silence', maxSeconds: 20 },
};
const empathy = {
  id: 'empathy',
  name: 'Empathy',
  category: 'Soft skills',
  weight: 1,
  kind: 'llm',
  howToJudge: 'Acknowledges feelings',
};
const scorecard = (rules: unknown[] = [disclosure, silence, empathy], name = 'Support QA') => ({
  name,
  rules,
});

describe('analysis configuration (versioned insight schemas, scorecards, categories)', () => {
  let t: TestPlatform;
  let tenantA: string;
  let tenantB: string;

  beforeAll(async () => {
    t = await createTestPlatform({ env: { SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64') } });
    tenantA = (await createTenant(t.platform)).tenant.uuid;
    tenantB = (await createTenant(t.platform)).tenant.uuid;
  });
  afterAll(() => t.close());

  const call = (
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    tenant = tenantA,
    permissions = configurer,
  ) =>
    t.inject({
      method,
      url: `/api/v1/conversations/${url}`,
      as: { tenant, actor: 'usr_qa_lead', permissions },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const fieldsOf = (body: string) => (JSON.parse(body) as Problem).errors?.map((e) => e.field) ?? [];
  const auditActions = async (target: string) =>
    (
      await sql<{ action: string; actorId: string; details: Record<string, unknown> }>`
        select action, actor_id as "actorId", details from audit.entries
         where tenant_id = ${tenantA} and target_id = ${target} order by seq`.execute(
        t.platform.database.owner,
      )
    ).rows;

  it('keeps every version: create, add versions, read latest, active or ?version=, activate an older one', async () => {
    const created = await call('POST', 'scorecards', scorecard());
    expect(created.statusCode).toBe(201);
    const v1 = created.json<VersionBody>();
    expect(v1).toMatchObject({
      version: 1,
      latestVersion: 1,
      activeVersion: 1,
      isActive: true,
      name: 'Support QA',
    });
    expect(v1.id).toMatch(/^scorecard_/);

    const added = await call(
      'POST',
      `scorecards/${v1.id}/versions`,
      scorecard([{ ...disclosure, weight: 5 }, silence], 'Support QA v2'),
    );
    expect(added.statusCode).toBe(201);
    expect(added.json<VersionBody>()).toMatchObject({
      version: 2,
      latestVersion: 2,
      activeVersion: 1,
      isActive: false,
    });

    const latest = (await call('GET', `scorecards/${v1.id}`)).json<VersionBody>();
    expect(latest).toMatchObject({ version: 2, name: 'Support QA v2' });
    expect(latest.body.rules?.map((r) => [r.id, r.weight])).toEqual([
      ['disclosure', 5],
      ['silence', 1],
    ]);
    const old = (
      await call('GET', `scorecards/${v1.id}?version=1`, undefined, tenantA, reader)
    ).json<VersionBody>();
    expect(old.body.rules?.map((r) => r.id)).toEqual(['disclosure', 'silence', 'empathy']);
    expect((await call('GET', `scorecards/${v1.id}?version=active`)).json<VersionBody>().version).toBe(1);

    const activated = await call('POST', `scorecards/${v1.id}/activate`, { version: 2 });
    expect(activated.json<VersionBody>()).toMatchObject({ version: 2, activeVersion: 2, isActive: true });
    const back = await call('POST', `scorecards/${v1.id}/activate`, { version: 1 });
    expect(back.json<VersionBody>()).toMatchObject({
      version: 1,
      activeVersion: 1,
      isActive: true,
      latestVersion: 2,
    });

    const versions = (await call('GET', `scorecards/${v1.id}/versions`)).json<{
      items: { version: number; isActive: boolean }[];
    }>();
    expect(versions.items).toEqual([
      expect.objectContaining({ version: 2, isActive: false }),
      expect.objectContaining({ version: 1, isActive: true }),
    ]);
    const list = (await call('GET', 'scorecards', undefined, tenantA, reader)).json<{
      items: { id: string; latestVersion: number }[];
    }>();
    expect(list.items.find((i) => i.id === v1.id)?.latestVersion).toBe(2);

    // A version that does not exist is a 404 naming the parameter.
    const missing = await call('GET', `scorecards/${v1.id}?version=9`);
    expect(missing.statusCode).toBe(404);
    expect(fieldsOf(missing.body)).toEqual(['query.version']);
    expect(fieldsOf((await call('POST', `scorecards/${v1.id}/activate`, { version: 7 })).body)).toEqual([
      'body.version',
    ]);

    // Every change is in the audit log, with who made it and which version.
    expect((await auditActions(v1.id)).map((e) => [e.action, e.actorId, e.details.version])).toEqual([
      ['conversations.scorecard.version_created', 'usr_qa_lead', 1],
      ['conversations.scorecard.version_created', 'usr_qa_lead', 2],
      ['conversations.scorecard.activated', 'usr_qa_lead', 2],
      ['conversations.scorecard.activated', 'usr_qa_lead', 1],
    ]);
  });

  it('refuses a bad scorecard with a 400 naming each field', async () => {
    const response = await call(
      'POST',
      'scorecards',
      scorecard([
        disclosure,
        { ...silence, id: 'disclosure' },
        { ...empathy, weight: -1 },
        { ...silence, id: 'x', check: undefined },
      ]),
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(response.body).sort()).toEqual([
      'body.rules.1.id',
      'body.rules.2.weight',
      'body.rules.3.check',
    ]);

    const wrongCheck = await call(
      'POST',
      'scorecards',
      scorecard([{ ...silence, check: { type: 'max_silence', maxSeconds: 'long' } }]),
    );
    expect(fieldsOf(wrongCheck.body)).toEqual(['body.rules.0.check.maxSeconds']);
    const llmWithCheck = await call('POST', 'scorecards', scorecard([{ ...empathy, check: silence.check }]));
    expect(fieldsOf(llmWithCheck.body)).toEqual(['body.rules.0.check']);
  });

  it('insight schemas: refuses a bad definition naming the field; results are validated against a version', async () => {
    const bad = await call('POST', 'insight-schemas', {
      name: 'Insights',
      fields: [{ name: 'reason', type: 'enum', description: 'Why they called' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['body.fields.0.enumValues']);

    const created = await call('POST', 'insight-schemas', {
      name: 'Insights',
      fields: [
        {
          name: 'reason',
          type: 'enum',
          description: 'Why they called',
          enumValues: ['billing', 'cancel'],
          required: true,
        },
        { name: 'resolved', type: 'boolean', description: 'Resolved on the call' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<VersionBody>().id;
    expect(id).toMatch(/^insight_schema_/);
    const service = t.platform.modules.conversations.analysisConfig;
    const ctx = { tenantId: tenantA, requestId: 'test', actor: { type: 'system' as const, id: 'test' } };
    await expect(
      service.validateInsights(ctx, id, { reason: 'cancel', resolved: true }),
    ).resolves.toMatchObject({
      valid: true,
      version: 1,
    });
    await expect(service.validateInsights(ctx, id, { reason: 'weather' })).resolves.toMatchObject({
      valid: false,
      problems: [{ field: 'reason', message: expect.any(String) as string }],
    });
  });

  it('needs analysis:configure to change and analysis:read to read', async () => {
    expect((await call('POST', 'scorecards', scorecard(), tenantA, reader)).statusCode).toBe(403);
    expect((await call('GET', 'categories', undefined, tenantA, [])).statusCode).toBe(403);
  });

  it("one tenant cannot read, version, activate or preview another's configuration (RLS)", async () => {
    const id = (await call('POST', 'scorecards', scorecard())).json<VersionBody>().id;
    for (const response of [
      await call('GET', `scorecards/${id}`, undefined, tenantB),
      await call('GET', `scorecards/${id}/versions`, undefined, tenantB),
      await call('POST', `scorecards/${id}/versions`, scorecard(), tenantB),
      await call('POST', `scorecards/${id}/activate`, { version: 1 }, tenantB),
    ])
      expect(response.statusCode).toBe(404);
    expect((await call('GET', 'scorecards', undefined, tenantB)).json<{ items: unknown[] }>().items).toEqual(
      [],
    );

    // Below the API: B's transaction sees none of A's rows and cannot write one for A.
    const db = t.platform.database;
    const seen = await db.withTenant<ConversationsTables>({ tenantId: tenantB }, (trx) =>
      trx.selectFrom('conversations.analysis_config_versions').selectAll().execute(),
    );
    expect(seen).toEqual([]);
    await expect(
      db.withTenant<ConversationsTables>({ tenantId: tenantB }, (trx) =>
        trx
          .insertInto('conversations.analysis_configs')
          .values({
            id: crypto.randomUUID(),
            tenantId: tenantA,
            kind: 'scorecard',
            name: 'x',
            latestVersion: 1,
            activeVersion: null,
            activatedBy: null,
            activatedAt: null,
            createdBy: 'x',
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    // Versions are append-only for the application: even the owning tenant cannot edit one.
    await expect(
      db.withTenant({ tenantId: tenantA }, (trx) =>
        sql`update conversations.analysis_config_versions set name = 'edited'`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  describe('"test on this call": preview on a stored recording', () => {
    const deps = () => ({
      database: t.platform.database,
      keyring: t.platform.keyring,
      bus: t.platform.bus,
      objects: t.platform.quietObjects,
    });

    it('judges the deterministic rules of a saved or an unsaved scorecard against the stored transcript', async () => {
      const recording = await insertTranscribedRecording(deps(), tenantA, supportCallSegments);
      const id = (await call('POST', 'scorecards', scorecard())).json<VersionBody>().id;

      const saved = await call('POST', `scorecards/${id}/preview`, { recordingId: recording.publicId });
      expect(saved.statusCode).toBe(200);
      const evaluation = saved.json<{
        scorecardVersion: number | null;
        score: number;
        grade: string;
        complete: boolean;
        rules: {
          ruleId: string;
          status: string;
          pass: boolean | null;
          evidence: { segmentId: string | null; quote: string }[];
        }[];
      }>();
      expect(evaluation.scorecardVersion).toBe(1);
      expect(evaluation.rules.map((r) => [r.ruleId, r.status, r.pass])).toEqual([
        ['disclosure', 'evaluated', true],
        ['silence', 'evaluated', false],
        ['empathy', 'pending', null],
      ]);
      expect(evaluation.rules[0]?.evidence[0]).toMatchObject({ segmentId: 'seg_0' });
      expect(evaluation.rules[0]?.evidence[0]?.quote).toContain('recorded for quality');
      // (100 × 2 + 0 × 1) / 3
      expect(evaluation).toMatchObject({ score: 66.7, grade: 'D', complete: false });

      // An edited, unsaved scorecard: the disclosure phrase the agent never said fails the auto-fail rule.
      const edited = await call('POST', `scorecards/${id}/preview`, {
        recordingId: recording.publicId,
        scorecard: scorecard([
          { ...disclosure, check: { ...disclosure.check, phrases: ['may be monitored'] } },
          silence,
        ]),
      });
      expect(edited.json()).toMatchObject({ scorecardVersion: null, score: 0, grade: 'E', autoFailed: true });
      const fresh = await call('POST', 'scorecards/preview', {
        recordingId: recording.publicId,
        scorecard: scorecard([silence]),
      });
      expect(fresh.json()).toMatchObject({ score: 0, grade: 'E', autoFailed: false });

      // Nothing was stored by the previews.
      expect((await call('GET', `scorecards/${id}`)).json<VersionBody>().latestVersion).toBe(1);
    });

    it('matches a category set against the stored call', async () => {
      const recording = await insertTranscribedRecording(deps(), tenantA, supportCallSegments);
      const created = await call('POST', 'categories', {
        name: 'Support categories',
        categories: [
          {
            id: 'churn',
            name: 'Churn risk',
            conditions: [{ type: 'phrase', phrases: ['cancel'], speaker: 'customer' }],
          },
          { id: 'legal', name: 'Legal', conditions: [{ type: 'phrase', phrases: ['lawyer'] }] },
        ],
      });
      expect(created.statusCode).toBe(201);
      const preview = await call('POST', `categories/${created.json<VersionBody>().id}/preview`, {
        recordingId: recording.publicId,
      });
      expect(preview.json()).toEqual({
        recordingId: recording.publicId,
        categorySetVersion: 1,
        matches: [
          {
            categoryId: 'churn',
            name: 'Churn risk',
            points: [
              {
                segmentId: 'seg_1',
                startMs: 4500,
                endMs: 9000,
                speaker: 'customer',
                condition: 'conditions.0',
              },
            ],
          },
        ],
      });
    });

    it("refuses another tenant's recording, a recording without transcript, and a caller without transcripts:read", async () => {
      const recording = await insertTranscribedRecording(deps(), tenantA, supportCallSegments);
      const idB = (await call('POST', 'scorecards', scorecard(), tenantB)).json<VersionBody>().id;
      const crossTenant = await call(
        'POST',
        `scorecards/${idB}/preview`,
        { recordingId: recording.publicId },
        tenantB,
      );
      expect(crossTenant.statusCode).toBe(404);
      expect(crossTenant.json<Problem>().code).toBe('CONVERSATIONS_RECORDING_NOT_FOUND');

      const idA = (await call('POST', 'scorecards', scorecard())).json<VersionBody>().id;
      const untranscribed = await insertTestRecording(deps(), tenantA, {
        suppliedTranscript: 'WEBVTT',
        publish: false,
      });
      const noTranscriptYet = await call('POST', 'scorecards/preview', {
        recordingId: untranscribed.publicId,
        scorecard: scorecard([silence]),
      });
      expect(noTranscriptYet.statusCode).toBe(409);
      const withoutTranscripts = await call(
        'POST',
        `scorecards/${idA}/preview`,
        { recordingId: recording.publicId },
        tenantA,
        ['analysis:configure'],
      );
      expect(withoutTranscripts.statusCode).toBe(403);
    });
  });
});
