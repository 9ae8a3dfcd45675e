import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { TimerTrigger } from '../../../platform/jobs/index.js';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { IngestService } from '../ingest/ingest.service.js';
import { createTeamsGraphClients } from './teams-credentials.js';
import { createTeamsFetchers, type PayloadFetcher } from './teams-fetchers.js';
import {
  createTeamsSubscriptionService,
  type TeamsSubscriptionService,
} from './teams-subscription.service.js';
import { teamsRoutes } from './teams.routes.js';

/** What the composition root hands the Teams connector beyond the calls module's own dependencies. */
export interface TeamsConnectorSettings {
  /** SWITCHBOARD_GRAPH_BASE_URL; default https://graph.microsoft.com/v1.0. */
  readonly graphBaseUrl?: string;
  /** SWITCHBOARD_GRAPH_LOGIN_URL; default https://login.microsoftonline.com. */
  readonly loginBaseUrl?: string;
  /** Stores teams.client_state, the one secret the connector may write (it generates it on connect). */
  readonly writeClientState?: (ctx: RequestContext, value: string) => Promise<void>;
  /** Tests route Graph traffic elsewhere; default the global fetch. */
  readonly fetch?: typeof fetch;
}

export interface TeamsConnector {
  readonly subscriptions: TeamsSubscriptionService;
  /** For the calls-transform consumer: `graph-notification` and `graph-lifecycle` payloads. */
  readonly fetchers: Readonly<Record<string, PayloadFetcher>>;
  /** Mounted at /calls/teams. */
  readonly routes: ReturnType<typeof teamsRoutes>;
  /** Hourly: renews subscriptions that expire within a day, recreates failing ones. */
  readonly renewalTimer: TimerTrigger;
}

export function createTeamsConnector(deps: {
  readonly database: Database;
  readonly audit: AuditLog;
  readonly secrets: SecretReader;
  readonly ingest: Pick<IngestService, 'accept'>;
  readonly publicUrl: string;
  readonly settings?: TeamsConnectorSettings | undefined;
}): TeamsConnector {
  const settings = deps.settings ?? {};
  const clients = createTeamsGraphClients({
    secrets: deps.secrets,
    writeClientState: settings.writeClientState,
    settings: {
      graphBaseUrl: settings.graphBaseUrl ?? 'https://graph.microsoft.com/v1.0',
      loginBaseUrl: settings.loginBaseUrl ?? 'https://login.microsoftonline.com',
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    },
  });
  const subscriptions = createTeamsSubscriptionService({
    database: deps.database,
    audit: deps.audit,
    clients,
    ingest: deps.ingest,
    publicUrl: deps.publicUrl,
  });
  return {
    subscriptions,
    fetchers: createTeamsFetchers({ clients, subscriptions }),
    routes: teamsRoutes(subscriptions),
    renewalTimer: {
      kind: 'timer',
      name: 'calls.teams-subscriptions',
      cron: '41 * * * *',
      // One run catches up: it renews whatever is due at that moment.
      missed: 'run-once',
      run: async (run) => {
        const report = await subscriptions.renewDue(run.scheduledFor, run.runId);
        // Each tenant's error is on its subscription row; the run is marked failed so operators see it.
        if (report.failed.length > 0) {
          throw new Error(
            `Teams subscriptions: ${report.failed.length} tenant(s) failed (renewed ${report.renewed}, recreated ${report.recreated}): ` +
              report.failed.map((f) => `${f.tenantId}: ${f.error}`).join('; '),
          );
        }
      },
    },
  };
}
