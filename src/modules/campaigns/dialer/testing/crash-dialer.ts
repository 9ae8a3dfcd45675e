/**
 * A dialer process for the dialer's kill -9 test. It runs passes over one campaign with a slow
 * fake adapter whose every `place` appends the idempotency key to KEYS_FILE (fsync'd: what the
 * provider received) before it answers. Between passes it stands in for the provider's reports:
 * placed attempts end (no answer) and their leads are done. CLOCK_OFFSET_MS shifts its clock (a
 * restart "3 minutes later"). Prints `PLACING <key>` as each place starts and `COMPLETED` when
 * the campaign is.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { createAuditLog } from '../../../../platform/audit/index.js';
import { loadConfig } from '../../../../platform/config/index.js';
import { systemContext } from '../../../../platform/context.js';
import {
  createKeyring,
  createLocalMasterKeyProvider,
  loadMasterKey,
} from '../../../../platform/crypto/index.js';
import { createPgDataKeyStore } from '../../../../platform/crypto/data-key.pg-store.js';
import { openDatabase } from '../../../../platform/db/index.js';
import { createLogger } from '../../../../platform/telemetry/index.js';
import { createConsentService } from '../../consent/consent.service.js';
import type { CampaignsTables } from '../../db/campaigns.tables.js';
import { compileRuleBook } from '../../dialing/rule-sets.js';
import { createSealing } from '../../sealing.js';
import { createSuppressionService } from '../../suppression/suppression.service.js';
import { completeWhenDrained } from '../../campaigns/campaigns.repo.js';
import { createDialer } from '../dialer.service.js';

const config = loadConfig(process.env);
const logger = createLogger({ level: 'silent' });
const database = await openDatabase({
  url: config.database.url,
  appUrl: config.database.appUrl,
  poolMax: 4,
  dataDir: config.dataDir,
  embeddedPort: 0,
  role: 'test',
  exclusive: false,
  logger,
});
const master = await loadMasterKey({ masterKeyBase64: config.security.masterKey, dataDir: config.dataDir });
const keyring = createKeyring({
  store: createPgDataKeyStore(database),
  masterKey: createLocalMasterKeyProvider(master.key),
});
const sealing = createSealing(keyring);
const audit = createAuditLog(database);
const keysFile = process.env.KEYS_FILE ?? '';
const slowMs = Number(process.env.PLACE_MS ?? '300');
const offset = Number(process.env.CLOCK_OFFSET_MS ?? '0');
const tenantId = process.env.TENANT_ID ?? '';
const campaignId = process.env.CAMPAIGN_ID ?? '';

const dialer = createDialer({
  database,
  sealing,
  consents: createConsentService({ database, sealing, audit }),
  suppression: createSuppressionService({ database, sealing, audit }),
  // The campaign service's completion without its event (the child has no bus): the same UPDATE.
  campaigns: {
    completeIfDrained: (ctx, id) =>
      database.withTenant<CampaignsTables, boolean>(ctx, (trx) => completeWhenDrained(trx, id)),
    syncHopper: () => Promise.resolve(0),
  },
  audit,
  logger,
  // Region XX: calls allowed all day, no registry, so the real clock can drive the test.
  rules: compileRuleBook([{ region: 'XX', name: 'test: all day', sources: [] }]),
  adapterFor: () => ({
    name: 'simulator',
    async place(_ctx, request) {
      process.stdout.write(`PLACING ${request.idempotencyKey}\n`);
      await new Promise((resolve) => setTimeout(resolve, slowMs));
      const fd = openSync(keysFile, 'a');
      writeSync(fd, `${request.idempotencyKey}\n`);
      fsyncSync(fd);
      closeSync(fd);
      return { providerCallId: `crash_${request.idempotencyKey}` };
    },
    parseWebhook: () => Promise.resolve([]),
    fetchCall: () => Promise.resolve(undefined),
  }),
});

const ctx = systemContext(tenantId, 'crash-dialer', 'test');
for (;;) {
  const result = await dialer.runPass(ctx, campaignId, new Date(Date.now() + offset));
  if (result.completed) break;
  // The provider's end-of-call reports, as the report sink would apply them.
  await database.withTenant<CampaignsTables, void>(ctx, async (trx) => {
    const ended = await trx
      .updateTable('campaigns.call_attempts')
      .set({ state: 'ended', outcome: 'no_answer', endedAt: new Date() })
      .where('campaignId', '=', campaignId)
      .where('state', '=', 'placed')
      .returning('leadId')
      .execute();
    if (ended.length > 0)
      await trx
        .updateTable('campaigns.campaign_leads')
        .set({ state: 'done', finalReason: 'no_answer', lastOutcome: 'no_answer' })
        .where('campaignId', '=', campaignId)
        .where(
          'leadId',
          'in',
          ended.map((row) => row.leadId),
        )
        .execute();
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
}
process.stdout.write('COMPLETED\n');
await database.close();
process.exit(0);
