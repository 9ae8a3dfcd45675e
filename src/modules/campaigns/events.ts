import { z } from 'zod';

/**
 * The events campaigns publishes: name and payload schema, versioned. Consumers import them from
 * the door and parse the data with the schema. Events carry ids and key facts, not whole objects.
 */
export const leadImportFinishedV1 = {
  type: 'campaigns.lead_import.finished.v1',
  schema: z.object({
    importId: z.string(),
    listId: z.string(),
    state: z.enum(['completed', 'failed']),
    rowsAccepted: z.number().int(),
    rowsRejected: z.number().int(),
  }),
} as const;

export type LeadImportFinished = z.infer<typeof leadImportFinishedV1.schema>;

/** A campaign moved from one state to another (started, paused, resumed, cancelled, completed). */
export const campaignStateChangedV1 = {
  type: 'campaigns.campaign.state_changed.v1',
  schema: z.object({
    campaignId: z.string(),
    from: z.enum(['draft', 'running', 'paused', 'completed', 'cancelled']),
    to: z.enum(['draft', 'running', 'paused', 'completed', 'cancelled']),
  }),
} as const;

export type CampaignStateChanged = z.infer<typeof campaignStateChangedV1.schema>;
/**
 * A call of a campaign is over and its final account applied (once per attempt). `recordingId` is
 * null here: the recording goes to conversations after this commit (conversations then publishes
 * `conversations.recording.received.v1` with source `campaigns-<adapter>` and the attempt id as
 * `sourceRecordingId`).
 */
export const callCompletedV1 = {
  type: 'campaigns.call.completed.v1',
  schema: z.object({
    campaignId: z.string(),
    attemptId: z.string(),
    leadId: z.string(),
    outcome: z.enum(['answered', 'busy', 'no_answer', 'voicemail', 'failed', 'abandoned']),
    answeredBy: z.enum(['human', 'machine', 'unknown']).nullable(),
    disposition: z.string().nullable(),
    optOut: z.boolean(),
    converted: z.boolean(),
    talkSeconds: z.number().int().nullable(),
    recordingId: z.string().nullable(),
  }),
} as const;

export type CallCompleted = z.infer<typeof callCompletedV1.schema>;
