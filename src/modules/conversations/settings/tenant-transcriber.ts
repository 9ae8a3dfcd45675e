import type { RequestContext } from '../../../platform/context.js';
import {
  createTranscriber,
  type LocalProviderConfig,
  type TranscriptionService,
} from '../transcription/index.js';
import {
  providerConfigOf,
  TRANSCRIPTION_SECRET_PREFIX,
  type TenantProviderConfig,
} from './transcription-settings.js';

/** Reads the tenant secrets the module may read (`transcription.*`). */
export interface TranscriptionSecrets {
  read(ctx: Pick<RequestContext, 'tenantId'>, name: string): Promise<string | undefined>;
}

export interface TenantTranscriberDeps {
  /** Absent: no secret can be read (a provider that needs one is unavailable and says so). */
  readonly secrets: TranscriptionSecrets | undefined;
  /** The operator's local engine: binary, model path, or a command running another engine. */
  readonly localEngine: Partial<Omit<LocalProviderConfig, 'provider'>>;
}

/** Language the providers assume when neither the recording nor the tenant names one. */
export const FALLBACK_LANGUAGE = 'en-US';

export type TenantTranscriberFactory = (
  ctx: Pick<RequestContext, 'tenantId'>,
  providers: readonly TenantProviderConfig[],
  defaultLanguage: string | null,
) => TranscriptionService;

/**
 * The transcription service of one tenant for one run: its providers in order, each reading its
 * credentials from the tenant's secrets only when it runs (never kept, never logged).
 */
export function tenantTranscriberFactory(deps: TenantTranscriberDeps): TenantTranscriberFactory {
  return (ctx, providers, defaultLanguage) =>
    createTranscriber(
      {
        defaultLanguage: defaultLanguage ?? FALLBACK_LANGUAGE,
        providers: providers.map((provider) => providerConfigOf(provider, deps.localEngine)),
      },
      async (name) => {
        // Settings only name secrets under the prefix; anything else is not this module's to read.
        if (!deps.secrets || !name.startsWith(TRANSCRIPTION_SECRET_PREFIX)) return undefined;
        return deps.secrets.read(ctx, name);
      },
    );
}
