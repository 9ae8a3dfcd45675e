import { campaignsClassification } from './db/campaigns.classification.js';
import { hostname } from 'node:os';
import { newUuid } from '../../platform/ids.js';
import { defineModule, type PlatformModule } from '../../platform/module.js';
import type {
  ColumnMappingsService,
  LeadImportsService,
  LeadListsService,
  LeadsService,
} from './contract.js';
import { conversationsModule } from '../conversations/index.js';
import { createConsentService } from './consent/consent.service.js';
import { consentRoutes } from './consent/consent.routes.js';
import type { ConsentService, SuppressionService } from './contract.js';
import type { CampaignsService } from './contract.js';
import { campaignsRoutes } from './campaigns/campaigns.routes.js';
import { createCampaigns } from './campaigns/campaigns.service.js';
import { campaignsMigrations } from './db/migrations/index.js';
import { optOutHandler } from './suppression/opt-out.handler.js';
import { createSuppressionService } from './suppression/suppression.service.js';
import { dncRegistryRoutes, dncRoutes } from './suppression/suppression.routes.js';
import { callCompletedV1, campaignStateChangedV1, leadImportFinishedV1 } from './events.js';
import { createCallReportSink, type PostCallSink } from './post-call/call-report.sink.js';
import { recordingFetchOver } from './post-call/post-call.recording.js';
import { createReconciliation } from './post-call/reconciliation.js';
import { clamdScanner } from './leads/clamd.scan.js';
import { createLeadImports, type LeadImportSettings } from './leads/lead-import.service.js';
import { createColumnMappings, createLeadLists, createLeads } from './leads/leads.service.js';
import {
  columnMappingsRoutes,
  leadImportsRoutes,
  leadListsRoutes,
  leadsRoutes,
} from './leads/leads.routes.js';
import type { SecretReader } from '../../platform/secrets/index.js';
import type { Logger } from '../../platform/telemetry/index.js';
import { createSealing } from './sealing.js';
import { createCampaignsPrivacy } from './privacy/campaigns.privacy.js';
import { createTelephonyAdapters, type TelephonyAdapters } from './telephony/telephony-adapters.js';
import { telephonyCallbackRoutes } from './telephony/telephony-callbacks.routes.js';
import { dialerRoutes } from './dialer/dialer.routes.js';
import { createDialer, type Dialer } from './dialer/dialer.service.js';
import { createDialerMetrics } from './dialer/dialer.metrics.js';
import { createDialerScheduler, dialerTimer } from './dialer/dialer.scheduler.js';

/** What campaigns offers other modules, the CLI and tests (`platform.modules.campaigns`). */
export interface CampaignsApi {
  readonly lists: LeadListsService;
  readonly leads: LeadsService;
  readonly mappings: ColumnMappingsService;
  readonly imports: LeadImportsService;
  /** The consent ledger; `consentFacts` feeds the pre-dial check. */
  readonly consents: ConsentService;
  /** The DNC list and registry copies; `optOut` for the voice-agent and SMS paths, `suppressionFacts` for the dialer. */
  readonly suppression: SuppressionService;
  /** The telephony adapters (simulator, Twilio, Vapi, Retell) the dialer places calls through. */
  readonly telephony: TelephonyAdapters;
  /** Campaigns and their state machine; `syncHopper`, `completeIfDrained` and `abandonment` for the dialer. */
  readonly campaigns: CampaignsService;
  /**
   * Applies provider reports (webhooks, the simulator, reconciliation) once each: the attempt, the
   * hopper, the lead, opt-outs, the recording to conversations, `campaigns.call.completed.v1`.
   */
  readonly reports: PostCallSink;
  /** The dialer: a pass over a campaign (the scheduler's timer runs them) and the pick behind the dry run. */
  readonly dialer: Pick<Dialer, 'runPass' | 'pickCallable'>;
}

interface CampaignsSettings {
  readonly clamavUrl: string | undefined;
  readonly maxImportBytes: number | undefined;
  readonly simulatorSpeed: number | undefined;
  readonly simulatorRecordings: boolean;
  readonly publicUrl: string;
}

/** The adapters and their webhook route around the post-call sink (the simulator delivers to it too). */
function createTelephony(
  deps: {
    readonly secrets: SecretReader;
    readonly fetch: typeof fetch | undefined;
    readonly publicUrl: string;
    readonly logger: Logger;
    readonly simulatorSpeed: number | undefined;
    readonly simulatorRecordings: boolean;
  },
  sink: PostCallSink,
) {
  const adapters = createTelephonyAdapters({
    secrets: deps.secrets,
    fetch: deps.fetch,
    publicUrl: deps.publicUrl,
    logger: deps.logger,
    simulator: { speed: deps.simulatorSpeed, recordings: deps.simulatorRecordings },
    deliver: async (ctx, report) => {
      await sink.apply(ctx, report, 'simulator');
    },
  });
  return {
    adapters,
    routes: telephonyCallbackRoutes({ adapters, sink, publicUrl: deps.publicUrl }),
  };
}

/**
 * Campaigns: leads and their lists (import, dedupe, search, export) — and, as issue 16 goes on,
 * consent, suppression, campaigns, the dialer and its telephony adapters.
 */
export const campaignsModule = defineModule({
  name: 'campaigns',
  migrations: campaignsMigrations,
  classification: campaignsClassification,
  // Automatic opt-out reads the customer's number of an analysed recording through conversations' api.
  dependsOn: [conversationsModule],
  // The telephony providers' credentials (campaigns.twilio.*, campaigns.vapi.*, campaigns.retell.*).
  secrets: { read: ['campaigns.'] },
  webhookEvents: [
    {
      type: leadImportFinishedV1.type,
      description:
        'A lead import finished (completed or failed): its list and how many rows were taken and rejected.',
    },
    {
      type: campaignStateChangedV1.type,
      description:
        'A campaign changed state (draft, running, paused, completed, cancelled): its id, the state it left and the one it entered.',
    },
    {
      type: callCompletedV1.type,
      description:
        'A campaign call ended and its final account was applied: outcome, who answered, disposition, opt-out, conversion, talk time.',
    },
  ],
  settings: (config): CampaignsSettings => ({
    clamavUrl: config.settings.CLAMAV_URL,
    maxImportBytes: config.settings.SWITCHBOARD_LEAD_IMPORT_MAX_BYTES,
    simulatorSpeed: config.settings.SWITCHBOARD_SIMULATOR_SPEED,
    simulatorRecordings: config.settings.SWITCHBOARD_SIMULATOR_RECORDINGS,
    publicUrl: config.http.publicUrl,
  }),
  create: (deps): PlatformModule<CampaignsApi> => {
    const sealing = createSealing(deps.keyring);
    const lists = createLeadLists({ database: deps.database, audit: deps.auditLog });
    const mappings = createColumnMappings({ database: deps.database, audit: deps.auditLog });
    const leads = createLeads({ database: deps.database, sealing, audit: deps.auditLog });
    const importSettings: Partial<LeadImportSettings> = {
      scanner: deps.settings.clamavUrl ? clamdScanner(deps.settings.clamavUrl) : undefined,
      ...(deps.settings.maxImportBytes ? { maxFileBytes: deps.settings.maxImportBytes } : {}),
    };
    const imports = createLeadImports({
      database: deps.database,
      sealing,
      // Uploads are announced by the import itself (campaigns.lead_import.finished.v1), not as objects.
      objects: deps.quietObjects,
      bus: deps.bus,
      audit: deps.auditLog,
      logger: deps.logger,
      mappings,
      settings: importSettings,
    });
    const consents = createConsentService({ database: deps.database, sealing, audit: deps.auditLog });
    const suppression = createSuppressionService({ database: deps.database, sealing, audit: deps.auditLog });
    const campaigns = createCampaigns({
      database: deps.database,
      sealing,
      audit: deps.auditLog,
      bus: deps.bus,
    });
    // The sink and the adapters need each other: the simulator delivers to the sink, and the sink
    // (reconciliation, recording downloads) asks the adapters; the sink reads them when called.
    const adapterFor = (name: string) => telephony.adapters.find(name);
    const reports = createCallReportSink({
      database: deps.database,
      sealing,
      suppression,
      audit: deps.auditLog,
      bus: deps.bus,
      conversations: deps.modules.conversations,
      logger: deps.logger,
      adapterFor,
      // Vapi's and Retell's recording URLs are signed; Twilio's need the account's Basic auth.
      recordingFetch: recordingFetchOver(deps.fetch ?? fetch, async (ctx, adapter) =>
        adapterFor(adapter)?.recordingHeaders?.(ctx),
      ),
    });
    const telephony = createTelephony(
      {
        secrets: deps.secrets,
        fetch: deps.fetch,
        publicUrl: deps.settings.publicUrl,
        logger: deps.logger,
        simulatorSpeed: deps.settings.simulatorSpeed,
        simulatorRecordings: deps.settings.simulatorRecordings,
      },
      reports,
    );
    const reconciliation = createReconciliation({
      database: deps.database,
      sink: reports,
      adapterFor,
      logger: deps.logger,
    });
    const dialer = createDialer({
      database: deps.database,
      sealing,
      consents,
      suppression,
      campaigns,
      audit: deps.auditLog,
      logger: deps.logger,
      adapterFor: (name) => telephony.adapters.get(name),
      metrics: createDialerMetrics(deps.metrics),
    });
    // One leader per campaign across replicas; the timer runs on one replica, the lease covers long passes.
    const scheduler = createDialerScheduler({
      database: deps.database,
      dialer,
      logger: deps.logger,
      owner: `${hostname()}:${process.pid}:${newUuid()}`,
    });
    return {
      privacy: createCampaignsPrivacy({ database: deps.database, sealing }),
      api: {
        lists,
        leads,
        mappings,
        imports,
        consents,
        suppression,
        campaigns,
        telephony: telephony.adapters,
        reports,
        dialer,
      },
      routes: [
        { surface: 'internal', prefix: '/campaigns/lists', plugin: leadListsRoutes(lists) },
        { surface: 'internal', prefix: '/campaigns/column-mappings', plugin: columnMappingsRoutes(mappings) },
        {
          surface: 'internal',
          prefix: '/campaigns/leads/imports',
          plugin: leadImportsRoutes(imports, mappings),
        },
        { surface: 'internal', prefix: '/campaigns/leads', plugin: leadsRoutes(leads) },
        { surface: 'internal', prefix: '/campaigns/consents', plugin: consentRoutes(consents) },
        { surface: 'internal', prefix: '/campaigns/dnc', plugin: dncRoutes(suppression) },
        { surface: 'internal', prefix: '/campaigns/dnc-registries', plugin: dncRegistryRoutes(suppression) },
        // Providers' webhooks: public (the signature decides), hidden from the OpenAPI document.
        { surface: 'internal', prefix: '/campaigns/telephony/callbacks', plugin: telephony.routes },
        { surface: 'internal', prefix: '/campaigns/campaigns', plugin: campaignsRoutes(campaigns) },
        { surface: 'internal', prefix: '/campaigns/campaigns', plugin: dialerRoutes(dialer) },
      ],
      handlers: [
        optOutHandler({
          conversations: deps.modules.conversations,
          suppression,
          sealing,
          logger: deps.logger,
        }),
      ],
      jobs: [
        dialerTimer(scheduler),
        {
          kind: 'timer',
          name: 'campaigns.call-reconciliation',
          // Every minute: calls whose final account is overdue are fetched from their provider.
          cron: '* * * * *',
          missed: 'skip',
          run: async (run) => {
            const result = await reconciliation.run(run.scheduledFor);
            if (result.reconciled + result.timedOut + result.recordingsFiled > 0)
              deps.logger.info(result, 'campaign calls reconciled');
          },
        },
        {
          kind: 'timer',
          name: 'campaigns.lead-import-resume',
          // Every minute: imports whose run stopped (a crash, a restart) go on from their last batch.
          cron: '* * * * *',
          missed: 'skip',
          run: async () => {
            const resumed = await imports.resumeStalled();
            if (resumed > 0) deps.logger.info({ resumed }, 'lead imports resumed');
          },
        },
        {
          kind: 'timer',
          name: 'campaigns.consent-retention',
          // Daily: consent records are kept 5 years after they ended (withdrawn or expired), then removed.
          cron: '41 4 * * *',
          run: async (run) => {
            const removed = await consents.purgeExpired(run.scheduledFor);
            if (removed > 0) deps.logger.info({ removed }, 'consent records past retention removed');
          },
        },
      ],
    };
  },
});
