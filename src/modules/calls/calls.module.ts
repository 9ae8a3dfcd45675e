import { rollupZonesTimer } from './stats/rollup-zones.js';
import type { AuditLog } from '../../platform/audit/index.js';
import type { RequestContext } from '../../platform/context.js';
import type { Keyring, SubjectKeys } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import type { RouteMount } from '../../platform/http/index.js';
import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { Bus } from '../../platform/bus/index.js';
import type { ObjectStore } from '../../platform/objects/index.js';
import type { SecretReader } from '../../platform/secrets/index.js';
import type { Logger, Registry } from '../../platform/telemetry/index.js';
import { identityModule } from '../identity/index.js';
import type { Workflows } from '../../platform/jobs/index.js';
import type {
  CallExportJobs,
  CallsService,
  QuarantineService,
  QueueTargetsService,
  VconContributors,
} from './contract.js';
import { createVconContributions } from './export/vcon-contributions.js';
import { createExportJobsFeature } from './export/export-jobs.job.js';
import { callsMigrations } from './db/migrations/index.js';
import { callsClassification } from './db/calls.classification.js';
import { createCallsPrivacy } from './privacy/calls.privacy.js';
import { announceChanges, commitArchivedRecords, type CallWrites } from './ingest/call-transform.js';
import { createFileImport, type ImportCallFile } from './ingest/file-import.js';
import { sweepArchive, type ArchiveLayout } from './ingest/raw-archive.js';
import { createArchiveLedger } from './store/archive-objects.repo.js';
import { createImportedAnalysisContributor } from './export/imported-vcon-analysis.js';
import { createIngestService, type IngestService } from './ingest/ingest.service.js';
import { createIngestMetrics } from './ingest/ingest.metrics.js';
import { ingestRoutes, webhookRoutes } from './ingest/ingest.routes.js';
import { createRawPayloadBodies } from './ingest/raw-payload-body.js';
import { createRawPayloadSealer } from './ingest/raw-payload-sealer.job.js';
import { createTransformHandler } from './ingest/transform.handler.js';
import { createRawPayloadRedrive, type RawPayloadRedriveSettings } from './ingest/raw-payload-redrive.job.js';
import { callsRoutes } from './query/calls.routes.js';
import { rawPayloadRoutes } from './query/raw-payload.routes.js';
import { createRawPayloads } from './query/raw-payload.service.js';
import { createArchiveSealing } from './ingest/archive-sealing.js';
import { quarantineRoutes } from './quarantine/quarantine.routes.js';
import { connectorsRoutes } from './connectors/connectors.routes.js';
import { callsLiveRoutes } from './live/calls-live.routes.js';
import { createCallCrypto } from './store/call-crypto.js';
import { createCallExport } from './export/call-export.service.js';
import { createCallReads } from './query/call-read.service.js';
import { createCallStats } from './stats/call-stats.service.js';
import { createCallUpsert } from './store/call-upsert.service.js';
import { createPartitionMonths } from './store/partition-months.js';
import { compactClosedMonths } from './store/partition-compaction.js';
import { createQuarantineService } from './quarantine/quarantine.service.js';
import { createQueueTargets } from './stats/queue-targets.service.js';
import { callStatsRoutes } from './stats/call-stats.routes.js';
import { callExportRoutes } from './export/call-export.routes.js';
import { queueTargetsRoutes } from './stats/queue-targets.routes.js';
import { createTeamsConnector, type TeamsConnectorSettings } from './teams/teams-connector.js';
import type { TeamsSubscriptionService } from './teams/teams-subscription.service.js';
import { callRecordIngestedV1 } from './events.js';

/** What calls offers other modules, the CLI, benchmarks and tests (`platform.modules.calls`). */
export interface CallsApi {
  readonly calls: CallsService;
  readonly quarantine: QuarantineService;
  /** Service-level targets per queue (routes at /calls/queue-targets). */
  readonly queueTargets: QueueTargetsService;
  readonly ingest: IngestService;
  /** Exports as background jobs (routes at /calls/exports). */
  readonly exports: CallExportJobs;
  /** What the ingest transform writes through. */
  readonly writes: CallWrites;
  /** The Teams connector's Graph subscription of each tenant (routes at /calls/teams). */
  readonly teams: TeamsSubscriptionService;
  /** A CDR file into the index, through the same transform as the ingest pipeline (`switchboard import calls`). */
  readonly importFile: ImportCallFile;
  /** Where modules that depend on calls register what they add to a call's vCon (conversations: recordings, transcripts). */
  readonly vcon: VconContributors;
}

export interface CallsDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly audit: AuditLog;
  /** Per-data-subject keys: archive objects are sealed under the outside numbers' keys (crypto-shredding). */
  readonly subjectKeys: SubjectKeys;
  /** The tenant's IANA time zone, for statistics in local time (identity's tenants.current). */
  readonly timeZoneOf: (ctx: RequestContext) => Promise<string>;
  readonly bus: Bus;
  /** Where raw payloads are archived (write-once; the store that does not announce every object). */
  readonly archive: ObjectStore;
  /** Reads the connector secrets webhooks check against (teams.*, twilio.*, connect.*). */
  readonly secrets: SecretReader;
  /** The URL sources reach us at (Twilio signs the URL it called). */
  readonly publicUrl: string;
  /** How long a webhook delivery is remembered to recognise its replays (SWITCHBOARD_WEBHOOK_REPLAY_WINDOW_SECONDS); default 600, 0 = off. */
  readonly webhookReplayWindowSeconds?: number;
  /** Ingest stores the payloads of concurrent requests together (SWITCHBOARD_INGEST_GROUP_COMMIT); default off here, on in the platform. */
  readonly ingestGroupCommit?: boolean;
  /** The transform takes small payloads in hand at the same moment in one transaction (SWITCHBOARD_TRANSFORM_GROUP_COMMIT); default on. */
  readonly transformGroupCommit?: boolean;
  /** How the raw archive lays out call records (SWITCHBOARD_ARCHIVE_LAYOUT); default object-per-record. */
  readonly archiveLayout?: ArchiveLayout;
  /** Where the Teams connector reaches Microsoft Graph, and its writer of teams.client_state. */
  readonly teams?: TeamsConnectorSettings;
  /** The platform's Prometheus registry (ingest's counters, the re-drive sweeper's counter and gauge). */
  readonly metrics: Registry;
  readonly logger: Logger;
  /** When accepted payloads that stayed unprocessed are re-driven. */
  readonly redrive: RawPayloadRedriveSettings;
  /** The platform's durable workflows (background exports); undefined in CLI processes. */
  readonly workflows: Workflows | undefined;
  /** A short-lived signed URL of any object (export files). */
  readonly signObjectUrl: (objectKey: string, expiresInSeconds: number) => Promise<string>;
  /** How long a background export's file is kept (SWITCHBOARD_EXPORT_RETENTION_HOURS). */
  readonly exportRetentionHours: number;
}

export function createCallsModule(deps: CallsDeps): PlatformModule<CallsApi> {
  const { database, audit } = deps;
  const crypto = createCallCrypto(deps.keyring);
  const partitions = createPartitionMonths(database);
  const upserts = createCallUpsert({ database, crypto, partitions });
  const sealing = createArchiveSealing(deps.subjectKeys);
  const rawPayloads = createRawPayloads({
    database,
    keyring: deps.keyring,
    audit,
    archive: deps.archive,
    sealing,
    publicUrl: deps.publicUrl,
  });
  const reads = createCallReads({
    database,
    crypto,
    audit,
    signRawUrl: (ctx, callId) => rawPayloads.signedUrl(ctx, callId, 300),
  });
  const targetsStore = createQueueTargets({ database, audit });
  const stats = createCallStats({
    database,
    crypto,
    timeZoneOf: deps.timeZoneOf,
    targetsOf: (ctx) => targetsStore.get(ctx),
  });
  // New targets change the figures: answers this process keeps for the tenant are dropped.
  const queueTargets: QueueTargetsService = {
    get: (ctx) => targetsStore.get(ctx),
    set: async (ctx, queueId, target) => {
      const answer = await targetsStore.set(ctx, queueId, target);
      stats.coalescer.invalidate(ctx.tenantId);
      return answer;
    },
    remove: async (ctx, queueId) => {
      const answer = await targetsStore.remove(ctx, queueId);
      stats.coalescer.invalidate(ctx.tenantId);
      return answer;
    },
  };
  const vconContributions = createVconContributions();
  // First, so a re-exported vCon lists the source's analysis before what other modules add.
  vconContributions.register(
    'calls.imported-vcon',
    createImportedAnalysisContributor({
      archive: deps.archive,
      sealing,
      locate: (tenantId, callId) => rawPayloads.locate(tenantId, callId),
    }),
  );
  const callExport = createCallExport({ database, crypto, audit, vconContributions, readCall: reads.get });
  const calls: CallsService = {
    ...upserts,
    list: reads.list,
    get: reads.get,
    matchRecording: reads.matchRecording,
    stats,
    export: callExport.exportCalls,
    exportVcon: callExport.exportVcon,
    maintainPartitions: (now = new Date(), monthsAhead = 2) => partitions.ensureAround(now, monthsAhead),
    compactClosedMonths: (now = new Date()) => compactClosedMonths(database, deps.logger, now),
  };
  const exportJobs = createExportJobsFeature({
    database,
    crypto,
    keyring: deps.keyring,
    audit,
    objects: deps.archive,
    signUrl: deps.signObjectUrl,
    logger: deps.logger,
    workflows: deps.workflows,
    settings: { retentionHours: deps.exportRetentionHours },
  });
  const archiveLedger = createArchiveLedger(database);
  const quarantine = createQuarantineService({
    database,
    crypto,
    audit,
    upsertWithin: upserts.upsertWithin,
    commitArchived: (trx, ctx, archived) =>
      commitArchivedRecords(
        { writes: { archive: archiveLedger }, objects: deps.archive },
        trx,
        ctx,
        archived,
      ),
    announce: (trx, ctx, upsert) => announceChanges(deps.bus, trx, ctx, upsert),
  });
  const bodies = createRawPayloadBodies(deps.keyring);
  const replayWindowMs = (deps.webhookReplayWindowSeconds ?? 600) * 1000;
  const ingestMetrics = createIngestMetrics(deps.metrics);
  const ingest = createIngestService({
    database,
    bus: deps.bus,
    keyring: deps.keyring,
    bodies,
    replayWindowMs,
    metrics: ingestMetrics,
    groupCommit: deps.ingestGroupCommit ?? false,
  });
  const sealer = createRawPayloadSealer({ database, bodies });
  const writes: CallWrites = {
    existingIds: (ctx, keys) => calls.existingIds(ctx, keys),
    upsertWithin: (trx, ctx, records, options) => calls.upsertWithin(trx, ctx, records, options),
    quarantineWithin: async (trx, ctx, item) => {
      await quarantine.addWithin(trx, ctx, {
        source: item.source,
        reason: item.reason,
        category: item.category,
        field: item.field,
        raw: item.raw,
        options: item.options,
        receivedAt: new Date(),
      });
    },
    archive: archiveLedger,
    sealing,
    archiveLayout: deps.archiveLayout ?? 'object-per-record',
  };
  const redrive = createRawPayloadRedrive({
    database,
    bus: deps.bus,
    metrics: deps.metrics,
    logger: deps.logger,
    settings: deps.redrive,
  });
  const teams = createTeamsConnector({
    database,
    audit,
    secrets: deps.secrets,
    ingest,
    publicUrl: deps.publicUrl,
    settings: deps.teams,
  });
  const routes: RouteMount[] = [
    { surface: 'internal', prefix: '/calls', plugin: ingestRoutes(ingest) },
    {
      surface: 'internal',
      prefix: '/calls/webhooks',
      plugin: webhookRoutes({ ingest, secrets: deps.secrets, publicUrl: deps.publicUrl }),
    },
    { surface: 'internal', prefix: '/calls', plugin: callsRoutes(calls) },
    { surface: 'internal', prefix: '/calls', plugin: rawPayloadRoutes(rawPayloads) },
    { surface: 'internal', prefix: '/calls', plugin: callStatsRoutes(calls) },
    { surface: 'internal', prefix: '/calls', plugin: callExportRoutes(calls) },
    { surface: 'internal', prefix: '/calls/exports', plugin: exportJobs.routes },
    { surface: 'internal', prefix: '/calls/teams', plugin: teams.routes },
    { surface: 'internal', prefix: '/calls/queue-targets', plugin: queueTargetsRoutes(queueTargets) },
    {
      surface: 'internal',
      prefix: '/calls/connectors',
      plugin: connectorsRoutes({ secrets: deps.secrets, publicUrl: deps.publicUrl }),
    },
    {
      surface: 'internal',
      prefix: '/calls/quarantine',
      plugin: quarantineRoutes({ quarantine, writes, archive: deps.archive }),
    },
    // The live feed's one LISTEN connection opens with its first subscriber and closes with the HTTP app.
    // Statistics answers are kept briefly only while it tells this process when a tenant's calls change.
    {
      surface: 'internal',
      prefix: '/calls/live',
      plugin: callsLiveRoutes({
        connectionString: database.appUrl,
        onHub: (hub) => stats.coalescer.watch((tenantId, changed) => hub.subscribe(tenantId, changed)),
      }),
    },
  ];
  const importFile = createFileImport({
    database,
    writes,
    objects: deps.archive,
    bus: deps.bus,
    timeZoneOf: deps.timeZoneOf,
  });
  return {
    api: {
      calls,
      quarantine,
      queueTargets,
      ingest,
      exports: exportJobs.jobs,
      writes,
      teams: teams.subscriptions,
      importFile,
      vcon: { register: (name, contributor) => vconContributions.register(name, contributor) },
    },
    routes,
    privacy: createCallsPrivacy({ database, crypto, archive: deps.archive, sealing }),
    handlers: [
      createTransformHandler({
        database,
        ingest,
        writes,
        objects: deps.archive,
        bus: deps.bus,
        fetchers: teams.fetchers,
        metrics: ingestMetrics,
        groupSmallPayloads: deps.transformGroupCommit ?? true,
      }),
    ],
    jobs: [
      {
        kind: 'timer',
        name: 'calls.partitions',
        // Daily, well before a month turns: next months' partitions exist before the first call lands in them.
        // Then the indexes of months closed for a week are rebuilt once (store/partition-compaction.ts).
        cron: '17 3 * * *',
        run: async () => {
          await calls.maintainPartitions();
          await calls.compactClosedMonths();
        },
      },
      {
        kind: 'timer',
        name: 'calls.archive-sweep',
        // Hourly: removes archive objects of batches that never committed (claims older than an hour).
        cron: '29 * * * *',
        run: async (run) => {
          await sweepArchive({ objects: deps.archive, ledger: archiveLedger }, { requestId: run.runId });
        },
      },
      exportJobs.timer,
      teams.renewalTimer,
      sealer.timer,
      redrive.timer,
      rollupZonesTimer({ database, logger: deps.logger }),
    ],
  };
}

/** Call records: connectors, ingest, normalisation, raw archive, the index, queries and statistics. */
export const callsModule = defineModule({
  name: 'calls',
  migrations: callsMigrations,
  classification: callsClassification,
  dependsOn: [identityModule],
  // Webhooks check against connector secrets; the Teams connector writes the clientState it generates.
  secrets: { read: ['teams.', 'twilio.', 'connect.'], write: ['teams.client_state'] },
  webhookEvents: [
    {
      type: callRecordIngestedV1.type,
      description: 'A call record was ingested or updated (its id and key facts).',
    },
  ],
  settings: (config) => ({
    publicUrl: config.http.publicUrl,
    graph: config.graph,
    webhookReplayWindowSeconds: config.webhooks.replayWindowSeconds,
    redriveAfterMs: config.calls.redriveAfterMs,
    ingestGroupCommit: config.calls.ingestGroupCommit,
    transformGroupCommit: config.calls.transformGroupCommit,
    archiveLayout: config.calls.archiveLayout,
    exportRetentionHours: config.calls.exportRetentionHours,
  }),
  create: (deps) =>
    createCallsModule({
      database: deps.database,
      keyring: deps.keyring,
      audit: deps.auditLog,
      subjectKeys: deps.subjectKeys,
      timeZoneOf: async (ctx) => (await deps.modules.identity.tenants.current(ctx)).timeZone,
      bus: deps.bus,
      archive: deps.quietObjects,
      secrets: deps.secrets,
      publicUrl: deps.settings.publicUrl,
      webhookReplayWindowSeconds: deps.settings.webhookReplayWindowSeconds,
      ingestGroupCommit: deps.settings.ingestGroupCommit,
      transformGroupCommit: deps.settings.transformGroupCommit,
      archiveLayout: deps.settings.archiveLayout,
      metrics: deps.metrics,
      logger: deps.logger,
      redrive: { afterMs: deps.settings.redriveAfterMs },
      workflows: deps.workflows,
      signObjectUrl: (key, expiresInSeconds) => deps.signedObjectUrl(key, { expiresInSeconds }),
      exportRetentionHours: deps.settings.exportRetentionHours,
      teams: {
        graphBaseUrl: deps.settings.graph.baseUrl,
        loginBaseUrl: deps.settings.graph.loginUrl,
        writeClientState: (ctx, value) => deps.secrets.put(ctx, 'teams.client_state', value),
      },
    }),
});
