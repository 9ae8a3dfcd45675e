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
import { campaignsMigrations } from './db/migrations/index.js';
import { optOutHandler } from './suppression/opt-out.handler.js';
import { createSuppressionService } from './suppression/suppression.service.js';
import { dncRegistryRoutes, dncRoutes } from './suppression/suppression.routes.js';
import { leadImportFinishedV1 } from './events.js';
import { clamdScanner } from './leads/clamd.scan.js';
import { createLeadImports, type LeadImportSettings } from './leads/lead-import.service.js';
import { createColumnMappings, createLeadLists, createLeads } from './leads/leads.service.js';
import {
  columnMappingsRoutes,
  leadImportsRoutes,
  leadListsRoutes,
  leadsRoutes,
} from './leads/leads.routes.js';
import { createSealing } from './sealing.js';
import { dialerRoutes } from './dialer/dialer.routes.js';
import { createDialer } from './dialer/dialer.service.js';
import { PlaceCallError } from './telephony/adapter.js';

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
}

interface CampaignsSettings {
  readonly clamavUrl: string | undefined;
  readonly maxImportBytes: number | undefined;
}

/**
 * Campaigns: leads and their lists (import, dedupe, search, export) — and, as issue 16 goes on,
 * consent, suppression, campaigns, the dialer and its telephony adapters.
 */
export const campaignsModule = defineModule({
  name: 'campaigns',
  migrations: campaignsMigrations,
  // Automatic opt-out reads the customer's number of an analysed recording through conversations' api.
  dependsOn: [conversationsModule],
  webhookEvents: [
    {
      type: leadImportFinishedV1.type,
      description:
        'A lead import finished (completed or failed): its list and how many rows were taken and rejected.',
    },
  ],
  settings: (config): CampaignsSettings => ({
    clamavUrl: config.settings.CLAMAV_URL,
    maxImportBytes: config.settings.SWITCHBOARD_LEAD_IMPORT_MAX_BYTES,
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
    // No telephony adapter is on this branch yet: the dry run needs none, and the dialer's timer
    // is registered with the adapters (see docs/campaigns-dialer.md).
    const dialer = createDialer({
      database: deps.database,
      sealing,
      consents,
      suppression,
      audit: deps.auditLog,
      logger: deps.logger,
      adapterFor: (name) => {
        throw new PlaceCallError(`no telephony adapter '${name}' is installed`, true);
      },
    });
    return {
      api: { lists, leads, mappings, imports, consents, suppression },
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
