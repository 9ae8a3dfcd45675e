import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CallDisposition, CallParty, CallRecordV1, CallRecording } from './call-record.js';
import { secondsBetween } from './connectors/call-summary.js';

/**
 * Export of a call record as a vCon (draft-ietf-vcon-vcon-core, unsigned form). Signing and
 * encryption (JWS/JWE forms) belong to whoever ships the vCon across a trust boundary.
 */

const partySchema = z.looseObject({
  tel: z.string().optional(),
  sip: z.string().optional(),
  mailto: z.string().optional(),
  name: z.string().optional(),
  uuid: z.string().optional(),
});

const INCOMPLETE_DISPOSITIONS = [
  'no-answer',
  'congestion',
  'failed',
  'busy',
  'hung-up',
  'voicemail-no-message',
] as const;

const dialogSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('recording'),
    start: z.string().optional(),
    duration: z.number().nonnegative().optional(),
    parties: z.array(z.union([z.int().nonnegative(), z.array(z.int().nonnegative()), z.null()])).optional(),
    url: z.string().optional(),
    content_hash: z.union([z.string(), z.array(z.string())]).optional(),
  }),
  z.looseObject({ type: z.literal('text'), start: z.string().optional() }),
  z.looseObject({ type: z.literal('transfer'), start: z.string().optional() }),
  z.looseObject({ type: z.literal('recording-set'), recordings: z.array(z.int().nonnegative()) }),
  z.looseObject({
    type: z.literal('incomplete'),
    start: z.string().optional(),
    duration: z.number().nonnegative().optional(),
    parties: z.array(z.int().nonnegative()).optional(),
    disposition: z.enum(INCOMPLETE_DISPOSITIONS),
  }),
]);

const attachmentSchema = z.looseObject({
  purpose: z.string().optional(),
  start: z.string(),
  party: z.int().nonnegative(),
  dialog: z.int().nonnegative(),
  mediatype: z.string().optional(),
  encoding: z.enum(['json', 'none', 'base64url']).optional(),
  body: z.unknown().optional(),
});

/** An Analysis Object (transcript, summary, sentiment...): `vendor` is required, `dialog` points into the dialog list. */
const analysisSchema = z.looseObject({
  type: z.string().min(1),
  dialog: z.union([z.int().nonnegative(), z.array(z.int().nonnegative())]).optional(),
  attachment: z.union([z.int().nonnegative(), z.array(z.int().nonnegative())]).optional(),
  mediatype: z.string().optional(),
  filename: z.string().optional(),
  vendor: z.string().min(1),
  product: z.string().optional(),
  schema: z.string().optional(),
  encoding: z.enum(['json', 'none', 'base64url']).optional(),
  body: z.unknown().optional(),
  url: z.string().optional(),
  content_hash: z.union([z.string(), z.array(z.string())]).optional(),
});

/** The unsigned vCon shape as this module writes it (CDDL `unsigned_vcon_type`, the parts used). */
export const vconDocumentSchema = z.looseObject({
  vcon: z.string().optional(),
  uuid: z.string().min(1),
  created_at: z.string().min(1),
  parties: z.array(partySchema),
  dialog: z.array(dialogSchema),
  analysis: z.array(analysisSchema),
  attachments: z.array(attachmentSchema),
});
export type VconDocument = z.infer<typeof vconDocumentSchema>;
export type VconParty = z.infer<typeof partySchema>;
export type VconDialog = z.infer<typeof dialogSchema>;
export type VconAnalysis = z.infer<typeof analysisSchema>;
export type VconAttachment = z.infer<typeof attachmentSchema>;

/** The vCon media type (draft-ietf-vcon-vcon-core, IANA considerations) and its file extension. */
export const VCON_MEDIA_TYPE = 'application/vcon';

export interface VconOptions {
  /**
   * Host name that scopes the vCon uuid (the draft's FQHN) and the phone-context of
   * extensions. Default "switchboard.invalid".
   */
  domain?: string;
  /** Creation time of the vCon; defaults to the record's ingestedAt so an export is repeatable. */
  createdAt?: string;
  /** Known SHA-512 content hashes by recording URI; a recording URL is only included with its hash. */
  recordingHashes?: Readonly<Record<string, string>>;
  /** Media type of the raw payload when it is not JSON (e.g. "text/csv"). */
  rawMediaType?: string;
}

const DEFAULT_DOMAIN = 'switchboard.invalid';

/** Attachment purpose of the CallRecord a vCon export carries; the vCon import reads it back. */
export const VCON_RECORD_PURPOSE = 'switchboard-call-record';

/** The draft's syntax version; deprecated in the newest editor's copy but still read by older tools. */
export const VCON_SYNTAX_VERSION = '0.4.0';

export function toVcon(record: CallRecordV1, rawPayload?: unknown, options: VconOptions = {}): VconDocument {
  const domain = options.domain ?? DEFAULT_DOMAIN;
  const parties = [toVconParty(record.from, domain), toVconParty(record.to, domain)];
  if (record.agent && (record.agent.id !== null || record.agent.name !== null)) {
    parties.push({
      ...(record.agent.name !== null ? { name: record.agent.name } : {}),
      ...(record.agent.id !== null ? { uuid: record.agent.id } : {}),
      type: 'person',
    });
  }
  const callParties = [0, 1];
  const dialog: VconDocument['dialog'] = [];
  if (record.recordings.length > 0) {
    for (const recording of record.recordings)
      dialog.push(recordingDialog(record, recording, callParties, options));
  } else if (record.answeredAt !== null && record.disposition !== 'voicemail') {
    // A call that was set up but not recorded: the draft's placeholder is an empty "recording"
    // dialog, lasting from the answer to the end (talk time may leave out hold).
    const connected = secondsBetween(record.answeredAt, record.endedAt);
    dialog.push({
      type: 'recording',
      start: record.answeredAt,
      ...(connected !== null ? { duration: connected } : {}),
      parties: callParties,
    });
  } else {
    dialog.push({
      type: 'incomplete',
      start: record.startedAt,
      ...(record.totalSeconds !== null ? { duration: record.totalSeconds } : {}),
      parties: callParties,
      disposition: incompleteDisposition(record.disposition),
    });
  }

  const attachments: VconDocument['attachments'] = [
    {
      purpose: VCON_RECORD_PURPOSE,
      start: record.startedAt,
      party: 0,
      dialog: 0,
      mediatype: 'application/json',
      encoding: 'json',
      body: record,
    },
  ];
  if (rawPayload !== undefined) {
    attachments.push({
      purpose: 'source-call-detail-record',
      start: record.startedAt,
      party: 0,
      dialog: 0,
      ...rawAttachmentContent(rawPayload, options.rawMediaType),
    });
  }

  return {
    vcon: VCON_SYNTAX_VERSION,
    uuid: vconUuid(record, domain),
    created_at: options.createdAt ?? record.ingestedAt,
    parties,
    dialog,
    analysis: [],
    attachments,
  };
}

/** Party addresses: E.164 as a global tel URL, extensions as local tel URLs in the tenant's context. */
function toVconParty(party: CallParty, domain: string): VconParty {
  const out: VconParty = {};
  const raw = party.raw?.trim() ?? '';
  // A global number is a valid tel URL even when the numbering plan says it cannot exist.
  if (party.e164 !== null) out.tel = `tel:${party.e164}`;
  else if (/^\+\d{3,15}$/.test(raw)) out.tel = `tel:${raw}`;
  else if (/^[\d*#]+$/.test(raw)) out.tel = `tel:${raw};phone-context=${domain}`;
  else if (/^sips?:/i.test(raw)) out.sip = raw;
  else if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw)) out.mailto = `mailto:${raw}`;
  if (party.displayName !== null) out.name = party.displayName;
  return out;
}

function recordingDialog(
  record: CallRecordV1,
  recording: CallRecording,
  parties: number[],
  options: VconOptions,
): VconDocument['dialog'][number] {
  const hash = options.recordingHashes?.[recording.uri];
  const filename = recording.uri.split(/[/?#]/).filter(Boolean).pop();
  return {
    type: 'recording',
    start: recording.startedAt ?? record.answeredAt ?? record.startedAt,
    // Only a length the source gave: a recording need not span the call (hold, transfers).
    ...(recording.durationSeconds !== null ? { duration: recording.durationSeconds } : {}),
    parties,
    ...(recording.mediaType !== null ? { mediatype: recording.mediaType } : {}),
    ...(filename ? { filename } : {}),
    // The draft requires a content hash next to any external URL, and HTTPS for the URL.
    ...(hash !== undefined && recording.uri.startsWith('https://')
      ? { url: recording.uri, content_hash: hash }
      : {}),
  };
}

function incompleteDisposition(
  disposition: CallDisposition | null,
): (typeof INCOMPLETE_DISPOSITIONS)[number] {
  switch (disposition) {
    case 'no_answer':
      return 'no-answer';
    case 'busy':
      return 'busy';
    case 'cancelled':
      return 'hung-up';
    case 'voicemail':
      return 'voicemail-no-message';
    default:
      // The draft: "failed" SHOULD be used when the reason is not known.
      return 'failed';
  }
}

function rawAttachmentContent(
  raw: unknown,
  mediaType: string | undefined,
): { mediatype: string; encoding: 'json' | 'none' | 'base64url'; body: unknown } {
  if (Buffer.isBuffer(raw) || raw instanceof Uint8Array) {
    return {
      mediatype: mediaType ?? 'application/octet-stream',
      encoding: 'base64url',
      body: Buffer.from(raw).toString('base64url'),
    };
  }
  if (typeof raw === 'string') {
    try {
      return { mediatype: 'application/json', encoding: 'json', body: JSON.parse(raw) as unknown };
    } catch {
      return { mediatype: mediaType ?? 'text/plain', encoding: 'none', body: raw };
    }
  }
  return { mediatype: 'application/json', encoding: 'json', body: raw };
}

/**
 * UUID version 8 as the draft specifies: a version 7 layout (start time in ms) whose last
 * 62 bits come from SHA-1 of the host name. The 12 spare bits are taken from the record id
 * rather than at random, so exporting the same record twice gives the same vCon uuid.
 */
export function vconUuid(
  record: Pick<CallRecordV1, 'id' | 'startedAt'>,
  domain: string = DEFAULT_DOMAIN,
): string {
  const bytes = Buffer.alloc(16);
  const ms = BigInt(Math.max(0, Date.parse(record.startedAt)));
  for (let i = 0; i < 6; i += 1) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  const idHash = createHash('sha1').update(record.id).digest();
  const hostHash = createHash('sha1').update(domain).digest();
  bytes[6] = 0x80 | ((idHash[0] ?? 0) & 0x0f);
  bytes[7] = idHash[1] ?? 0;
  // High 62 bits of the host hash, behind the two variant bits (10).
  const host = hostHash.readBigUInt64BE(0) >> 2n;
  const tail = (0b10n << 62n) | host;
  bytes.writeBigUInt64BE(tail, 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
