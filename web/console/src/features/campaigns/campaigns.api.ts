import { api, authorisingFetch, session, unwrap } from '@/api/client';
import { ApiError } from '@/api/problem';
import type { Schema } from '@/api/types';

/*
 * The campaigns API (docs: API-CAMPAIGNS contract) as the console reads it. Its routes are not in
 * the OpenAPI document yet, so the types are copied here from the contract and from
 * src/modules/campaigns/campaigns/campaign-settings.ts (the console imports nothing from src/).
 * Once the routes are merged, these become `Schema<'Campaign'>`… and the calls go through `api`.
 */

export const attemptOutcomes = ['answered', 'busy', 'no_answer', 'voicemail', 'failed', 'abandoned'] as const;
export type AttemptOutcome = (typeof attemptOutcomes)[number];

export const telephonyAdapters = ['simulator', 'twilio', 'vapi', 'retell'] as const;
export type TelephonyAdapterName = (typeof telephonyAdapters)[number];

export const consentChannels = ['call', 'ai_voice', 'sms', 'email'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

export const campaignStates = ['draft', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignState = (typeof campaignStates)[number];

/** The pre-dial check's reasons, in its order (src/modules/campaigns/dialing/pre-dial-check.ts SKIP_REASONS). */
export const skipReasons = [
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
] as const;
export type SkipReason = (typeof skipReasons)[number];

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

export interface CallingWindow {
  /** Local minutes after midnight, [start, end). */
  readonly startMinute: number;
  readonly endMinute: number;
  /** 0 = Sunday; all seven when absent. */
  readonly days?: readonly number[] | undefined;
}

export interface CampaignSettings {
  readonly purpose: string;
  readonly usesArtificialVoice: boolean;
  readonly liveAgentGuaranteed: boolean;
  readonly consentRequired: readonly { readonly purpose: string; readonly channel: ConsentChannel }[];
  readonly allowedRegions: readonly string[];
  readonly callingWindow: CallingWindow;
  readonly maxAttemptsPerLead: number;
  readonly maxAttemptsPerDay: number;
  readonly retrySpacingMinutes: Partial<Record<AttemptOutcome, number>>;
  readonly recycleOutcomes: readonly AttemptOutcome[];
  readonly pacing: { readonly callsPerMinute: number; readonly maxConcurrent: number };
  readonly abandonment: { readonly limitPercent: number; readonly slowDownAtPercent: number };
  readonly adapter: {
    readonly name: TelephonyAdapterName;
    readonly from?: string | undefined;
    readonly agentId?: string | undefined;
    readonly script?: string | undefined;
  };
  readonly contextFields: readonly string[];
}

/** What a create or update sends: every setting but the regions may be left to its default. */
export type CampaignSettingsInput = Partial<CampaignSettings> & Pick<CampaignSettings, 'allowedRegions'>;

export interface CampaignListRef {
  readonly listId: string;
  readonly name: string;
  readonly weight: number;
  readonly leadCount: number;
}

export interface Hopper {
  readonly pending: number;
  readonly inCall: number;
  readonly done: number;
}

export interface Campaign {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly state: CampaignState;
  readonly lists: readonly CampaignListRef[];
  readonly settings: CampaignSettings;
  readonly pacingFactor: number;
  readonly priority: number;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
  readonly hopper: Hopper;
}

export interface CampaignInput {
  readonly name: string;
  readonly description?: string | undefined;
  readonly lists: readonly { readonly listId: string; readonly weight?: number }[];
  readonly settings: CampaignSettingsInput;
  readonly startsAt?: string | undefined;
  readonly endsAt?: string | undefined;
  readonly priority?: number | undefined;
}

export interface Attempt {
  readonly id: string;
  readonly leadId: string;
  readonly attemptNumber: number;
  readonly adapter: string;
  readonly state: string;
  readonly providerCallId: string | null;
  readonly reservedAt: string | null;
  readonly placedAt: string | null;
  readonly answeredAt: string | null;
  readonly endedAt: string | null;
  readonly outcome: AttemptOutcome | null;
  readonly answeredBy: string | null;
  readonly talkSeconds: number | null;
  readonly disposition: string | null;
  readonly endedReason: string | null;
  readonly optOut: boolean;
  readonly converted: boolean;
  readonly recordingId: string | null;
}

export interface AttemptPage {
  readonly attempts: readonly Attempt[];
  readonly nextCursor: string | null;
}

export interface CampaignStats {
  readonly campaignId: string;
  readonly state: CampaignState;
  readonly at: string;
  readonly dialled: number;
  readonly connected: number;
  readonly answeredByMachine: number;
  readonly talkSeconds: number;
  readonly conversions: number;
  readonly optOuts: number;
  readonly callbacks: number;
  readonly inCall: number;
  readonly abandoned: number;
  readonly abandonment: {
    readonly rate30d: number;
    readonly answered30d: number;
    readonly abandoned30d: number;
    readonly rate24h: number;
    readonly answered24h: number;
    readonly abandoned24h: number;
    readonly limitPercent: number;
  };
  readonly skipsByReason: Readonly<Record<string, number>>;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly pacing: {
    readonly callsPerMinute: number;
    readonly maxConcurrent: number;
    readonly factor: number;
    readonly effectiveCallsPerMinute: number;
  };
  readonly hopper: Hopper;
}

export interface DryRun {
  readonly campaignId: string;
  readonly at: string;
  readonly evaluated: number;
  readonly wouldDial: readonly {
    readonly leadId: string;
    readonly listId: string;
    readonly attemptNumber: number;
    readonly timeZone: string;
  }[];
  readonly skipped: Readonly<Record<string, number>>;
  readonly examples: readonly { readonly leadId: string; readonly reason: string; readonly detail: string }[];
}

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

const base = '/api/v1/campaigns/campaigns';
const campaignPath = (campaignId: string) => `${base}/${encodeURIComponent(campaignId)}`;

/** Sends one call with the session's token; a refusal becomes an ApiError with the problem's field errors. */
async function call<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: { body?: unknown; signal?: AbortSignal | undefined } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await authorisingFetch(session)(
    new Request(path, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    }),
  );
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw ApiError.fromResponse(response, body);
  return body as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const campaignsApi = {
  list: (signal?: AbortSignal) => call<{ campaigns: Campaign[] }>('GET', base, { signal }),
  get: (campaignId: string, signal?: AbortSignal) =>
    call<Campaign>('GET', campaignPath(campaignId), { signal }),
  create: (input: CampaignInput) => call<Campaign>('POST', base, { body: input }),
  update: (campaignId: string, input: Partial<CampaignInput>) =>
    call<Campaign>('PATCH', campaignPath(campaignId), { body: input }),
  remove: (campaignId: string) => call<undefined>('DELETE', campaignPath(campaignId)),
  act: (campaignId: string, action: CampaignAction) =>
    call<Campaign>('POST', `${campaignPath(campaignId)}/${action}`, { body: {} }),
  attempts: (
    campaignId: string,
    params: { limit?: number; cursor?: string | undefined; outcome?: AttemptOutcome | undefined },
    signal?: AbortSignal,
  ) => call<AttemptPage>('GET', `${campaignPath(campaignId)}/attempts${query(params)}`, { signal }),
  stats: (campaignId: string, signal?: AbortSignal) =>
    call<CampaignStats>('GET', `${campaignPath(campaignId)}/stats`, { signal }),
  dryRun: (campaignId: string, params: { at?: string | undefined; limit?: number }, signal?: AbortSignal) =>
    call<DryRun>('GET', `${campaignPath(campaignId)}/dry-run${query(params)}`, { signal }),
  livePath: (campaignId: string) => `${campaignPath(campaignId)}/live`,
  resultsPath: (campaignId: string) => `${campaignPath(campaignId)}/results.csv`,
};

export type LeadList = Schema<'LeadList'>;

/** The lead lists a campaign can draw from (already in the OpenAPI document). */
export const leadListsApi = {
  list: (signal?: AbortSignal) => unwrap(api.GET('/api/v1/campaigns/lists', { signal })),
};
