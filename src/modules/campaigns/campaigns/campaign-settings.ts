import { z } from 'zod';
import { CAMPAIGN_DEFAULTS, type AttemptOutcome, type CampaignFacts } from '../dialing/pre-dial-check.js';

/*
 * A campaign's settings: one document, validated here at the edge (every refusal names its field,
 * `settings.callingWindow.startMinute`), stored as given in campaigns.campaigns.settings, and read
 * by the dialer through `campaignFactsOf` (what the pre-dial check takes) and the pacing fields.
 * Defaults are the product's (docs/campaigns-rules.md): a setting left out takes them.
 */

export const ATTEMPT_OUTCOMES = [
  'answered',
  'busy',
  'no_answer',
  'voicemail',
  'failed',
  'abandoned',
] as const;

/** The adapters a campaign can dial through; `simulator` is the embedded default. */
export const TELEPHONY_ADAPTERS = ['simulator', 'twilio', 'vapi', 'retell'] as const;
export type TelephonyAdapterName = (typeof TELEPHONY_ADAPTERS)[number];

const minuteOfDay = z
  .number()
  .int('must be a whole number')
  .min(0)
  .max(24 * 60);
const spacing = z
  .number()
  .int('must be a whole number')
  .min(0)
  .max(90 * 24 * 60);
const slug = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits and _');
const region = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be ISO 3166-1 (US) or 3166-2 (US-FL)');

export const callingWindowSchema = z
  .strictObject({
    startMinute: minuteOfDay.describe('Local minutes after midnight the window opens (540 = 09:00)'),
    endMinute: minuteOfDay.describe('Local minutes after midnight the window closes, exclusive'),
    days: z
      .array(z.number().int().min(0).max(6))
      .min(1, 'must name at least one weekday')
      .max(7)
      .optional()
      .describe('Weekdays, 0 = Sunday; all seven when absent'),
  })
  .refine((w) => w.endMinute > w.startMinute, { message: 'must end after it starts', path: ['endMinute'] });

export const campaignSettingsSchema = z
  .strictObject({
    /** What the calls are for, as the consent ledger records purposes. */
    purpose: slug.default(CAMPAIGN_DEFAULTS.purpose),
    usesArtificialVoice: z.boolean().default(CAMPAIGN_DEFAULTS.usesArtificialVoice),
    liveAgentGuaranteed: z.boolean().default(CAMPAIGN_DEFAULTS.liveAgentGuaranteed),
    consentRequired: z
      .array(z.strictObject({ purpose: slug, channel: z.enum(['call', 'ai_voice', 'sms', 'email']) }))
      .max(10)
      .default([]),
    allowedRegions: z.array(region).min(1, 'must name at least one region').max(100),
    callingWindow: callingWindowSchema.default(CAMPAIGN_DEFAULTS.callingWindow),
    maxAttemptsPerLead: z.number().int().min(1).max(50).default(CAMPAIGN_DEFAULTS.maxAttemptsPerLead),
    maxAttemptsPerDay: z.number().int().min(1).max(10).default(CAMPAIGN_DEFAULTS.maxAttemptsPerDay),
    retrySpacingMinutes: z
      .strictObject({
        answered: spacing.optional(),
        busy: spacing.optional(),
        no_answer: spacing.optional(),
        voicemail: spacing.optional(),
        failed: spacing.optional(),
        abandoned: spacing.optional(),
      })
      .default({}),
    /**
     * VICIdial-style recycling: which outcomes put the lead back in the hopper (after the spacing);
     * an outcome not listed ends the lead for this campaign. Default: busy, no_answer, voicemail,
     * failed and abandoned recycle; answered does not.
     */
    recycleOutcomes: z
      .array(z.enum(ATTEMPT_OUTCOMES))
      .default(['busy', 'no_answer', 'voicemail', 'failed', 'abandoned']),
    pacing: z
      .strictObject({
        callsPerMinute: z.number().int().min(1).max(600).default(10),
        maxConcurrent: z.number().int().min(1).max(500).default(5),
      })
      .default({ callsPerMinute: 10, maxConcurrent: 5 }),
    /** TSR: at most 3% of answered calls abandoned over 30 days; pacing slows down before that. */
    abandonment: z
      .strictObject({
        limitPercent: z.number().min(0).max(100).default(3),
        /** Pacing is reduced when the rate reaches this share of the limit. */
        slowDownAtPercent: z.number().min(0).max(100).default(2.5),
      })
      .default({ limitPercent: 3, slowDownAtPercent: 2.5 }),
    adapter: z
      .strictObject({
        name: z.enum(TELEPHONY_ADAPTERS).default('simulator'),
        /** The caller id (E.164) the provider presents, where it takes one. */
        from: z
          .string()
          .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number')
          .optional(),
        /** The voice agent (Vapi assistant id, Retell agent id) or Twilio TwiML/app URL. */
        agentId: z.string().min(1).max(200).optional(),
        /** Simulator only: the scripted outcomes (see telephony/simulator). */
        script: z.string().min(1).max(100).optional(),
      })
      .default({ name: 'simulator' }),
    /**
     * The handshake: which lead fields the script gets (`firstName`, `lastName`, `city`, custom
     * fields by name). Nothing else about the lead leaves the platform; the number always does.
     */
    contextFields: z.array(z.string().min(1).max(100)).max(30).default(['firstName']),
  })
  .meta({ id: 'CampaignSettings' });

export type CampaignSettingsInput = z.input<typeof campaignSettingsSchema>;
export type CampaignSettings = z.output<typeof campaignSettingsSchema>;

/** What the pre-dial check reads of a campaign, from its stored settings. */
export function campaignFactsOf(settings: CampaignSettings): CampaignFacts {
  const spacingMinutes: Record<AttemptOutcome, number> = { ...CAMPAIGN_DEFAULTS.retrySpacingMinutes };
  for (const outcome of ATTEMPT_OUTCOMES) {
    const value = settings.retrySpacingMinutes[outcome];
    if (value !== undefined) spacingMinutes[outcome] = value;
  }
  return {
    callingWindow: settings.callingWindow,
    maxAttemptsPerLead: settings.maxAttemptsPerLead,
    maxAttemptsPerDay: settings.maxAttemptsPerDay,
    retrySpacingMinutes: spacingMinutes,
    consentRequired: settings.consentRequired,
    purpose: settings.purpose,
    usesArtificialVoice: settings.usesArtificialVoice,
    liveAgentGuaranteed: settings.liveAgentGuaranteed,
    allowedRegions: settings.allowedRegions,
  };
}
