import {
  attemptOutcomes,
  campaignDefaults,
  type AttemptOutcome,
  type Campaign,
  type CampaignInput,
  type ConsentChannel,
  type TelephonyAdapterName,
} from '../campaigns.api';

/*
 * The builder's form as the person edits it (text for numbers, "HH:MM" for times), and its
 * translation to and from the API's campaign. Field names are the API's paths, so a problem+json
 * error for `settings.callingWindow.endMinute` lands on the field that shows it.
 */

export const builderFields = [
  'name',
  'description',
  'lists',
  'startsAt',
  'endsAt',
  'priority',
  'settings.allowedRegions',
  'settings.callingWindow.startMinute',
  'settings.callingWindow.endMinute',
  'settings.callingWindow.days',
  'settings.maxAttemptsPerLead',
  'settings.maxAttemptsPerDay',
  ...attemptOutcomes.map((o) => `settings.retrySpacingMinutes.${o}` as const),
  'settings.recycleOutcomes',
  'settings.pacing.callsPerMinute',
  'settings.pacing.maxConcurrent',
  'settings.abandonment.limitPercent',
  'settings.purpose',
  'settings.consentRequired',
  'settings.adapter.name',
  'settings.adapter.script',
  'settings.adapter.agentId',
  'settings.adapter.from',
  'settings.contextFields',
] as const;
export type BuilderField = (typeof builderFields)[number];

export interface CampaignForm {
  name: string;
  description: string;
  lists: { listId: string; weight: string }[];
  /** datetime-local values, in the browser's zone; empty: no bound. */
  startsAt: string;
  endsAt: string;
  priority: string;
  regions: string;
  windowFrom: string;
  windowTo: string;
  days: number[];
  maxAttemptsPerLead: string;
  maxAttemptsPerDay: string;
  spacing: Record<AttemptOutcome, string>;
  recycleOutcomes: AttemptOutcome[];
  callsPerMinute: string;
  maxConcurrent: string;
  abandonmentLimit: string;
  /** Not edited here: kept as it was so a save does not reset it. */
  slowDownAtPercent: number;
  purpose: string;
  usesArtificialVoice: boolean;
  liveAgentGuaranteed: boolean;
  consentRequired: { purpose: string; channel: ConsentChannel }[];
  adapter: TelephonyAdapterName;
  script: string;
  agentId: string;
  from: string;
  contextFields: string;
}

const allDays = [0, 1, 2, 3, 4, 5, 6];
const two = (n: number) => String(n).padStart(2, '0');

export function timeOf(minute: number): string {
  const m = minute % (24 * 60);
  return `${two(Math.floor(m / 60))}:${two(m % 60)}`;
}

/** "09:30" → 570; undefined when it is not a time. */
export function minuteOf(time: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

const noSpacing = (): Record<AttemptOutcome, string> => ({
  answered: '',
  busy: '',
  no_answer: '',
  voicemail: '',
  failed: '',
  abandoned: '',
});

export function emptyForm(): CampaignForm {
  return {
    name: '',
    description: '',
    lists: [],
    startsAt: '',
    endsAt: '',
    priority: '0',
    regions: '',
    windowFrom: timeOf(campaignDefaults.callingWindow.startMinute),
    windowTo: timeOf(campaignDefaults.callingWindow.endMinute),
    days: [1, 2, 3, 4, 5],
    maxAttemptsPerLead: String(campaignDefaults.maxAttemptsPerLead),
    maxAttemptsPerDay: String(campaignDefaults.maxAttemptsPerDay),
    spacing: noSpacing(),
    recycleOutcomes: [...campaignDefaults.recycleOutcomes],
    callsPerMinute: String(campaignDefaults.pacing.callsPerMinute),
    maxConcurrent: String(campaignDefaults.pacing.maxConcurrent),
    abandonmentLimit: String(campaignDefaults.abandonment.limitPercent),
    slowDownAtPercent: campaignDefaults.abandonment.slowDownAtPercent,
    purpose: campaignDefaults.purpose,
    usesArtificialVoice: campaignDefaults.usesArtificialVoice,
    liveAgentGuaranteed: campaignDefaults.liveAgentGuaranteed,
    consentRequired: [],
    adapter: 'simulator',
    script: '',
    agentId: '',
    from: '',
    contextFields: campaignDefaults.contextFields.join(', '),
  };
}

export function formOf(campaign: Campaign): CampaignForm {
  const s = campaign.settings;
  const spacing = noSpacing();
  for (const outcome of attemptOutcomes) {
    const value = s.retrySpacingMinutes[outcome];
    if (value !== undefined) spacing[outcome] = String(value);
  }
  return {
    name: campaign.name,
    description: campaign.description ?? '',
    lists: campaign.lists.map((l) => ({ listId: l.listId, weight: String(l.weight) })),
    startsAt: localInputOf(campaign.startsAt),
    endsAt: localInputOf(campaign.endsAt),
    priority: String(campaign.priority),
    regions: s.allowedRegions.join(', '),
    windowFrom: timeOf(s.callingWindow.startMinute),
    windowTo: timeOf(s.callingWindow.endMinute),
    days: [...(s.callingWindow.days ?? allDays)],
    maxAttemptsPerLead: String(s.maxAttemptsPerLead),
    maxAttemptsPerDay: String(s.maxAttemptsPerDay),
    spacing,
    recycleOutcomes: [...s.recycleOutcomes],
    callsPerMinute: String(s.pacing.callsPerMinute),
    maxConcurrent: String(s.pacing.maxConcurrent),
    abandonmentLimit: String(s.abandonment.limitPercent),
    slowDownAtPercent: s.abandonment.slowDownAtPercent,
    purpose: s.purpose,
    usesArtificialVoice: s.usesArtificialVoice,
    liveAgentGuaranteed: s.liveAgentGuaranteed,
    consentRequired: s.consentRequired.map((c) => ({ ...c })),
    adapter: s.adapter.name,
    script: s.adapter.script ?? '',
    agentId: s.adapter.agentId ?? '',
    from: s.adapter.from ?? '',
    contextFields: s.contextFields.join(', '),
  };
}

/** An instant as a datetime-local input shows it, in the browser's zone, to the minute. */
export function localInputOf(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * A datetime-local value as an ISO instant with the browser's offset at that moment
 * (`2026-12-24T10:30:00+01:00`): the server reads the instant, a person reading the request sees
 * the time they typed. Undefined when it is no date.
 */
export function offsetInstantOf(local: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!match) return undefined;
  const date = new Date(local.trim());
  if (Number.isNaN(date.getTime())) return undefined;
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  // The wall time as the browser resolved it (a time skipped by a clock change moves forward).
  const wall = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${wall}${sign}${hours}:${minutes}`;
}

export const priorityRange = { min: -100, max: 100 } as const;

export const regionPattern = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** "us, gb  US-FL" → ['US', 'GB', 'US-FL'] (upper-cased, duplicates dropped). */
export function regionsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((r) => r.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

const listOf = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean),
  ),
];

/** The share of each list in the hopper's mix, 0–1, by the weights as typed (an unreadable weight counts 1, as the server's default). */
export function mixShares(lists: readonly { weight: string }[]): number[] {
  const weights = lists.map((l) => {
    const w = Number(l.weight);
    return Number.isFinite(w) && w > 0 ? w : 1;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (total > 0 ? w / total : 0));
}

export type FormProblem =
  | 'nameMissing'
  | 'listsMissing'
  | 'regionsMissing'
  | { regionInvalid: string }
  | 'windowOrder'
  | 'daysMissing'
  | 'wholeNumber'
  | 'number'
  | 'notADate'
  | 'endsBeforeStart'
  | 'priorityRange';

/**
 * The API's campaign from the form, or what the form must fix first. Only what a person can see
 * at once is checked here (a name, a list, readable numbers); the server checks the rest and
 * names the field.
 */
export function inputOf(form: CampaignForm): {
  input: CampaignInput;
  problems: Partial<Record<BuilderField, FormProblem>>;
} {
  const problems: Partial<Record<BuilderField, FormProblem>> = {};
  const whole = (field: BuilderField, text: string): number | undefined => {
    if (text.trim() === '') return undefined;
    const value = Number(text);
    if (!Number.isInteger(value)) {
      problems[field] = 'wholeNumber';
      return undefined;
    }
    return value;
  };
  if (!form.name.trim()) problems.name = 'nameMissing';
  const lists = form.lists.filter((l) => l.listId);
  if (lists.length === 0) problems.lists = 'listsMissing';
  const regions = regionsOf(form.regions);
  const badRegion = regions.find((r) => !regionPattern.test(r));
  if (regions.length === 0) problems['settings.allowedRegions'] = 'regionsMissing';
  else if (badRegion) problems['settings.allowedRegions'] = { regionInvalid: badRegion };
  const startMinute = minuteOf(form.windowFrom) ?? campaignDefaults.callingWindow.startMinute;
  const toMinute = minuteOf(form.windowTo);
  // 00:00 as the end is midnight, the end of the day.
  const endMinute = toMinute === 0 ? 24 * 60 : (toMinute ?? campaignDefaults.callingWindow.endMinute);
  if (endMinute <= startMinute) problems['settings.callingWindow.endMinute'] = 'windowOrder';
  if (form.days.length === 0) problems['settings.callingWindow.days'] = 'daysMissing';
  const bound = (field: 'startsAt' | 'endsAt', text: string): string | null => {
    if (!text.trim()) return null;
    const instant = offsetInstantOf(text);
    if (instant === undefined) problems[field] = 'notADate';
    return instant ?? null;
  };
  const startsAt = bound('startsAt', form.startsAt);
  const endsAt = bound('endsAt', form.endsAt);
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) problems.endsAt = 'endsBeforeStart';
  const priority = whole('priority', form.priority) ?? 0;
  if (!problems.priority && (priority < priorityRange.min || priority > priorityRange.max))
    problems.priority = 'priorityRange';
  const retrySpacingMinutes: Partial<Record<AttemptOutcome, number>> = {};
  for (const outcome of attemptOutcomes) {
    const value = whole(`settings.retrySpacingMinutes.${outcome}`, form.spacing[outcome]);
    if (value !== undefined) retrySpacingMinutes[outcome] = value;
  }
  const limitText = form.abandonmentLimit.trim();
  const limitPercent = limitText === '' ? campaignDefaults.abandonment.limitPercent : Number(limitText);
  if (!Number.isFinite(limitPercent)) problems['settings.abandonment.limitPercent'] = 'number';
  const adapter = {
    name: form.adapter,
    ...(form.adapter === 'simulator' && form.script.trim() ? { script: form.script.trim() } : {}),
    ...(form.adapter !== 'simulator' && form.agentId.trim() ? { agentId: form.agentId.trim() } : {}),
    ...(form.adapter !== 'simulator' && form.from.trim() ? { from: form.from.trim() } : {}),
  };
  const input: CampaignInput = {
    name: form.name.trim(),
    ...(form.description.trim() ? { description: form.description.trim() } : {}),
    lists: lists.map((l) => ({ listId: l.listId, weight: whole('lists', l.weight) ?? 1 })),
    // Null clears a bound on an edit.
    startsAt,
    endsAt,
    priority,
    settings: {
      purpose: form.purpose.trim() || campaignDefaults.purpose,
      usesArtificialVoice: form.usesArtificialVoice,
      liveAgentGuaranteed: form.liveAgentGuaranteed,
      consentRequired: form.consentRequired
        .filter((c) => c.purpose.trim())
        .map((c) => ({ purpose: c.purpose.trim(), channel: c.channel })),
      allowedRegions: regions,
      callingWindow: {
        startMinute,
        endMinute,
        days: [...form.days].sort((a, b) => a - b),
      },
      maxAttemptsPerLead:
        whole('settings.maxAttemptsPerLead', form.maxAttemptsPerLead) ?? campaignDefaults.maxAttemptsPerLead,
      maxAttemptsPerDay:
        whole('settings.maxAttemptsPerDay', form.maxAttemptsPerDay) ?? campaignDefaults.maxAttemptsPerDay,
      retrySpacingMinutes,
      recycleOutcomes: attemptOutcomes.filter((o) => form.recycleOutcomes.includes(o)),
      pacing: {
        callsPerMinute:
          whole('settings.pacing.callsPerMinute', form.callsPerMinute) ??
          campaignDefaults.pacing.callsPerMinute,
        maxConcurrent:
          whole('settings.pacing.maxConcurrent', form.maxConcurrent) ?? campaignDefaults.pacing.maxConcurrent,
      },
      abandonment: {
        limitPercent,
        slowDownAtPercent: Math.min(
          form.slowDownAtPercent,
          Number.isFinite(limitPercent) ? limitPercent : 100,
        ),
      },
      adapter,
      contextFields: listOf(form.contextFields),
    },
  };
  return { input, problems };
}
