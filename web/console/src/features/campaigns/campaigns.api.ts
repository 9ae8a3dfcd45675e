import { api, unwrap } from '@/api/client';
import type { paths } from '@/api/schema.gen';
import type { Schema } from '@/api/types';

/*
 * The campaigns API as the console reads it: the OpenAPI document's types (schema.gen.ts) and the
 * typed client. The lists of values below are checked against those types, so a value the server
 * adds or drops fails the console's typecheck instead of a page.
 */

type CampaignPath = paths['/api/v1/campaigns/campaigns/{campaignId}'];

export type Campaign = Schema<'Campaign'>;
export type CampaignSettings = Schema<'CampaignSettings'>;
export type CampaignState = Campaign['state'];
export type CallingWindow = CampaignSettings['callingWindow'];
export type CampaignListRef = Campaign['lists'][number];
export type Hopper = Campaign['hopper'];
export type TelephonyAdapterName = CampaignSettings['adapter']['name'];
export type ConsentChannel = CampaignSettings['consentRequired'][number]['channel'];
export type Attempt = Schema<'CampaignAttempt'>;
export type AttemptOutcome = NonNullable<Attempt['outcome']>;
export type AttemptPage =
  paths['/api/v1/campaigns/campaigns/{campaignId}/attempts']['get']['responses'][200]['content']['application/json'];
export type AttemptsQuery = NonNullable<
  paths['/api/v1/campaigns/campaigns/{campaignId}/attempts']['get']['parameters']['query']
>;
/** Abandonment rates and limits are percentages (2.13 means 2.13 %). */
export type CampaignStats = Schema<'CampaignStats'>;
export type DryRun = Schema<'CampaignDryRun'>;
export type DryRunQuery = NonNullable<
  paths['/api/v1/campaigns/campaigns/{campaignId}/dry-run']['get']['parameters']['query']
>;
export type SkipReason = DryRun['examples'][number]['reason'];
/** What a create sends: the whole settings (the builder always sends them). */
export type CampaignInput =
  paths['/api/v1/campaigns/campaigns']['post']['requestBody']['content']['application/json'];
export type CampaignUpdate = CampaignPath['patch']['requestBody']['content']['application/json'];

/** `values`, checked to name every member of T: one the API adds and the list lacks fails the typecheck. */
function everyOf<T extends string>() {
  return <const V extends readonly T[]>(
    values: V & ([Exclude<T, V[number]>] extends [never] ? unknown : never),
  ): V => values;
}

export const attemptOutcomes = everyOf<AttemptOutcome>()([
  'answered',
  'busy',
  'no_answer',
  'voicemail',
  'failed',
  'abandoned',
]);

export const telephonyAdapters = everyOf<TelephonyAdapterName>()(['simulator', 'twilio', 'vapi', 'retell']);

export const consentChannels = everyOf<ConsentChannel>()(['call', 'ai_voice', 'sms', 'email']);

export const campaignStates = everyOf<CampaignState>()([
  'draft',
  'running',
  'paused',
  'completed',
  'cancelled',
]);

/** The pre-dial check's reasons, in its order (src/modules/campaigns/dialing/pre-dial-check.ts SKIP_REASONS). */
export const skipReasons = everyOf<SkipReason>()([
  'processing_restricted',
  'invalid_number',
  'dnc_internal',
  'region_not_allowed',
  'no_rule_set',
  'registry_stale',
  'dnc_national',
  'consent_withdrawn',
  'consent_expired',
  'no_consent',
  'no_time_zone',
  'no_holiday_data',
  'holiday',
  'day_banned',
  'outside_calling_window',
  'max_calls_24h',
  'answering_machine_repeat',
  'max_attempts',
  'max_attempts_today',
  'retry_too_soon',
]);

export function isSkipReason(value: string): value is SkipReason {
  return (skipReasons as readonly string[]).includes(value);
}

/** The product defaults (CAMPAIGN_DEFAULTS and the settings schema's defaults). */
export const campaignDefaults = {
  purpose: 'marketing',
  usesArtificialVoice: true,
  liveAgentGuaranteed: false,
  callingWindow: { startMinute: 9 * 60, endMinute: 20 * 60 },
  maxAttemptsPerLead: 2,
  maxAttemptsPerDay: 1,
  retrySpacingMinutes: {
    answered: 24 * 60,
    busy: 15,
    no_answer: 4 * 60,
    voicemail: 24 * 60,
    failed: 30,
    abandoned: 24 * 60,
  } satisfies Record<AttemptOutcome, number>,
  recycleOutcomes: ['busy', 'no_answer', 'voicemail', 'failed', 'abandoned'] as AttemptOutcome[],
  pacing: { callsPerMinute: 10, maxConcurrent: 5 },
  abandonment: { limitPercent: 3, slowDownAtPercent: 2.5 },
  contextFields: ['firstName'],
} as const;

export type CampaignAction = 'start' | 'pause' | 'resume' | 'cancel';

/** Which actions a campaign in `state` offers (the server refuses the others with 409). */
export function actionsFor(state: CampaignState): readonly CampaignAction[] {
  switch (state) {
    case 'draft':
      return ['start', 'cancel'];
    case 'running':
      return ['pause', 'cancel'];
    case 'paused':
      return ['resume', 'cancel'];
    case 'completed':
    case 'cancelled':
      return [];
  }
}

/* ---------------------------------------------------------------- calls */

const campaignPath = (campaignId: string) => `/api/v1/campaigns/campaigns/${encodeURIComponent(campaignId)}`;

const byId = (campaignId: string) => ({ params: { path: { campaignId } } });

export const campaignsApi = {
  list: (signal?: AbortSignal) => unwrap(api.GET('/api/v1/campaigns/campaigns', { signal })),
  get: (campaignId: string, signal?: AbortSignal) =>
    unwrap(api.GET('/api/v1/campaigns/campaigns/{campaignId}', { ...byId(campaignId), signal })),
  create: (input: CampaignInput) => unwrap(api.POST('/api/v1/campaigns/campaigns', { body: input })),
  update: (campaignId: string, input: CampaignUpdate) =>
    unwrap(api.PATCH('/api/v1/campaigns/campaigns/{campaignId}', { ...byId(campaignId), body: input })),
  remove: (campaignId: string) =>
    unwrap(api.DELETE('/api/v1/campaigns/campaigns/{campaignId}', byId(campaignId))).then(() => undefined),
  act: (campaignId: string, action: CampaignAction) =>
    unwrap(api.POST(`/api/v1/campaigns/campaigns/{campaignId}/${action}`, byId(campaignId))),
  attempts: (campaignId: string, query: AttemptsQuery, signal?: AbortSignal) =>
    unwrap(
      api.GET('/api/v1/campaigns/campaigns/{campaignId}/attempts', {
        params: { path: { campaignId }, query },
        signal,
      }),
    ),
  stats: (campaignId: string, signal?: AbortSignal) =>
    unwrap(api.GET('/api/v1/campaigns/campaigns/{campaignId}/stats', { ...byId(campaignId), signal })),
  dryRun: (campaignId: string, query: DryRunQuery, signal?: AbortSignal) =>
    unwrap(
      api.GET('/api/v1/campaigns/campaigns/{campaignId}/dry-run', {
        params: { path: { campaignId }, query },
        signal,
      }),
    ),
  /** The live statistics (text/event-stream), read with the kit's followEventStream. */
  livePath: (campaignId: string) => `${campaignPath(campaignId)}/live`,
  resultsPath: (campaignId: string) => `${campaignPath(campaignId)}/results.csv`,
};

export type LeadList = Schema<'LeadList'>;

/** The lead lists a campaign can draw from. */
export const leadListsApi = {
  list: (signal?: AbortSignal) => unwrap(api.GET('/api/v1/campaigns/lists', { signal })),
};
