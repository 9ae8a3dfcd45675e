/**
 * Dialer benchmark, two parts in one run.
 *
 * 1. Pre-dial decisions per second: `preDialChecker` over --leads generated leads (default
 *    1,000,000; four US zones, a third with a history of attempts) against a DNC list of --dnc
 *    numbers (default 100,000, compileDncList), beside a bare loop of what a blind-index look-up
 *    costs (HMAC-SHA256 of the number + Set.has) over the same numbers.
 * 2. `pickCallable` picking 1,000 callable leads from a hopper of --hopper rows (default
 *    1,000,000) in PostgreSQL (embedded, bench settings), loaded by generate_series. Only the rows
 *    the pick can reach first (the lowest lead ids, --sealed of them) carry real sealed numbers;
 *    the rest carry placeholder bytes, since sealing a million numbers would measure the loader.
 *
 *   node --import tsx bench/dialer.bench.ts [--leads 1000000] [--dnc 100000] [--hopper 1000000] [--sealed 5000] [--skip-db]
 */
import { createHmac, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemContext } from '../src/platform/context.js';
import { createLogger } from '../src/platform/telemetry/index.js';
import {
  campaignFacts,
  campaignSettingsSchema,
  compileDncList,
  compileRuleBook,
  createDialer,
  createSealing,
  preDialChecker,
  sealingAad,
  type Attempt,
  type CampaignsTables,
  type LeadFacts,
} from '../src/modules/campaigns/testing/index.js';
import { startCallsBench } from './support/calls-bench.js';
import { loadAverage } from './support/figures.js';

const { values: args } = parseArgs({
  options: {
    leads: { type: 'string', default: '1000000' },
    dnc: { type: 'string', default: '100000' },
    hopper: { type: 'string', default: '1000000' },
    sealed: { type: 'string', default: '5000' },
    'skip-db': { type: 'boolean', default: false },
  },
});
const LEADS = Number(args.leads);
const DNC = Number(args.dnc);
const HOPPER = Number(args.hopper);
const SEALED = Number(args.sealed);
const NOW = Date.parse('2026-06-10T18:00:00Z'); // 14:00 New York, 11:00 Los Angeles

const number = (i: number) => `+1${String(2_000_000_000 + i * 7).slice(0, 10)}`;

function decisions() {
  const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
  const history: Attempt[] = [{ at: NOW - 3 * 86_400_000, outcome: 'no_answer' }];
  const leads: LeadFacts[] = [];
  for (let i = 0; i < LEADS; i++)
    leads.push({
      e164: number(i),
      region: 'US-NY',
      timeZone: zones[i % 4] ?? null,
      attempts: i % 3 === 0 ? history : [],
    });
  const dncNumbers: string[] = [];
  for (let i = 0; i < DNC; i++) dncNumbers.push(number(i * 10 + 3));
  const check = preDialChecker({
    now: NOW,
    campaign: campaignFacts({ allowedRegions: ['US'], usesArtificialVoice: false, maxAttemptsPerLead: 5 }),
    suppression: {
      internal: compileDncList(dncNumbers),
      registries: new Map([['us-national-dnc', { downloadedAt: NOW - 86_400_000, has: () => false }]]),
    },
    rules: compileRuleBook(),
  });
  let allowed = 0;
  let started = process.hrtime.bigint();
  for (const lead of leads) if (check(lead, []).allow) allowed++;
  const checkSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const key = randomBytes(32);
  const index = new Set(dncNumbers.map((n) => createHmac('sha256', key).update(n).digest('base64')));
  let hits = 0;
  started = process.hrtime.bigint();
  for (const lead of leads)
    if (index.has(createHmac('sha256', key).update(lead.e164).digest('base64'))) hits++;
  const hmacSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`pre-dial check: ${LEADS.toLocaleString('en')} leads, ${DNC.toLocaleString('en')} DNC entries`);
  console.log(
    `  preDialChecker          ${(LEADS / checkSeconds).toFixed(0).padStart(12)} decisions/s (${allowed} allowed)`,
  );
  console.log(
    `  HMAC + Set.has (bare)   ${(LEADS / hmacSeconds).toFixed(0).padStart(12)} look-ups/s (${hits} hits)`,
  );
}

async function pick() {
  const logger = createLogger({ level: 'silent' });
  const bench = await startCallsBench({ prefix: 'switchboard-dialer-bench-', logger });
  try {
    const p = bench.platform;
    const tenant = await p.modules.identity.tenantAdmin.create({
      name: 'Dialer bench',
      slug: 'dialer-bench',
    });
    const ctx = systemContext(tenant.uuid, 'bench', 'bench');
    const sealer = await createSealing(p.keyring).forTenant(tenant.uuid);
    const uuid = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    const campaignId = uuid(0);
    const listId = '00000000-0000-4000-9000-000000000001';
    const settings = campaignSettingsSchema.parse({ allowedRegions: ['US'], usesArtificialVoice: false });
    const started = Date.now();
    await p.database.withTenant<CampaignsTables, void>(ctx, async (trx) => {
      await trx
        .insertInto('campaigns.lead_lists')
        .values({ id: listId, tenantId: tenant.uuid, name: 'bench', description: null, defaultRegion: null })
        .execute();
      await trx
        .insertInto('campaigns.campaigns')
        .values({
          id: campaignId,
          tenantId: tenant.uuid,
          name: 'bench',
          description: null,
          settings: JSON.stringify(settings),
          createdBy: 'bench',
          startsAt: null,
          endsAt: null,
          startedAt: null,
          stoppedAt: null,
          state: 'running',
        })
        .execute();
      await trx
        .insertInto('campaigns.campaign_lists')
        .values({ tenantId: tenant.uuid, campaignId, listId, weight: 1 })
        .execute();
      await sql`
        insert into campaigns.leads (id, tenant_id, list_id, phone_index, phone_sealed, personal_sealed, region, subdivision, time_zone, time_zone_source)
        select ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, ${tenant.uuid}, ${listId},
               decode(md5(i::text), 'hex'), '\\x00'::bytea, '\\x00'::bytea, 'US', 'US-NY', 'America/New_York', 'field'
          from generate_series(${SEALED + 1}::int, ${HOPPER}::int) as i`.execute(trx);
      for (let i = 1; i <= SEALED; i += 1000) {
        const rows = [];
        for (let j = i; j < Math.min(i + 1000, SEALED + 1); j++) {
          const id = uuid(j);
          const e164 = number(j);
          rows.push({
            id,
            tenantId: tenant.uuid,
            listId,
            phoneIndex: sealer.phoneIndex(e164),
            phoneSealed: sealer.seal(e164, sealingAad.phone(id)),
            emailIndex: null,
            emailSealed: null,
            personalSealed: sealer.seal('{"firstName":"Ada","custom":{}}', sealingAad.personal(id)),
            region: 'US',
            subdivision: 'US-NY',
            timeZone: 'America/New_York',
            timeZoneSource: 'field' as const,
            importId: null,
            sourceRow: null,
          });
        }
        await trx.insertInto('campaigns.leads').values(rows).execute();
      }
      await sql`
        insert into campaigns.campaign_leads (tenant_id, campaign_id, lead_id, list_id)
        select ${tenant.uuid}, ${campaignId}, id, ${listId} from campaigns.leads where list_id = ${listId}`.execute(
        trx,
      );
      // The list was imported yesterday: a sync after the first reads only what came since.
      await sql`update campaigns.leads set created_at = now() - interval '1 day' where list_id = ${listId}`.execute(
        trx,
      );
      await trx
        .insertInto('campaigns.dnc_registry_copies')
        .values({
          id: uuid(HOPPER + 1),
          tenantId: tenant.uuid,
          registry: 'us-national-dnc',
          region: 'US',
          downloadedAt: new Date(NOW - 86_400_000),
          state: 'current',
          importedBy: 'bench',
          finishedAt: new Date(NOW),
        })
        .execute();
    });
    await sql`analyze campaigns.campaign_leads`.execute(p.database.owner);
    await sql`analyze campaigns.leads`.execute(p.database.owner);
    console.log(
      `hopper: ${HOPPER.toLocaleString('en')} rows loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    // The hopper's sync with the lists (a pass does it at most once a minute, a dry run every time),
    // measured on its own; the pick below is measured without it.
    for (const round of ['first: every lead of the lists', 'again: leads since the last sync']) {
      const s0 = process.hrtime.bigint();
      const added = await p.modules.campaigns.campaigns.syncHopper(ctx, campaignId);
      console.log(
        `  hopper sync with the lists (${round}; ${added} new): ${(Number(process.hrtime.bigint() - s0) / 1e6).toFixed(0)} ms`,
      );
    }
    const dialer = createDialer({
      database: p.database,
      sealing: createSealing(p.keyring),
      consents: p.modules.campaigns.consents,
      suppression: p.modules.campaigns.suppression,
      campaigns: { ...p.modules.campaigns.campaigns, syncHopper: () => Promise.resolve(0) },
      audit: p.auditLog,
      logger,
      adapterFor: () => {
        throw new Error('the bench places no calls');
      },
    });
    for (const round of ['cold', 'warm']) {
      const t0 = process.hrtime.bigint();
      const result = await dialer.pickCallable(ctx, campaignId, {
        now: new Date(NOW),
        limit: 1000,
        record: false,
      });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      console.log(
        `  pickCallable 1,000 of ${HOPPER.toLocaleString('en')} (${round}): ${ms.toFixed(0)} ms, ${result.callable.length} picked, ${result.evaluated} evaluated`,
      );
    }
  } finally {
    await bench.close();
  }
}

console.log(`load average: ${loadAverage()}`);
decisions();
if (!args['skip-db']) await pick();
console.log(`load average: ${loadAverage()}`);
