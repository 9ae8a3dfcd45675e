import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../platform/context.js';
import { fromPublicId, toPublicId } from '../../platform/ids.js';
import { createTenant } from '../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import type { CampaignsTables } from './db/campaigns.tables.js';
import { OPT_OUT_LINE } from './telephony/simulator-scripts.js';

/*
 * A campaign run end to end, as issue 16 asks a new user to try it: the VICIdial sample and a file
 * of leads across time zones imported through the real import, a campaign started on the simulator,
 * the dialer driven pass after pass over two days (its clock is an input: every half hour), the
 * simulator's reports applied by the post-call sink. Then the invariants are checked against the
 * database, not against the dialer's own answers: no call outside the lead's local window, no lead
 * over its caps, no number on a do-not-call list dialled, and every simulated "please don't call me
 * again" on the DNC list with the words as evidence and never dialled again.
 */

type Tables = CampaignsTables;
const MINUTE = 60_000;
const LEAD_FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/fixtures/real/leads');
const WINDOW = { startMinute: 9 * 60, endMinute: 20 * 60 };

/** Where the leads are: numbers of each area, and the zone(s) the import should give them. */
const AREAS = [
  { prefix: '+1212', state: 'NY' },
  { prefix: '+1312', state: 'IL' },
  { prefix: '+1303', state: 'CO' },
  { prefix: '+1213', state: 'CA' },
  { prefix: '+1602', state: '' }, // Arizona by area code: no DST
  { prefix: '+1808', state: 'HI' },
  { prefix: '+1907', state: '' }, // Alaska's area code spans two zones: candidates
  { prefix: '+1305', state: 'FL' },
  { prefix: '+4420', state: '' },
  { prefix: '+9198', state: '' },
] as const;

function leadFile(perArea: number): string {
  const lines = ['phone,first_name,state'];
  AREAS.forEach((area, a) => {
    for (let i = 0; i < perArea; i++) {
      const tail = String(1000 + a * 100 + i).padStart(4, '0');
      const number = area.prefix.startsWith('+1')
        ? `${area.prefix}555${tail}`
        : area.prefix === '+4420'
          ? `+44207946${String(i).padStart(4, '0')}`
          : `+91987654${String(a * 100 + i).padStart(4, '0')}`;
      lines.push(`${number},Lead${a}x${i},${area.state}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

const localMinute = (zone: string, at: Date) => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return value('hour') * 60 + value('minute');
};
const localDate = (zone: string, at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(at);

describe('campaigns: a campaign run on the simulator across time zones', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  const campaigns = () => t.platform.modules.campaigns;

  beforeAll(async () => {
    t = await createTestPlatform({
      // The dialer's invariants are under test, not the synthetic recordings (post-call tests file them).
      env: { SWITCHBOARD_SIMULATOR_SPEED: '5000', SWITCHBOARD_SIMULATOR_RECORDINGS: 'false' },
    });
    ({ ctx } = await createTenant(t.platform));
  });
  afterAll(async () => {
    campaigns().telephony.close();
    await t.close();
  });

  it('never calls outside the window, over the caps or a DNC number; opt-outs land on the DNC list by themselves', async () => {
    const start = new Date(Math.floor(Date.now() / (30 * MINUTE)) * 30 * MINUTE);

    // Leads: the VICIdial sample and 30 leads in each of ten areas.
    const list = await campaigns().lists.create(ctx, { name: 'run', defaultRegion: 'US' });
    const fileOf = (bytes: Buffer | string) =>
      (async function* () {
        await Promise.resolve();
        yield Buffer.from(bytes);
      })();
    await campaigns().imports.start(ctx, {
      listId: list.id,
      fileName: 'vicidial-minicsv.csv',
      mapping: { preset: 'vicidial-minicsv' },
      file: fileOf(await readFile(path.join(LEAD_FIXTURES, 'vicidial-minicsv.csv'))),
    });
    await campaigns().imports.start(ctx, {
      listId: list.id,
      fileName: 'leads.csv',
      mapping: {},
      file: fileOf(leadFile(30)),
    });
    await campaigns().imports.idle();
    const imported = await t.platform.database.withTenant<Tables, { n: number }[]>(ctx, (trx) =>
      trx
        .selectFrom('campaigns.leads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .execute(),
    );
    expect(Number(imported[0]?.n)).toBe(301);

    // Do-not-call: five numbers on the tenant's list, two on the national registry copy.
    const internalDnc = ['+12125551000', '+13125551101', '+12135551302', '+442079460004', '+919876540905'];
    for (const number of internalDnc)
      await campaigns().suppression.add(ctx, { number, reason: 'asked us by letter' });
    const nationalDnc = ['+13035551203', '+13055551707'];
    const downloadedAt = new Date(start.getTime() - 2 * 24 * 60 * MINUTE);
    await campaigns().suppression.importRegistry(ctx, {
      registry: 'us-national-dnc',
      region: 'US',
      downloadedAt,
      file: fileOf(nationalDnc.map((n) => n.slice(2)).join('\n')),
    });
    await campaigns().suppression.importRegistry(ctx, {
      registry: 'uk-tps',
      region: 'GB',
      downloadedAt,
      file: fileOf('2079460009\n'),
    });

    const campaign = await campaigns().campaigns.create(ctx, {
      name: 'across zones',
      lists: [{ listId: list.id }],
      settings: {
        allowedRegions: ['US', 'GB', 'IN'],
        usesArtificialVoice: false,
        callingWindow: WINDOW,
        pacing: { callsPerMinute: 600, maxConcurrent: 500 },
        adapter: { name: 'simulator' },
      },
    });
    await campaigns().campaigns.start(ctx, campaign.id);
    const campaignUuid = fromPublicId('cmp', campaign.id) ?? '';

    // Two days, a pass every half hour; each pass waits until the simulator's calls have ended.
    const openCalls = async () =>
      Number(
        (
          await sql<{ n: string }>`select count(*) as n from campaigns.call_attempts
            where campaign_id = ${campaignUuid} and state in ('reserved', 'placed', 'ringing', 'in_progress')`.execute(
            t.platform.database.owner,
          )
        ).rows[0]?.n,
      );
    for (let step = 0; step < 96; step++) {
      const now = new Date(start.getTime() + step * 30 * MINUTE);
      await campaigns().dialer.runPass(ctx, campaign.id, now);
      await expect.poll(openCalls, { timeout: 30_000, interval: 50 }).toBe(0);
    }

    const { rows: attempts } = await sql<{
      leadId: string;
      placedAt: Date;
      optOut: boolean;
      timeZone: string | null;
      candidates: string[];
    }>`
      select a.lead_id as "leadId", a.placed_at as "placedAt", a.opt_out as "optOut",
             l.time_zone as "timeZone", l.time_zone_candidates as candidates
        from campaigns.call_attempts a join campaigns.leads l on l.id = a.lead_id
       where a.campaign_id = ${campaignUuid} and a.placed_at is not null
       order by a.placed_at`.execute(t.platform.database.owner);
    expect(attempts.length).toBeGreaterThan(100);
    // A report can beat the dialer's own write (a fast provider): every attempt still has its placing time.
    const { rows: unplaced } = await sql<{ n: string }>`select count(*) as n from campaigns.call_attempts
      where campaign_id = ${campaignUuid} and placed_at is null and state <> 'not_placed'`.execute(
      t.platform.database.owner,
    );
    expect(Number(unplaced[0]?.n)).toBe(0);

    // 1. Every call inside the campaign window in the lead's zone, in every zone it may be in.
    for (const attempt of attempts) {
      const zones = attempt.timeZone ? [attempt.timeZone] : attempt.candidates;
      expect(zones.length, `lead ${attempt.leadId} has a zone`).toBeGreaterThan(0);
      for (const zone of zones) {
        const minute = localMinute(zone, attempt.placedAt);
        expect(minute, `${attempt.placedAt.toISOString()} in ${zone}`).toBeGreaterThanOrEqual(
          WINDOW.startMinute,
        );
        expect(minute, `${attempt.placedAt.toISOString()} in ${zone}`).toBeLessThan(WINDOW.endMinute);
      }
    }

    // 2. Caps: two attempts per lead, one per local day.
    const byLead = new Map<string, typeof attempts>();
    for (const attempt of attempts)
      byLead.set(attempt.leadId, [...(byLead.get(attempt.leadId) ?? []), attempt]);
    for (const [leadId, calls] of byLead) {
      expect(calls.length, `lead ${leadId}`).toBeLessThanOrEqual(2);
      const zone = calls[0]?.timeZone ?? calls[0]?.candidates[0] ?? 'UTC';
      const days = new Set(calls.map((c) => localDate(zone, c.placedAt)));
      expect(days.size, `lead ${leadId}: one call per local day`).toBe(calls.length);
    }

    // 3. No DNC number dialled; each refused with its reason.
    const check = async (number: string) => campaigns().leads.query(ctx, { phone: number, limit: 1 });
    for (const number of [...internalDnc, ...nationalDnc, '+442079460009']) {
      const lead = (await check(number)).leads[0];
      expect(lead, number).toBeDefined();
      const leadUuid = fromPublicId('lead', lead?.id ?? '') ?? '';
      expect(byLead.has(leadUuid), `${number} was dialled`).toBe(false);
    }
    const { rows: dncSkips } = await sql<{ reason: string; n: string }>`
      select reason, count(*) as n from campaigns.dial_skips where campaign_id = ${campaignUuid}
       and reason in ('dnc_internal', 'dnc_national') group by reason`.execute(t.platform.database.owner);
    expect(Object.fromEntries(dncSkips.map((r) => [r.reason, Number(r.n)]))).toEqual({
      dnc_internal: 5,
      dnc_national: 3,
    });

    // 4. Opt-outs: on the DNC list with the words, never dialled after.
    const optOuts = attempts.filter((a) => a.optOut);
    expect(optOuts.length).toBeGreaterThan(0);
    for (const optOut of optOuts) {
      const calls = byLead.get(optOut.leadId) ?? [];
      expect(calls.at(-1)?.placedAt.getTime()).toBe(optOut.placedAt.getTime());
      const lead = await campaigns().leads.get(ctx, toPublicId('lead', optOut.leadId));
      const verdict = await campaigns().suppression.check(ctx, lead.phone);
      expect(verdict.suppressed).toBe(true);
      expect(verdict.entries[0]?.evidence?.quote).toContain(OPT_OUT_LINE);
      expect(lead.status).toBe('do_not_call');
    }

    // The stats the dashboard shows agree with the table.
    const stats = await campaigns().campaigns.campaignStats(ctx, campaign.id);
    expect(stats.dialled).toBe(attempts.length);
    expect(stats.optOuts).toBe(optOuts.length);
    expect(stats.skipsByReason.outside_calling_window).toBeGreaterThan(0);
  }, 300_000);
});
