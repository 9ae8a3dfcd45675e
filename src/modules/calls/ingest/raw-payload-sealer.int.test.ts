import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesHolding } from '../../../../test/support/database-scan.js';
import type { TimerTrigger } from '../../../platform/jobs/index.js';
import { fromPublicId, newUuid } from '../../../platform/ids.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';

const fixture = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real', name));

describe('raw payload bodies at rest', () => {
  let t: CallsTestPlatform;
  beforeAll(async () => {
    t = await createCallsTestPlatform();
  });
  afterAll(() => t.close());

  /** A row as the previous version wrote it: body in clear, body_encoding not named. */
  async function legacyRow(tenantId: string, source: string, format: string, body: Buffer): Promise<string> {
    const id = newUuid();
    await sql`insert into calls.raw_payloads (id, tenant_id, source, format, content_type, body, received_by)
              values (${id}, ${tenantId}, ${source}, ${format}, 'text/plain', ${body}, 'test')`.execute(
      t.platform.database.owner,
    );
    return id;
  }

  it('reads bodies stored in clear as they are, and the sealing timer seals them, Graph secrets dropped, so they read the same', async () => {
    const { ctx: a } = await t.createTenant();
    const { ctx: b } = await t.createTenant();
    const csv = fixture('asterisk/Master-1.csv');
    const secret = 'legacy-client-state-8f3b2c1d9e7a';
    const graph = Buffer.from(
      JSON.stringify({
        value: [
          {
            subscriptionId: 'sub-1',
            clientState: secret,
            changeType: 'created',
            resource: 'communications/callRecords/abc',
            resourceData: { id: 'abc' },
          },
        ],
      }),
    );
    const csvOfA = await legacyRow(a.tenantId, 'asterisk', 'asterisk-csv', csv);
    const graphOfA = await legacyRow(a.tenantId, 'teams', 'graph-notification', graph);
    const csvOfB = await legacyRow(b.tenantId, 'asterisk', 'asterisk-csv', csv);
    expect((await t.calls.ingest.load(a, csvOfA))?.body.equals(csv)).toBe(true);

    const timer = t.platform.jobs.find(
      (job): job is TimerTrigger => job.kind === 'timer' && job.name === 'calls.raw-payloads.seal',
    );
    if (!timer) throw new Error('no sealing timer');
    await timer.run({ runId: 'seal-1', scheduledFor: new Date(), missedSlots: 0 });

    const { rows } = await sql<{ bodyEncoding: string; body: Buffer }>`
      select body_encoding as "bodyEncoding", body from calls.raw_payloads where id in (${csvOfA}, ${graphOfA}, ${csvOfB})`.execute(
      t.platform.database.owner,
    );
    expect(rows.map((row) => row.bodyEncoding)).toEqual(['sealed', 'sealed', 'sealed']);
    for (const row of rows) expect(row.body.toString('latin1')).not.toContain('89245555937');
    expect(await tablesHolding(t.platform.database.owner, secret)).toEqual([]);
    expect(await tablesHolding(t.platform.database.owner, '89245555937')).toEqual([]);

    // Sealing again changes nothing: a sealed body is never sealed twice.
    await timer.run({ runId: 'seal-2', scheduledFor: new Date(), missedSlots: 0 });
    expect((await t.calls.ingest.load(a, csvOfA))?.body.equals(csv)).toBe(true);
    expect((await t.calls.ingest.load(b, csvOfB))?.body.equals(csv)).toBe(true);
    const notification = JSON.parse(
      (await t.calls.ingest.load(a, graphOfA))?.body.toString('utf8') ?? '{}',
    ) as { value: Record<string, unknown>[] };
    expect(notification.value).toEqual([
      {
        subscriptionId: 'sub-1',
        changeType: 'created',
        resource: 'communications/callRecords/abc',
        resourceData: { id: 'abc' },
      },
    ]);
    // Another tenant's key does not open it.
    await expect(t.calls.ingest.load(b, csvOfA)).resolves.toBeUndefined();
  });

  it('stores what ingest accepts sealed, bound to its row: a body copied onto another row does not open', async () => {
    const { ctx } = await t.createTenant();
    const accept = async (body: Buffer) =>
      fromPublicId(
        'raw',
        (
          await t.calls.ingest.accept(ctx, {
            source: 'asterisk',
            format: 'asterisk-csv',
            contentType: 'text/csv',
            body,
          })
        ).payloadId,
      ) ?? '';
    const first = await accept(fixture('asterisk/Master-1.csv'));
    const second = await accept(Buffer.from('"","1001","1002"\n'));
    expect((await t.calls.ingest.load(ctx, second))?.body.toString('utf8')).toBe('"","1001","1002"\n');
    await sql`update calls.raw_payloads set body = (select body from calls.raw_payloads where id = ${first}) where id = ${second}`.execute(
      t.platform.database.owner,
    );
    await expect(t.calls.ingest.load(ctx, second)).rejects.toThrow(/does not authenticate/);
  });
});
