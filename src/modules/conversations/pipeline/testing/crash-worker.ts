/**
 * A worker process for the pipeline's crash test: the conversations module alone on the worker
 * runtime, with a test transcriber (`slow-test`) in front of the default order. With
 * BLOCK_TRANSCRIBE=1 the transcriber prints `TRANSCRIBING <recordingId>` and never returns, so
 * the test can kill -9 the process in the middle of the transcribe step; without it, it returns
 * a fixed transcript at once and prints `TRANSCRIBED <recordingId>`.
 * With BLOCK_FINAL=1 the analysis step's write of the `final/` document prints
 * `WRITING FINAL <key>` and never returns: the analysis row is committed, the step not yet
 * checkpointed (the case where running the step again must not add a second analysis).
 * Prints `READY <executorId>` once consuming.
 */
import { randomUUID } from 'node:crypto';
import { createAuditLog } from '../../../../platform/audit/index.js';
import { createBus } from '../../../../platform/bus/index.js';
import { loadConfig } from '../../../../platform/config/index.js';
import {
  createKeyring,
  createLocalMasterKeyProvider,
  loadMasterKey,
} from '../../../../platform/crypto/index.js';
import { createPgDataKeyStore } from '../../../../platform/crypto/data-key.pg-store.js';
import { openDatabase } from '../../../../platform/db/index.js';
import { createDbosWorkflows, createWorkerRuntime } from '../../../../platform/jobs/index.js';
import { createObjectStore, type ObjectStore } from '../../../../platform/objects/index.js';
import { createLogger, createMetricsRegistry } from '../../../../platform/telemetry/index.js';
import { createConversationsModule } from '../../conversations.module.js';
import { parseTranscript } from '../../transcripts/index.js';
import type { Transcriber } from '../transcriber.js';

/** What the slow transcriber "hears": a short call with a card number said on channel 0. */
export const CRASH_TRANSCRIPT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Agent>Thank you for calling, how can I help?

00:00:05.000 --> 00:00:09.000
<v Customer>My card number is 4111 1111 1111 1111 and I was charged twice.
`;

const config = loadConfig(process.env);
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent' });
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
const metrics = createMetricsRegistry({ collectProcessMetrics: false });
const bus = await createBus(
  { natsUrl: undefined, postgres: { leaseMs: 2_000, pollMs: 300 } },
  { database, logger, metrics },
);
const master = await loadMasterKey({ masterKeyBase64: config.security.masterKey, dataDir: config.dataDir });
const keyring = createKeyring({
  store: createPgDataKeyStore(database),
  masterKey: createLocalMasterKeyProvider(master.key),
});
const store = createObjectStore(config.objects.url, { keyring });
const blockFinal = process.env.BLOCK_FINAL === '1';
const objects: ObjectStore = new Proxy(store, {
  get(target, property, receiver) {
    if (property === 'put' && blockFinal)
      return async (...args: Parameters<ObjectStore['put']>) => {
        if (args[0].includes('/final/')) {
          process.stdout.write(`WRITING FINAL ${args[0]}\n`);
          await new Promise(() => undefined);
        }
        return target.put(...args);
      };
    const value: unknown = Reflect.get(target, property, receiver);
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});
const executorId = `pipeline-worker-${randomUUID()}`;
const workflows = createDbosWorkflows({
  systemDatabaseUrl: database.ownerUrl,
  mode: 'executor',
  executorId,
  logger,
});

const block = process.env.BLOCK_TRANSCRIBE === '1';
const slow: Transcriber = {
  name: 'slow-test',
  async transcribe(_ctx, request) {
    if (block) {
      process.stdout.write(`TRANSCRIBING ${request.recordingId}\n`);
      await new Promise(() => undefined);
    }
    process.stdout.write(`TRANSCRIBED ${request.recordingId}\n`);
    return {
      transcript: parseTranscript(CRASH_TRANSCRIPT),
      costMicros: 1_000,
      provenance: { provider: 'slow-test', version: '1', configHash: '0000000000000000' },
    };
  },
};
const conversations = createConversationsModule({
  database,
  keyring,
  audit: createAuditLog(database),
  bus,
  objects,
  workflows,
  logger,
  transcribers: [slow],
});
const runtime = createWorkerRuntime(
  { database, bus, logger, workflows },
  { modules: [conversations], heartbeatMs: 500, staleAfterMs: 2_000 },
);
await runtime.start();
process.stdout.write(`READY ${executorId}\n`);
const stop = () => {
  void runtime
    .stop()
    .then(() => bus.close())
    .then(() => objects.close())
    .then(() => database.close())
    .then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
