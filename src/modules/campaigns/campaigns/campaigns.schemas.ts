import { z } from 'zod';
import type { CallAttempt, Campaign, CampaignStats } from '../contract.js';
import { ATTEMPT_OUTCOMES, campaignSettingsSchema } from './campaign-settings.js';

/** Request and response schemas of the campaigns API (they feed the OpenAPI document) and the views that fill them. */

export const campaignStates = ['draft', 'running', 'paused', 'completed', 'cancelled'] as const;

const listRef = z.strictObject({
  listId: z.string().min(1).max(100).describe('list_...'),
  weight: z.number().int().min(1).max(100).default(1).describe('Mix ratio, 1–100'),
});

export const campaignBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  lists: z.array(listRef).min(1, 'must name at least one lead list').max(50),
  settings: campaignSettingsSchema,
  startsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  priority: z.number().int().min(-100).max(100).optional(),
});

export const campaignPatchSchema = campaignBodySchema.partial();

const hopperSchema = z.object({
  pending: z.number().int(),
  inCall: z.number().int(),
  done: z.number().int(),
});

export const campaignSchema = z
  .object({
    id: z.string().describe('cmp_...'),
    name: z.string(),
    description: z.string().nullable(),
    state: z.enum(campaignStates),
    lists: z.array(
      z.object({
        listId: z.string(),
        name: z.string(),
        weight: z.number().int(),
        leadCount: z.number().int(),
      }),
    ),
    settings: campaignSettingsSchema,
    pacingFactor: z.number().describe('The abandonment control’s reduction of the configured pace, (0, 1]'),
    priority: z.number().int(),
    startsAt: z.iso.datetime().nullable(),
    endsAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    stoppedAt: z.iso.datetime().nullable(),
    hopper: hopperSchema,
  })
  .meta({ id: 'Campaign' });

export const attemptSchema = z
  .object({
    id: z.string().describe('cat_...'),
    leadId: z.string(),
    attemptNumber: z.number().int(),
    adapter: z.string(),
    state: z.enum(['reserved', 'placed', 'ringing', 'in_progress', 'ended', 'not_placed']),
    providerCallId: z.string().nullable(),
    reservedAt: z.iso.datetime(),
    placedAt: z.iso.datetime().nullable(),
    answeredAt: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable(),
    outcome: z.enum(ATTEMPT_OUTCOMES).nullable(),
    answeredBy: z.enum(['human', 'machine', 'unknown']).nullable(),
    talkSeconds: z.number().int().nullable(),
    disposition: z.string().nullable(),
    endedReason: z.string().nullable(),
    optOut: z.boolean(),
    converted: z.boolean(),
    recordingId: z.string().nullable(),
  })
  .meta({ id: 'CampaignAttempt' });

export const campaignStatsSchema = z
  .object({
    campaignId: z.string(),
    state: z.enum(campaignStates),
    at: z.iso.datetime(),
    dialled: z.number().int().describe('Calls the provider took'),
    connected: z.number().int().describe('Calls answered, by a person or a machine'),
    answeredByMachine: z.number().int(),
    talkSeconds: z.number().int(),
    conversions: z.number().int(),
    optOuts: z.number().int(),
    callbacks: z.number().int().describe('Leads with a callback booked, still to come'),
    inCall: z.number().int().describe('Attempts open now'),
    abandoned: z.number().int(),
    abandonment: z.object({
      rate30d: z
        .number()
        .describe('Percent of calls answered by a person that were abandoned, 30 days (TSR)'),
      answered30d: z.number().int(),
      abandoned30d: z.number().int(),
      rate24h: z.number().describe('The same over 24 hours (Ofcom)'),
      answered24h: z.number().int(),
      abandoned24h: z.number().int(),
      limitPercent: z.number(),
    }),
    skipsByReason: z.record(z.string(), z.number().int()),
    outcomes: z.record(z.string(), z.number().int()),
    pacing: z.object({
      callsPerMinute: z.number(),
      maxConcurrent: z.number(),
      factor: z.number(),
      effectiveCallsPerMinute: z.number(),
    }),
    hopper: hopperSchema,
  })
  .meta({ id: 'CampaignStats' });

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const views = {
  campaign: (c: Campaign) => ({
    ...c,
    lists: c.lists.map((l) => ({ ...l })),
    startsAt: isoOrNull(c.startsAt),
    endsAt: isoOrNull(c.endsAt),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    startedAt: isoOrNull(c.startedAt),
    stoppedAt: isoOrNull(c.stoppedAt),
  }),
  attempt: (a: CallAttempt) => ({
    ...a,
    reservedAt: iso(a.reservedAt),
    placedAt: isoOrNull(a.placedAt),
    answeredAt: isoOrNull(a.answeredAt),
    endedAt: isoOrNull(a.endedAt),
  }),
  stats: (s: CampaignStats) => ({
    ...s,
    at: iso(s.at),
    skipsByReason: { ...s.skipsByReason },
    outcomes: { ...s.outcomes },
  }),
};
