import {
  compareSourceVersions,
  toCallRecordV1,
  type CallAttributes,
  type CallLeg,
  type CallParty,
  type CallRecordV1,
  type CallRecording,
  type CauseCodes,
  type NormalisedCall,
  type SourceVersion,
} from '../call-record.js';
import type { CallConnector, ConnectorOptions } from '../connectors/connector-registry.js';

/*
 * The decision of the idempotent upsert, for one (tenant, source, source call id), without I/O:
 * given what is stored and the deliveries of one batch in arrival order, which record should be
 * stored. Whether that differs from what is stored is decided afterwards by content digest.
 */

/** The platform fields of a stored record: where its raw is archived, and when it was ingested. */
export interface StoredPlatform {
  readonly rawObjectKey: string;
  readonly rawSha256: string;
  readonly ingestedAt: string;
}

export interface StoredCall {
  /** Public id (`call_...`): a call keeps its id whatever is delivered later. */
  readonly id: string;
  readonly sourceVersion: SourceVersion;
  /**
   * The stored record, decrypted, with its platform fields. Needed to merge any delivery that
   * differs from it; a batch whose deliveries are all identical to it is settled without.
   */
  readonly call?: NormalisedCall | undefined;
  readonly platform?: StoredPlatform | undefined;
}

export type MergeRule = Pick<CallConnector, 'mergeStrategy' | 'merge'>;

/** The platform fields removed: what a connector produced, and what the content digest covers. */
export function normalisedPart(record: CallRecordV1): NormalisedCall {
  const {
    id: _id,
    tenantId: _tenantId,
    rawObjectKey: _key,
    rawSha256: _sha,
    ingestedAt: _at,
    ...call
  } = record;
  return call;
}

const platformOf = (record: CallRecordV1): StoredPlatform => ({
  rawObjectKey: record.rawObjectKey,
  rawSha256: record.rawSha256,
  ingestedAt: record.ingestedAt,
});

/**
 * Folds the deliveries into the record to store; undefined only for no deliveries.
 *
 * Merge-versions (every source but those below): each delivery merges what it knows into what
 * is stored (`mergeVersions`): a newer version's fields win where it has them, and what it does
 * not know (null, `unknown`, no legs) is kept; an equal or older version only fills what is not
 * known yet. So nothing known is ever lost, and the result does not depend on the order in which
 * versions arrive (except which of two equal versions' conflicting values stays: the first).
 * The record's raw is the archive object of its newest version.
 *
 * Merge-legs (sources that write one row per leg): the connector unites the legs, whatever the
 * versions.
 */
export function foldDeliveries(
  stored: StoredCall | undefined,
  deliveries: readonly CallRecordV1[],
  rule: MergeRule,
  options: ConnectorOptions = {},
): CallRecordV1 | undefined {
  const [first] = deliveries;
  if (!first) return undefined;
  const id = stored?.id ?? first.id;
  if (stored && (!stored.call || !stored.platform))
    throw new Error('merging deliveries needs the stored record');
  if (rule.mergeStrategy === 'merge-legs') {
    const merge = rule.merge;
    if (!merge) throw new Error(`source ${first.source} merges legs but has no merge function`);
    let call: NormalisedCall | undefined = stored?.call;
    for (const delivery of deliveries) {
      const incoming = normalisedPart(delivery);
      call = call ? merge(call, incoming, options) : incoming;
    }
    const last = deliveries.at(-1) ?? first;
    if (!call) return undefined;
    return toCallRecordV1(call, { id, tenantId: last.tenantId, ...platformOf(last) });
  }
  let lead: { call: NormalisedCall; platform: StoredPlatform } | undefined =
    stored?.call && stored.platform ? { call: stored.call, platform: stored.platform } : undefined;
  for (const delivery of deliveries) {
    const incoming = normalisedPart(delivery);
    if (!lead) {
      lead = { call: incoming, platform: platformOf(delivery) };
      continue;
    }
    const order = compareSourceVersions(incoming.sourceVersion, lead.call.sourceVersion);
    lead =
      order > 0
        ? {
            call: mergeVersions(incoming, lead.call, { equalVersions: false }),
            platform: platformOf(delivery),
          }
        : {
            call: mergeVersions(lead.call, incoming, { equalVersions: order === 0 }),
            platform: lead.platform,
          };
  }
  return lead && { ...lead.call, id, tenantId: first.tenantId, ...lead.platform };
}

/**
 * Two views of one call merged; `lead` speaks first where both know a value, `other` fills in
 * what `lead` does not know. `lead` is the newer version, or of two equal versions the one
 * stored first.
 *
 * Unknown is what the conventions of CallRecord v1 say it is: null, direction `unknown`, a
 * party without an address, cause codes or quality without a value, no legs, no recordings.
 * Objects that describe one thing are taken whole (cause codes, quality); a party or agent keeps
 * the other view's name only when both describe the same one. Legs are merged leg by leg (by
 * legId) with the same rule; a newer view's legs are the call's legs (one that lists none keeps
 * the stored ones), equal views keep the legs of both. Recordings of both are kept (by uri),
 * and attributes of both, `lead`'s value winning for a name both have.
 *
 * Two rules keep the merged times coherent: a view that says the call was not answered (a
 * disposition other than answered or voicemail) knows that it has no answer time and talk
 * time; and a start after the merged answer or end (a Twilio callback without CallDuration
 * puts its event time there) gives way to the other view's start.
 */
export function mergeVersions(
  lead: NormalisedCall,
  other: NormalisedCall,
  how: { readonly equalVersions: boolean },
): NormalisedCall {
  const timing = mergeTiming(lead, other);
  return {
    ...lead,
    direction: lead.direction === 'unknown' ? other.direction : lead.direction,
    sourceDirection: lead.sourceDirection ?? other.sourceDirection,
    from: mergeParty(lead.from, other.from),
    to: mergeParty(lead.to, other.to),
    ...timing,
    startedAt: timing.startedAt ?? lead.startedAt,
    ringSeconds: lead.ringSeconds ?? other.ringSeconds,
    totalSeconds: lead.totalSeconds ?? other.totalSeconds,
    holdSeconds: lead.holdSeconds ?? other.holdSeconds,
    afterCallWorkSeconds: lead.afterCallWorkSeconds ?? other.afterCallWorkSeconds,
    disposition: lead.disposition ?? other.disposition,
    causeCodes: knowsCauses(lead.causeCodes) ? lead.causeCodes : other.causeCodes,
    agent: mergeRef(lead.agent, other.agent),
    queue: mergeRef(lead.queue, other.queue),
    recordings: unionBy(lead.recordings, other.recordings, (recording: CallRecording) => recording.uri),
    quality: knowsQuality(lead.quality) ? lead.quality : other.quality,
    legs: mergeLegs(lead.legs, other.legs, how.equalVersions),
    attributes: mergeAttributes(lead.attributes, other.attributes),
  };
}

/** What a call and a leg have in common about their time. */
interface Timing {
  readonly startedAt: string | null;
  readonly answeredAt: string | null;
  readonly endedAt: string | null;
  readonly talkSeconds: number | null;
}

const notAnswered = (view: Pick<CallLeg, 'disposition'>) =>
  view.disposition !== null && view.disposition !== 'answered' && view.disposition !== 'voicemail';

/** Start, answer, end and talk time of a call or a leg, merged (see mergeVersions). */
function mergeTiming(lead: Timing & Pick<CallLeg, 'disposition'>, other: Timing): Timing {
  const unanswered = notAnswered(lead);
  const answeredAt = unanswered ? lead.answeredAt : (lead.answeredAt ?? other.answeredAt);
  const talkSeconds = unanswered ? lead.talkSeconds : (lead.talkSeconds ?? other.talkSeconds);
  const endedAt = lead.endedAt ?? other.endedAt;
  const bound = earliest([answeredAt, endedAt]);
  const fits = (start: string | null) => start !== null && (bound === null || Date.parse(start) <= bound);
  const startedAt =
    lead.startedAt === null
      ? other.startedAt
      : fits(lead.startedAt) || !fits(other.startedAt)
        ? lead.startedAt
        : other.startedAt;
  return { startedAt, answeredAt, endedAt, talkSeconds };
}

function earliest(instants: readonly (string | null)[]): number | null {
  const times = instants.flatMap((instant) => (instant === null ? [] : [Date.parse(instant)]));
  return times.length === 0 ? null : Math.min(...times);
}

function mergeParty(lead: CallParty, other: CallParty): CallParty {
  if (lead.raw === null && lead.e164 === null)
    return { raw: other.raw, e164: other.e164, displayName: lead.displayName ?? other.displayName };
  // Another address is another party: its name is not ours to borrow.
  if (lead.raw !== other.raw) return lead;
  return { raw: lead.raw, e164: lead.e164 ?? other.e164, displayName: lead.displayName ?? other.displayName };
}

type Ref = NormalisedCall['agent'];

function mergeRef(lead: Ref, other: Ref): Ref {
  if (lead === null || other === null) return lead ?? other;
  const same =
    lead.id !== null && other.id !== null
      ? lead.id === other.id
      : lead.name === null || other.name === null || lead.name === other.name;
  return same ? { id: lead.id ?? other.id, name: lead.name ?? other.name } : lead;
}

const knowsCauses = (codes: CauseCodes) =>
  codes.q850 !== null || codes.sip !== null || codes.sourceText !== null;
const knowsQuality = (quality: NormalisedCall['quality']) =>
  quality !== null &&
  (quality.mos !== null ||
    quality.jitterMs !== null ||
    quality.packetLossPct !== null ||
    quality.rttMs !== null);

/** The attributes of both; for a name both have, `lead`'s value unless it is null. */
function mergeAttributes(lead: CallAttributes, other: CallAttributes): CallAttributes {
  const merged = new Map(Object.entries(other));
  for (const [name, value] of Object.entries(lead))
    if (value !== null || !merged.has(name)) merged.set(name, value);
  // fromEntries defines properties, so a source's "__proto__" attribute stays an attribute.
  return Object.fromEntries(merged);
}

function mergeLegs(lead: readonly CallLeg[], other: readonly CallLeg[], keepBoth: boolean): CallLeg[] {
  if (lead.length === 0) return [...other];
  const byId = new Map(other.map((leg) => [leg.legId, leg]));
  const merged = lead.map((leg) => {
    const match = byId.get(leg.legId);
    return match ? mergeLeg(leg, match) : leg;
  });
  if (!keepBoth) return merged;
  const leading = new Set(lead.map((leg) => leg.legId));
  return [...merged, ...other.filter((leg) => !leading.has(leg.legId))];
}

function mergeLeg(lead: CallLeg, other: CallLeg): CallLeg {
  return {
    ...lead,
    from: mergeParty(lead.from, other.from),
    to: mergeParty(lead.to, other.to),
    ...mergeTiming(lead, other),
    ringSeconds: lead.ringSeconds ?? other.ringSeconds,
    disposition: lead.disposition ?? other.disposition,
    causeCodes: knowsCauses(lead.causeCodes) ? lead.causeCodes : other.causeCodes,
    quality: knowsQuality(lead.quality) ? lead.quality : other.quality,
    attributes: mergeAttributes(lead.attributes, other.attributes),
  };
}

/** `lead`'s items, then `other`'s that `lead` does not have (by key). */
function unionBy<T>(lead: readonly T[], other: readonly T[], keyOf: (item: T) => string): T[] {
  const leading = new Set(lead.map(keyOf));
  return [...lead, ...other.filter((item) => !leading.has(keyOf(item)))];
}
