import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { createAuditLog, verifyAuditChains } from '../../platform/audit/index.js';
import type { RequestContext } from '../../platform/context.js';
import { ObjectExistsError } from '../../platform/objects/index.js';
import type { DataSubject } from '../../platform/privacy/index.js';
import { createAuditPrivacy } from './audit.privacy.js';

/*
 * The audit log in data-subject requests (found, exported, kept through an erasure) and its
 * retention: entries past ten years move to write-once archive objects, one per tenant and month,
 * and the chain still verifies across archive and table. Old entries are written back-dated by a
 * writer with its own clock (the hash covers the time: they cannot be back-dated afterwards).
 */

const subject = (userIds: string[]): DataSubject => ({ customerId: null, userIds, emails: [], phones: [] });
const ctxOf = (tenantId: string, actor = 'usr_system'): RequestContext => ({
  tenantId,
  requestId: `req-${actor}`,
  actor: actor.startsWith('usr_') ? { type: 'user', id: actor, roles: [] } : { type: 'system', id: actor },
});

describe('audit: privacy participant and the archive of entries past retention', () => {
  let t: TestPlatform;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const alice = 'usr_aliceclient01';
  const bob = 'usr_bobclient0002';

  const owner = () => t.platform.database.owner;
  const privacy = () => createAuditPrivacy(t.platform.database);
  const rowsOf = async (tenantId: string) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from audit.entries where tenant_id = ${tenantId}`.execute(owner())
    ).rows[0]!.n;

  beforeAll(async () => {
    t = await createTestPlatform();
    // Ten and more years ago: three months of one tenant's entries, one month of the other's.
    let clock = new Date('2014-01-10T09:00:00Z');
    const old = createAuditLog(t.platform.database, { now: () => clock });
    for (const [month, actor] of [
      ['2014-01', alice],
      ['2014-01', bob],
      ['2014-02', alice],
      ['2014-03', bob],
    ] as const) {
      clock = new Date(`${month}-15T10:00:00Z`);
      await old.record(ctxOf(tenantA, actor), { action: 'auth.login.succeeded' });
    }
    clock = new Date('2015-06-01T08:00:00Z');
    await old.record(ctxOf(tenantB, alice), { action: 'auth.login.succeeded' });
    // Today's entries continue the same chains.
    await t.platform.auditLog.record(ctxOf(tenantA, alice), {
      action: 'portal.profile.updated',
      target: { type: 'customer', id: 'cus_1' },
    });
    await t.platform.auditLog.record(ctxOf(tenantA, bob), { action: 'portal.profile.updated' });
    await t.platform.auditLog.record(ctxOf(tenantB, alice), { action: 'portal.order.placed' });
  });
  afterAll(() => t.close());

  it('finds and exports only the subject’s own entries of the tenant, and keeps them through an erasure', async () => {
    const found = await privacy().find(ctxOf(tenantA), subject([alice]));
    expect(found).toHaveLength(3);
    expect(found[0]).toMatchObject({
      module: 'audit',
      kind: 'audit_entry',
      summary: 'Audit log · portal profile updated · customer cus_1',
      consolePath: `/admin/audit?actor=${alice}`,
    });
    expect(found[0]?.id).toMatch(/^aud_/);
    expect(found.map((f) => f.at?.toISOString().slice(0, 7))).toEqual([
      new Date().toISOString().slice(0, 7),
      '2014-02',
      '2014-01',
    ]);
    const [part] = await privacy().export(ctxOf(tenantA), subject([alice]));
    expect(part?.name).toBe('audit-entries');
    expect(part?.rows.map((r) => r.actor)).toEqual([alice, alice, alice]);
    expect(JSON.stringify(part)).not.toContain(bob);
    // Tenant isolation: the same user id in another tenant is another tenant's business.
    expect(
      (await privacy().find(ctxOf(tenantB), subject([alice]))).map((f) => f.at?.getUTCFullYear()),
    ).toEqual([new Date().getUTCFullYear(), 2015]);
    expect(await privacy().find(ctxOf(tenantA), subject([]))).toEqual([]);

    const before = await rowsOf(tenantA);
    const report = await privacy().erase(ctxOf(tenantA), subject([alice]), { requestId: 'dsr_1' });
    expect(report).toEqual({
      erased: 0,
      kept: [
        {
          what: 'audit log entries',
          count: 3,
          reason: 'accountability and the integrity of the hash-chained log (GDPR Art. 5(2), 17(3)(b))',
        },
      ],
    });
    expect(await rowsOf(tenantA)).toBe(before);
    expect(privacy().retention[0]?.reason).toContain('GDPR Art. 5(2)');
  });

  it('archives whole months past ten years to write-once objects and the chains still verify', async () => {
    const archive = t.platform.quietObjects;
    const report = await t.platform.modules.audit.archiveOldEntries();
    expect(report).toEqual({ objects: 4, entries: 5, refused: [] });
    expect(await rowsOf(tenantA)).toBe(2);
    expect(await rowsOf(tenantB)).toBe(1);

    const keys: string[] = [];
    for await (const head of archive.list(`${tenantA}/audit/archive/`)) keys.push(head.key);
    expect(keys).toEqual(['2014-01', '2014-02', '2014-03'].map((m) => `${tenantA}/audit/archive/${m}.jsonl`));
    const january = (await text((await archive.get(keys[0]!)).body))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; actorId: string; hash: string });
    expect(january.map((e) => [e.seq, e.actorId])).toEqual([
      [1, alice],
      [2, bob],
    ]);
    expect(january[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    // Write-once: an archived month cannot be replaced by other content.
    await expect(archive.put(keys[0]!, Buffer.from('{}\n'), { tenantId: tenantA })).rejects.toBeInstanceOf(
      ObjectExistsError,
    );

    // The table alone now starts at entry 5; with the archive the chain is whole.
    expect((await verifyAuditChains(owner(), { tenantId: tenantA })).breaks).toEqual([
      expect.objectContaining({ seq: 1, reason: 'missing_entry' }),
    ]);
    expect(await verifyAuditChains(owner(), { tenantId: tenantA, archive })).toEqual({
      tenants: 1,
      entries: 6,
      breaks: [],
    });
    expect(await t.platform.modules.audit.verify(ctxOf(tenantB))).toEqual({
      intact: true,
      entries: 2,
      firstBreak: null,
    });
    // New entries go on linking to the chain's head.
    await t.platform.auditLog.record(ctxOf(tenantA, alice), { action: 'portal.profile.updated' });
    expect(await t.platform.modules.audit.verify(ctxOf(tenantA))).toMatchObject({ intact: true, entries: 7 });

    // A second run finds nothing more; a shorter retention (configurable) moves today's month too.
    expect(await t.platform.modules.audit.archiveOldEntries()).toEqual({
      objects: 0,
      entries: 0,
      refused: [],
    });
    const nextYear = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 1));
    const all = await t.platform.modules.audit.archiveOldEntries({ now: nextYear, years: 0 });
    expect(all.entries).toBe(4);
    expect(await rowsOf(tenantA)).toBe(0);
    expect(await t.platform.modules.audit.verify(ctxOf(tenantA))).toMatchObject({ intact: true, entries: 7 });
    // The archived entries are still the subject's, in the archive's objects, not in the table.
    expect(await privacy().find(ctxOf(tenantA), subject([alice]))).toEqual([]);
  });
});
