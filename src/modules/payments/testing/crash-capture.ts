/**
 * A worker process for the payments crash test, assembled from the kernel's pieces and the
 * module's own service (as campaigns' crash-dialer is: a module's testing/ folder never imports
 * the app): the test's database, the keyring, the bus (publishing to the outbox only, no relay),
 * the simulator gateway and one capture through it. With CRASH_AFTER_CAPTURE=1 the simulator's
 * capture path kills this process (SIGKILL) right after the gateway side committed its answer and
 * before our transaction row is settled. Prints `CAPTURED <json>` when the capture returns.
 */
import { createAuditLog } from '../../../platform/audit/index.js';
import { createBus } from '../../../platform/bus/index.js';
import { loadConfig } from '../../../platform/config/index.js';
import { systemContext } from '../../../platform/context.js';
import {
  createKeyring,
  createLocalMasterKeyProvider,
  loadMasterKey,
} from '../../../platform/crypto/index.js';
import { createPgDataKeyStore } from '../../../platform/crypto/data-key.pg-store.js';
import { openDatabase } from '../../../platform/db/index.js';
import { createLogger, createMetricsRegistry } from '../../../platform/telemetry/index.js';
import { createSimulatorGateway } from '../gateways/simulator.js';
import { createPaymentsService } from '../payments/payments.service.js';

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
const bus = await createBus(
  { natsUrl: undefined },
  { database, logger, metrics: createMetricsRegistry({ collectProcessMetrics: false }) },
);
const master = await loadMasterKey({ masterKeyBase64: config.security.masterKey, dataDir: config.dataDir });
const keyring = createKeyring({
  store: createPgDataKeyStore(database),
  masterKey: createLocalMasterKeyProvider(master.key),
});
const simulator = createSimulatorGateway({ database, keyring, logger, publicUrl: config.http.publicUrl });
const payments = createPaymentsService({
  database,
  keyring,
  bus,
  audit: createAuditLog(database),
  logger,
  // The test's payment was authorised through the simulator: the only gateway this process has.
  gateways: {
    get: (name) => {
      if (name !== 'simulator') throw new Error(`crash-capture: only the simulator gateway, not ${name}`);
      return simulator;
    },
  },
  defaultGateway: () => Promise.resolve('simulator'),
});

if (process.env.CRASH_AFTER_CAPTURE === '1')
  simulator.hooks.afterAnswer = (operation, key) => {
    if (operation !== 'capture') return;
    process.stdout.write(`GATEWAY_ANSWERED ${key}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
const ctx = systemContext(process.env.TENANT_ID ?? '', 'crash-capture', 'test');
const payment = await payments.capture(ctx, process.env.PAYMENT_ID ?? '', {
  idempotencyKey: process.env.CAPTURE_KEY ?? '',
  amountMinor: Number(process.env.AMOUNT_MINOR),
});
process.stdout.write(
  `CAPTURED ${JSON.stringify({ status: payment.status, capturedMinor: payment.capturedMinor })}\n`,
);
await bus.close();
await database.close();
process.exit(0);
