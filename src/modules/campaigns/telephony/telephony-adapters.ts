import type { RequestContext } from '../../../platform/context.js';
import { toPublicId } from '../../../platform/ids.js';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import { TELEPHONY_ADAPTERS, type TelephonyAdapterName } from '../campaigns/campaign-settings.js';
import type { TelephonyAdapter } from './adapter.js';
import { DEFAULT_PROVIDER_HTTP, type ProviderHttpSettings } from './provider-http.js';
import { createRetellAdapter } from './retell.js';
import {
  createSimulator,
  type DeliverReport,
  type SimulatorAdapter,
  type SimulatorOptions,
} from './simulator.js';
import { createTwilioAdapter } from './twilio.js';
import { createVapiAdapter } from './vapi.js';

/*
 * The adapters of one platform: the simulator (embedded, no keys) and the providers, whose
 * credentials are the tenant's secrets under `campaigns.` read at each call (a tenant changes
 * them without a restart).
 */

export interface TelephonyAdaptersDeps {
  readonly secrets: SecretReader;
  /** The platform's outbound fetch (tests route it to the fakes); the global one when absent. */
  readonly fetch?: typeof fetch | undefined;
  /** Where providers reach this installation (config.http.publicUrl). */
  readonly publicUrl: string;
  /** Where the simulator's reports go (the CallReportSink, via 'simulator'). */
  readonly deliver: DeliverReport;
  readonly logger: Logger;
  readonly simulator?: Partial<Omit<SimulatorOptions, 'deliver' | 'logger'>> | undefined;
  /** Timeouts and retries of provider calls (tests shorten the backoff). */
  readonly http?: Partial<Omit<ProviderHttpSettings, 'fetch'>> | undefined;
  readonly now?: () => Date;
}

export interface TelephonyAdapters {
  get(name: TelephonyAdapterName): TelephonyAdapter;
  /** An adapter by a name from outside (a webhook path); undefined when there is none. */
  find(name: string): TelephonyAdapter | undefined;
  readonly simulator: SimulatorAdapter;
  /** The webhook URL a provider is given for this tenant. */
  callbackUrl(ctx: Pick<RequestContext, 'tenantId'>, adapter: TelephonyAdapterName): string;
  close(): void;
}

export const TELEPHONY_CALLBACK_PATH = '/api/v1/campaigns/telephony/callbacks';

export function createTelephonyAdapters(deps: TelephonyAdaptersDeps): TelephonyAdapters {
  const http: ProviderHttpSettings = {
    ...DEFAULT_PROVIDER_HTTP,
    ...deps.http,
    fetch: deps.fetch ?? globalThis.fetch.bind(globalThis),
  };
  const base = deps.publicUrl.replace(/\/+$/, '');
  const callbackUrl = (ctx: Pick<RequestContext, 'tenantId'>, adapter: TelephonyAdapterName) =>
    `${base}${TELEPHONY_CALLBACK_PATH}/${toPublicId('ten', ctx.tenantId)}/${adapter}`;
  const simulator = createSimulator({
    ...deps.simulator,
    deliver: deps.deliver,
    logger: deps.logger,
    now: deps.simulator?.now ?? deps.now,
  });
  const adapters: Record<TelephonyAdapterName, TelephonyAdapter> = {
    simulator,
    twilio: createTwilioAdapter({ secrets: deps.secrets, http, callbackUrl }),
    vapi: createVapiAdapter({ secrets: deps.secrets, http }),
    retell: createRetellAdapter({ secrets: deps.secrets, http, now: deps.now }),
  };
  return {
    get: (name) => adapters[name],
    find: (name) =>
      (TELEPHONY_ADAPTERS as readonly string[]).includes(name)
        ? adapters[name as TelephonyAdapterName]
        : undefined,
    simulator,
    callbackUrl,
    close: () => simulator.close(),
  };
}
