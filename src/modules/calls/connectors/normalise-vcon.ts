import { z } from 'zod';
import {
  normalisedCallSchema,
  type CallDirection,
  type CallDisposition,
  type CallLeg,
  type CallParty,
  type CallRecording,
  type JsonValue,
  type NormalisedCall,
} from '../call-record.js';
import { VCON_RECORD_PURPOSE } from '../vcon.js';
import { earliest, latest, noCauseCodes, secondsBetween } from './call-summary.js';
import { directionFromParties, toParty, type NumberingOptions } from './party-number.js';
import {
  guarded,
  quarantine,
  skip,
  toResult,
  validated,
  type ParsedItem,
  type ParseResult,
} from './parse-result.js';
import { jsonRaw } from './record-raw.js';
import { isoOrNull, parseLocalTimestamp } from './time-parsing.js';
import { openVcon, type SignatureCheck } from './vcon-forms.js';

/*
 * vCon (draft-ietf-vcon-vcon-core) to CallRecord v1. A vCon is a conversation container: parties,
 * dialog (recordings, texts, attempts that did not connect), analysis (transcripts, summaries) and
 * attachments. The record takes what it can express (parties, times, outcome, recordings, one leg
 * per call dialog) and a summary of every object; the bodies stay in the archived raw vCon, which
 * the record's rawObjectKey points at.
 */

export interface VconImportOptions extends NumberingOptions {
  /** Zone of times written without one (vcon-server 0.0.1 writes the local time so). Default UTC. */
  timeZone?: string;
}

const text = z.string().nullish();
const index = z.int().nonnegative();

const vconPartySchema = z.looseObject({
  tel: text,
  sip: text,
  mailto: text,
  // vcon-server 0.0.1 spelling of mailto.
  email: text,
  name: text,
  uuid: text,
  type: text,
  role: text,
  meta: z.looseObject({ role: text }).nullish(),
});
type VconParty = z.infer<typeof vconPartySchema>;

const vconDialogSchema = z.looseObject({
  type: z.string().min(1),
  start: text,
  duration: z.number().nonnegative().nullish(),
  parties: z.union([index, z.array(z.union([index, z.array(index), z.null()]))]).nullish(),
  originator: index.nullish(),
  mediatype: text,
  // Before syntax 0.0.2 mediatype was mimetype.
  mimetype: text,
  filename: text,
  url: text,
  content_hash: z.union([z.string(), z.array(z.string())]).nullish(),
  encoding: text,
  body: z.unknown().optional(),
  disposition: text,
  meta: z.looseObject({ direction: text }).nullish(),
});
type VconDialog = z.infer<typeof vconDialogSchema>;

const vconAnalysisSchema = z.looseObject({
  type: text,
  dialog: z.union([index, z.array(index)]).nullish(),
  attachment: z.union([index, z.array(index)]).nullish(),
  vendor: text,
  product: text,
  schema: text,
  mediatype: text,
  encoding: text,
  filename: text,
  url: text,
});

const vconAttachmentSchema = z.looseObject({
  purpose: text,
  // vcon-server 0.0.1 names the purpose "type".
  type: text,
  start: text,
  party: index.nullish(),
  dialog: index.nullish(),
  mediatype: text,
  mimetype: text,
  encoding: text,
  filename: text,
  url: text,
  body: z.unknown().optional(),
});
type VconAttachment = z.infer<typeof vconAttachmentSchema>;

/** The unsigned form of a vCon, as far as the import reads it; anything else passes through. */
export const importedVconSchema = z.looseObject({
  vcon: text,
  uuid: z.string().min(1),
  created_at: text,
  updated_at: text,
  subject: text,
  redacted: z.looseObject({ uuid: text, type: text }).nullish(),
  amended: z.looseObject({ uuid: text }).nullish(),
  // The 0.3.0 name of amended.
  appended: z.looseObject({ uuid: text }).nullish(),
  extensions: z.array(z.string()).nullish(),
  critical: z.array(z.string()).nullish(),
  // The pre-0.4.0 name of critical.
  must_support: z.array(z.string()).nullish(),
  parties: z.array(vconPartySchema).nullish(),
  dialog: z.array(vconDialogSchema).nullish(),
  analysis: z.array(vconAnalysisSchema).nullish(),
  attachments: z.array(vconAttachmentSchema).nullish(),
});
type ImportedVcon = z.infer<typeof importedVconSchema>;

export function normaliseVcon(input: unknown, options: VconImportOptions = {}): ParseResult {
  return toResult(vconItems(input, options));
}

/** One vCon (string or parsed, unsigned, signed or encrypted form), or an array of them. */
export function vconItems(input: unknown, options: VconImportOptions = {}): ParsedItem[] {
  let document: unknown = input;
  if (typeof input === 'string') {
    try {
      document = JSON.parse(input) as unknown;
    } catch (error) {
      return [quarantine(`invalid JSON: ${(error as Error).message}`, input, { category: 'unknown_format' })];
    }
  }
  if (Array.isArray(document)) return document.flatMap((item) => vconItems(item, options));
  return guarded(document, () => [mapVconDocument(document, options)]);
}

function mapVconDocument(document: unknown, options: VconImportOptions): ParsedItem {
  if (typeof document !== 'object' || document === null) {
    return quarantine('a vCon must be a JSON object', document, { category: 'unknown_format' });
  }
  const opened = openVcon(document);
  if (!opened.ok) return quarantine(opened.reason, document, { category: opened.category });
  const parsed = importedVconSchema.safeParse(opened.vcon);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return quarantine(
      `not a vCon: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'invalid'}`.trim(),
      document,
      { category: 'unknown_format' },
    );
  }
  const vcon = parsed.data;
  // The draft: an implementation that does not support an extension listed as critical MUST NOT
  // process the vCon except to reject it. This importer supports none.
  const critical = [...(vcon.critical ?? []), ...(vcon.must_support ?? [])];
  if (critical.length > 0) {
    return quarantine(
      `vCon ${vcon.uuid} needs extension(s) this importer does not support: ${critical.join(', ')}`,
      document,
      { category: 'not_supported' },
    );
  }
  const dialogs = vcon.dialog ?? [];
  const callDialogs = dialogs.flatMap((dialog, position) =>
    isCallDialog(dialog) ? [{ dialog, position }] : [],
  );
  if (callDialogs.length === 0) {
    const kinds = [...new Set(dialogs.map((dialog) => dialog.type))];
    return skip(
      kinds.length === 0
        ? `vCon ${vcon.uuid} has no dialog: no call to record`
        : `vCon ${vcon.uuid} holds no call, only ${kinds.join(', ')} dialog (e-mail, chat, messages)`,
      document,
    );
  }
  const record = toRecord(vcon, callDialogs, opened.signature, options);
  if (typeof record === 'string')
    return quarantine(record, document, { category: 'missing_field', field: 'dialog.start' });
  return validated(record, jsonRaw(document));
}

/** A recording was made of a call that was set up; an incomplete dialog is a call attempt. */
function isCallDialog(dialog: VconDialog): boolean {
  return dialog.type === 'recording' || dialog.type === 'incomplete';
}

interface PlacedDialog {
  dialog: VconDialog;
  position: number;
}

function toRecord(
  vcon: ImportedVcon,
  callDialogs: readonly PlacedDialog[],
  signature: SignatureCheck | null,
  options: VconImportOptions,
): NormalisedCall | string {
  const timeZone = options.timeZone ?? 'UTC';
  const parties = vcon.parties ?? [];
  const partyAt = (position: number | undefined): CallParty =>
    partyOf(position === undefined ? undefined : parties[position], options);
  const instant = (value: string | null | undefined): string | null =>
    value ? isoOrNull(parseLocalTimestamp(value, timeZone)) : null;
  const legs = callDialogs.map(({ dialog, position }) => legOf(dialog, position, partyAt, instant));
  const [firstCall] = callDialogs;
  const ends = firstCall ? dialogEnds(firstCall.dialog, parties.length) : { originator: 0, other: 1 };
  const from = partyAt(ends.originator);
  const to = partyAt(ends.other);

  const startedAt = earliest(legs.map((leg) => leg.startedAt)) ?? instant(vcon.created_at);
  if (startedAt === null) return `vCon ${vcon.uuid} has no time: no readable dialog start and no created_at`;
  const recorded = legs.filter((leg) => leg.answeredAt !== null);
  const answeredAt = earliest(recorded.map((leg) => leg.answeredAt));
  const endedAt = latest(legs.map((leg) => leg.endedAt));
  const disposition: CallDisposition =
    recorded.length > 0
      ? 'answered'
      : (legs.find((leg) => leg.disposition !== null)?.disposition ?? 'failed');
  const own = switchboardRecordOf(vcon.attachments ?? []);
  const stated = statedDirection(firstCall?.dialog);
  const direction =
    own?.record.direction ??
    stated?.direction ??
    directionFromRoles(parties, ends) ??
    directionFromParties(from, to, options);

  const native = {
    startedAt,
    answeredAt,
    endedAt,
    // A vCon says when the recording started, not when the phone began to ring.
    ringSeconds: answeredAt === null ? secondsBetween(startedAt, endedAt) : null,
    talkSeconds: answeredAt === null ? (endedAt === null ? null : 0) : secondsBetween(answeredAt, endedAt),
    totalSeconds: secondsBetween(startedAt, endedAt),
    holdSeconds: null,
    afterCallWorkSeconds: null,
    disposition,
    causeCodes: legs.find((leg) => leg.causeCodes.sourceText !== null)?.causeCodes ?? noCauseCodes(),
    agent: agentOf(parties),
    queue: null,
    quality: null,
    recordings: callDialogs.flatMap(({ dialog, position }) =>
      recordingOf(dialog, position, vcon.uuid, instant),
    ),
    legs,
  };
  // What a vCon cannot say (ring time, the tenant's view of the direction, the outcome's detail)
  // a vCon that Switchboard exported carries in its call-record attachment.
  const known = own
    ? {
        startedAt: own.record.startedAt,
        answeredAt: own.record.answeredAt,
        endedAt: own.record.endedAt,
        ringSeconds: own.record.ringSeconds,
        talkSeconds: own.record.talkSeconds,
        totalSeconds: own.record.totalSeconds,
        holdSeconds: own.record.holdSeconds,
        afterCallWorkSeconds: own.record.afterCallWorkSeconds,
        disposition: own.record.disposition,
        causeCodes: own.record.causeCodes,
        agent: own.record.agent,
        queue: own.record.queue,
        quality: own.record.quality,
        recordings: own.record.recordings,
        legs: own.record.legs,
      }
    : native;
  return {
    source: 'vcon',
    sourceCallId: vcon.uuid,
    conversationId: vcon.redacted?.uuid || vcon.amended?.uuid || vcon.appended?.uuid || vcon.uuid,
    sourceVersion: versionOf(vcon, instant),
    direction,
    sourceDirection: own ? own.record.direction : (stated?.spelled ?? null),
    from,
    to,
    ...known,
    attributes: {
      vcon: summaryOf(vcon, signature),
      ...(own ? { exportedRecord: own.reference } : {}),
    },
  };
}

/** Originator and the other end of a dialog: the first listed party unless `originator` says otherwise. */
function dialogEnds(
  dialog: VconDialog,
  partyCount: number,
): { originator: number; other: number | undefined } {
  const listed = listedParties(dialog);
  const originator = dialog.originator ?? listed[0] ?? 0;
  const other =
    listed.find((position) => position !== originator) ??
    (partyCount > 1 && originator === 0 ? 1 : undefined);
  return { originator, other };
}

/** Party indices of a dialog in order, channels of a multi-channel recording flattened. */
function listedParties(dialog: VconDialog): number[] {
  const parties = dialog.parties;
  if (parties === null || parties === undefined) return [];
  const flat = (Array.isArray(parties) ? parties : [parties]).flatMap((entry) =>
    entry === null ? [] : Array.isArray(entry) ? entry : [entry],
  );
  return [...new Set(flat)];
}

/** `tel:+1555…;phone-context=…` and bare numbers to the number, `mailto:` to the address, SIP URIs as given. */
function partyOf(party: VconParty | undefined, options: VconImportOptions): CallParty {
  if (!party) return toParty(null, null, options);
  const tel = party.tel ? party.tel.replace(/^tel:/i, '').split(';')[0]?.trim() : undefined;
  const mail = (party.mailto ?? party.email)?.replace(/^mailto:/i, '');
  return toParty(tel || party.sip || mail || null, party.name ?? null, options);
}

function roleOf(party: VconParty | undefined): string | null {
  return (party?.role ?? party?.meta?.role ?? null)?.toLowerCase() ?? null;
}

/** vcon-server marks parties `meta.role` agent or customer: who called whom then says the direction. */
function directionFromRoles(
  parties: readonly VconParty[],
  ends: { originator: number; other: number | undefined },
): CallDirection | null {
  const caller = roleOf(parties[ends.originator]);
  if (caller === 'customer') return 'inbound';
  if (caller === 'agent')
    return roleOf(ends.other === undefined ? undefined : parties[ends.other]) === 'agent'
      ? 'internal'
      : 'outbound';
  return null;
}

/** vcon-server writes the call's direction on the dialog: `meta.direction` in or out. */
function statedDirection(
  dialog: VconDialog | undefined,
): { direction: CallDirection; spelled: string } | null {
  const spelled = dialog?.meta?.direction ?? null;
  if (spelled === null || spelled === '') return null;
  const value = spelled.toLowerCase();
  if (value === 'in' || value === 'inbound') return { direction: 'inbound', spelled };
  if (value === 'out' || value === 'outbound') return { direction: 'outbound', spelled };
  if (value === 'internal' || value === 'local') return { direction: 'internal', spelled };
  return { direction: 'unknown', spelled };
}

function agentOf(parties: readonly VconParty[]): NormalisedCall['agent'] {
  const agent = parties.find((party) => roleOf(party) === 'agent');
  if (!agent || (!agent.uuid && !agent.name)) return null;
  return { id: agent.uuid ?? null, name: agent.name ?? null };
}

/** The draft's dispositions of a call that did not connect; "failed" when the reason is not known. */
function incompleteDisposition(disposition: string): CallDisposition {
  switch (disposition) {
    case 'no-answer':
      return 'no_answer';
    case 'busy':
      return 'busy';
    case 'hung-up':
      return 'cancelled';
    case 'voicemail-no-message':
      return 'voicemail';
    default:
      return 'failed';
  }
}

function legOf(
  dialog: VconDialog,
  position: number,
  partyAt: (position: number | undefined) => CallParty,
  instant: (value: string | null | undefined) => string | null,
): CallLeg {
  const ends = dialogEnds(dialog, Number.POSITIVE_INFINITY);
  const startedAt = instant(dialog.start);
  const durationMs =
    dialog.duration === null || dialog.duration === undefined ? null : dialog.duration * 1000;
  const endedAt =
    startedAt === null || durationMs === null
      ? null
      : new Date(Date.parse(startedAt) + durationMs).toISOString();
  const connected = dialog.type === 'recording';
  const incomplete = connected ? null : (dialog.disposition ?? 'failed');
  return {
    legId: `dialog/${position}`,
    from: partyAt(ends.originator),
    to: partyAt(ends.other),
    startedAt,
    answeredAt: connected ? startedAt : null,
    endedAt,
    ringSeconds: connected ? null : secondsBetween(startedAt, endedAt),
    talkSeconds: connected ? secondsBetween(startedAt, endedAt) : endedAt === null ? null : 0,
    disposition: incomplete === null ? 'answered' : incompleteDisposition(incomplete),
    causeCodes: { ...noCauseCodes(), sourceText: incomplete },
    quality: null,
    attributes: {},
  };
}

/** A recording dialog whose media can be reached: by its URL, or inline in the archived vCon. */
function recordingOf(
  dialog: VconDialog,
  position: number,
  uuid: string,
  instant: (value: string | null | undefined) => string | null,
): CallRecording[] {
  if (dialog.type !== 'recording') return [];
  const inline = dialog.body !== undefined && dialog.body !== null && dialog.body !== '';
  const uri = dialog.url || (inline ? `vcon:${uuid}#dialog/${position}` : null);
  if (!uri) return [];
  return [
    {
      uri,
      sourceRecordingId: `dialog/${position}`,
      mediaType: dialog.mediatype ?? dialog.mimetype ?? null,
      startedAt: instant(dialog.start),
      durationSeconds: dialog.duration ?? null,
    },
  ];
}

/**
 * The record Switchboard attached when it exported the vCon: only when it is a valid call record.
 * Its platform fields name the call it came from.
 */
function switchboardRecordOf(
  attachments: readonly VconAttachment[],
): { record: NormalisedCall; reference: Record<string, JsonValue> } | null {
  for (const attachment of attachments) {
    if (attachment.purpose !== VCON_RECORD_PURPOSE || attachment.encoding !== 'json') continue;
    const parsed = normalisedCallSchema.safeParse(attachment.body);
    if (!parsed.success) continue;
    const body = attachment.body as Record<string, unknown>;
    return {
      record: parsed.data,
      reference: {
        id: typeof body.id === 'string' ? body.id : null,
        source: parsed.data.source,
        sourceCallId: parsed.data.sourceCallId,
        sourceDirection: parsed.data.sourceDirection,
      },
    };
  }
  return null;
}

/**
 * Deliveries of one vCon uuid are ordered by updated_at (else created_at), then by how many objects
 * it holds: a vCon grows as it is worked on (analysis added to the same uuid), so without
 * timestamps the fuller one is the later one. "#000004" sorts before any timestamp.
 */
function versionOf(vcon: ImportedVcon, instant: (value: string | null | undefined) => string | null): string {
  const objects =
    (vcon.parties?.length ?? 0) +
    (vcon.dialog?.length ?? 0) +
    (vcon.analysis?.length ?? 0) +
    (vcon.attachments?.length ?? 0);
  const at = instant(vcon.updated_at) ?? instant(vcon.created_at) ?? '';
  return `${at}#${String(Math.min(objects, 999_999)).padStart(6, '0')}`;
}

const defined = (entries: Record<string, JsonValue | undefined>): Record<string, JsonValue> =>
  Object.fromEntries(
    Object.entries(entries).filter(
      (entry): entry is [string, JsonValue] => entry[1] !== undefined && entry[1] !== null,
    ),
  );

/** Every object of the vCon without its bodies (those stay in the archived raw vCon). */
function summaryOf(vcon: ImportedVcon, signature: SignatureCheck | null): Record<string, JsonValue> {
  return defined({
    uuid: vcon.uuid,
    syntax: vcon.vcon,
    createdAt: vcon.created_at,
    updatedAt: vcon.updated_at,
    subject: vcon.subject,
    // vcon-server writes `redacted: {}` on vCons that are not redacted.
    redacted:
      vcon.redacted?.uuid || vcon.redacted?.type
        ? defined({ uuid: vcon.redacted.uuid, type: vcon.redacted.type })
        : undefined,
    amended: (vcon.amended ?? vcon.appended)?.uuid,
    extensions: vcon.extensions ?? undefined,
    form: signature ? 'signed' : 'unsigned',
    signature: signature
      ? defined({
          alg: signature.alg,
          verified: signature.verified,
          signer: signature.signer,
          note: signature.note,
        })
      : undefined,
    parties: (vcon.parties ?? []).map((party, position) =>
      defined({
        index: position,
        name: party.name,
        tel: party.tel,
        sip: party.sip,
        mailto: party.mailto ?? party.email,
        uuid: party.uuid,
        type: party.type,
        role: roleOf(party),
      }),
    ),
    dialog: (vcon.dialog ?? []).map((dialog, position) =>
      defined({
        index: position,
        type: dialog.type,
        start: dialog.start,
        duration: dialog.duration,
        parties: listedParties(dialog),
        originator: dialog.originator,
        mediatype: dialog.mediatype ?? dialog.mimetype,
        filename: dialog.filename,
        url: dialog.url,
        contentHash: dialog.content_hash,
        disposition: dialog.disposition,
        inline: dialog.body !== undefined && dialog.body !== null ? true : undefined,
      }),
    ),
    analysis: (vcon.analysis ?? []).map((analysis, position) =>
      defined({
        index: position,
        type: analysis.type,
        dialog: analysis.dialog,
        attachment: analysis.attachment,
        vendor: analysis.vendor,
        product: analysis.product,
        schema: analysis.schema,
        mediatype: analysis.mediatype,
        encoding: analysis.encoding,
        url: analysis.url,
      }),
    ),
    attachments: (vcon.attachments ?? []).map((attachment, position) =>
      defined({
        index: position,
        purpose: attachment.purpose ?? attachment.type,
        start: attachment.start,
        party: attachment.party,
        dialog: attachment.dialog,
        mediatype: attachment.mediatype ?? attachment.mimetype,
        encoding: attachment.encoding,
        filename: attachment.filename,
        url: attachment.url,
      }),
    ),
  });
}
