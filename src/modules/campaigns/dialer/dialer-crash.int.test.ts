import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { spawnTs, type Spawned } from '../../../../test/support/child-process.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { CampaignsTables } from '../db/campaigns.tables.js';
import { openSettings, seedCampaign } from './dialer.fixtures.js';

/**
 * kill -9 of a dialer in the middle of a pass (calls reserved, some being placed): a dialer started
 * again finishes the campaign. Every idempotency key reaches the provider at most once, and no
 * lead gets more attempts than its cap, whatever the moment of the kill.
 */
describe('the dialer: killed mid-pass', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  const masterKey = randomBytes(32).toString('base64');
  const children: Spawned[] = [];

  beforeAll(async () => {
    t = await createTestPlatform({ env: { SWITCHBOARD_MASTER_KEY: masterKey } });
    ({ ctx } = await createTenant(t.platform));
  }, 60_000);
  afterAll(async () => {
    for (const child of children) child.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await t.close();
  });

  it('places each key at most once and keeps every lead within its cap', async () => {
    const cap = 2;
    const seeded = await seedCampaign(t.platform, ctx, {
      settings: openSettings({
        allowedRegions: ['XX'],
        maxAttemptsPerLead: cap,
        retrySpacingMinutes: { failed: 0 },
        pacing: { callsPerMinute: 600, maxConcurrent: 8 },
      }),
      lists: [
        {
          leads: Array.from({ length: 24 }, (_, i) => ({
            e164: `+4420794600${String(i).padStart(2, '0')}`,
            region: 'XX',
            subdivision: null,
            timeZone: 'UTC',
          })),
        },
      ],
    });
    const keysFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'dialer-crash-')), 'placed.txt');
    const spawn = (offsetMs: number) => {
      const child = spawnTs('src/modules/campaigns/dialer/testing/crash-dialer.ts', [], {
        DATABASE_URL: t.database.url,
        SWITCHBOARD_DATA_DIR: t.platform.config.dataDir,
        SWITCHBOARD_MASTER_KEY: masterKey,
        LOG_LEVEL: 'silent',
        KEYS_FILE: keysFile,
        PLACE_MS: '400',
        CLOCK_OFFSET_MS: String(offsetMs),
        TENANT_ID: ctx.tenantId,
        CAMPAIGN_ID: seeded.campaignId,
      });
      children.push(child);
      return child;
    };

    const first = spawn(0);
    // Wait until a second pass is under way (the first pass's calls were placed), then kill.
    await first.waitFor(/PLACING (\S+)\n(?:.*\n){8}/, 60_000);
    first.child.kill('SIGKILL');
    await first.exited;

    // "Three minutes later": the reservations the first dialer left are past the crash rule's 2 minutes.
    const second = spawn(3 * 60_000);
    await second.waitFor(/COMPLETED/, 90_000);
    await second.exited;

    const keys = (await readFile(keysFile, 'utf8')).split('\n').filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
    const perLead = new Map<string, number>();
    for (const key of keys) {
      const lead = key.split(':')[1] ?? '';
      perLead.set(lead, (perLead.get(lead) ?? 0) + 1);
    }
    expect(Math.max(...perLead.values())).toBeLessThanOrEqual(cap);

    const { attempts, hopper } = await t.platform.database.withTenant<
      CampaignsTables,
      {
        attempts: { leadId: string; state: string; idempotencyKey: string }[];
        hopper: { state: string; attempts: number }[];
      }
    >(ctx, async (trx) => ({
      attempts: await trx
        .selectFrom('campaigns.call_attempts')
        .select(['leadId', 'state', 'idempotencyKey'])
        .where('campaignId', '=', seeded.campaignId)
        .execute(),
      hopper: await trx
        .selectFrom('campaigns.campaign_leads')
        .select(['state', 'attempts'])
        .where('campaignId', '=', seeded.campaignId)
        .execute(),
    }));
    expect(hopper.every((row) => row.state === 'done' && row.attempts <= cap)).toBe(true);
    const attemptsPerLead = new Map<string, number>();
    for (const attempt of attempts)
      attemptsPerLead.set(attempt.leadId, (attemptsPerLead.get(attempt.leadId) ?? 0) + 1);
    expect(Math.max(...attemptsPerLead.values())).toBeLessThanOrEqual(cap);
    // Every call the provider received is an attempt on record; none is still open.
    const recorded = new Set(attempts.map((attempt) => attempt.idempotencyKey));
    expect(keys.every((key) => recorded.has(key))).toBe(true);
    expect(attempts.filter((attempt) => attempt.state === 'reserved')).toEqual([]);
    // The kill really interrupted calls: some reservation was given up by the crash rule.
    expect(attempts.some((attempt) => attempt.state === 'not_placed')).toBe(true);
  }, 180_000);
});
