/**
 * Recorders that record per leg (one file per party's leg of a transferred or forked call) list
 * several recordings for one conversation, sharing a group id. We keep one per group, the way
 * CCI Lite's OAK ingest does (BenKnoxJ/cci-lite-v1, Lambda/ingestion_lambdas/cci-lite-oak-ingestion):
 *
 * 1. among the legs with an internal party (our agent's extension or domain), the leg the
 *    internal party started wins (the agent's own side of the call, "initiator wins");
 * 2. otherwise the longest of the legs with an internal party;
 * 3. a group without any internal leg: the longest leg (CCI Lite skips such groups; set
 *    `whenNoInternalLeg: 'skip'` for that).
 * Ties go to the earlier start, then the smaller id, so every re-scan picks the same leg.
 */

export interface RecordingLeg<T> {
  readonly id: string;
  /** The recording group (OAK `recordingGroupingId`); the leg's own id when it has none. */
  readonly groupId: string;
  readonly startedAt: Date | null;
  readonly durationMs: number | null;
  /** The calling party is internal. */
  readonly startedByInternal: boolean;
  /** Any party of the leg is internal. */
  readonly hasInternalParty: boolean;
  readonly item: T;
}

export type NoInternalLegPolicy = 'longest' | 'skip';

export interface LegChoice<T> {
  readonly chosen: readonly RecordingLeg<T>[];
  readonly dropped: readonly { readonly leg: RecordingLeg<T>; readonly reason: string }[];
}

const duration = (leg: RecordingLeg<unknown>) => leg.durationMs ?? 0;

function longest<T>(legs: readonly RecordingLeg<T>[]): RecordingLeg<T> | undefined {
  return [...legs].sort(
    (a, b) =>
      duration(b) - duration(a) ||
      (a.startedAt?.getTime() ?? Infinity) - (b.startedAt?.getTime() ?? Infinity) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )[0];
}

export function chooseLegs<T>(
  legs: readonly RecordingLeg<T>[],
  whenNoInternalLeg: NoInternalLegPolicy = 'longest',
): LegChoice<T> {
  const groups = new Map<string, RecordingLeg<T>[]>();
  for (const leg of legs) {
    const group = groups.get(leg.groupId);
    if (group) group.push(leg);
    else groups.set(leg.groupId, [leg]);
  }
  const chosen: RecordingLeg<T>[] = [];
  const dropped: { leg: RecordingLeg<T>; reason: string }[] = [];
  for (const [groupId, group] of groups) {
    const internal = group.filter((leg) => leg.hasInternalParty);
    let pick: RecordingLeg<T> | undefined;
    let why: string;
    if (internal.length > 0) {
      const started = internal.filter((leg) => leg.startedByInternal);
      pick = started.length > 0 ? longest(started) : longest(internal);
      why =
        started.length > 0 ? 'the leg the internal party started' : 'the longest leg with an internal party';
    } else if (whenNoInternalLeg === 'longest') {
      pick = longest(group);
      why = 'the longest leg (no leg has an internal party)';
    } else {
      for (const leg of group)
        dropped.push({ leg, reason: `group ${groupId} has no leg with an internal party` });
      continue;
    }
    if (!pick) continue;
    chosen.push(pick);
    for (const leg of group)
      if (leg !== pick) dropped.push({ leg, reason: `group ${groupId} keeps leg ${pick.id}, ${why}` });
  }
  return { chosen, dropped };
}

export interface InternalPartyRules {
  /** Address suffixes of our side, compared case-insensitively: `@example.com`. */
  readonly domains?: readonly string[] | undefined;
  /** Regular expressions (case-insensitive) an internal address matches: `^ext\\.\\d+$`. */
  readonly patterns?: readonly string[] | undefined;
  /** Digit strings up to this long are extensions, hence internal; 0 turns this off. Default 6. */
  readonly extensionMaxDigits?: number | undefined;
}

/** Whether an address (number, SIP URI, e-mail-like user) belongs to our side of the call. */
export function internalPartyMatcher(rules: InternalPartyRules): (address: string | null) => boolean {
  const domains = (rules.domains ?? []).map((domain) => domain.toLowerCase());
  const patterns = (rules.patterns ?? []).map((pattern) => new RegExp(pattern, 'i'));
  const extensionMaxDigits = rules.extensionMaxDigits ?? 6;
  return (address) => {
    if (address === null) return false;
    const text = address.trim().toLowerCase();
    if (text === '') return false;
    if (domains.some((domain) => text.endsWith(domain))) return true;
    if (patterns.some((pattern) => pattern.test(text))) return true;
    const digits = text.replace(/^(?:sips?:|tel:)/, '').replace(/@.*$/, '');
    return extensionMaxDigits > 0 && /^\d+$/.test(digits) && digits.length <= extensionMaxDigits;
  };
}
