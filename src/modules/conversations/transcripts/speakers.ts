import type { SpeakerRole, TranscriptSpeaker } from './transcript.schema.js';

/** A speaker as a parser found it, before ids and roles are settled. */
export interface SpeakerDraft {
  /** The parser's key for the speaker; segments name their speaker by it. */
  key: string;
  label: string | null;
  /** The provider's own 0-based index (spk_3, ch_1, speaker 2, letter C), null if it has none. */
  index: number | null;
  channel: number | null;
  /** A role the provider itself states (Contact Lens ParticipantRole, an `agent` label). */
  role: SpeakerRole | null;
}

/** What the caller knows about the call (from the recording's metadata), ahead of the conventions. */
export interface SpeakerRoleHint {
  /** The audio channel the agent was recorded on (0-based). */
  agentChannel?: number;
  /** The provider label of the agent (`Speaker 1`, `B`, `Roger Bingham`), compared case-insensitively. */
  agentLabel?: string;
}

const ROLE_WORDS: Record<string, SpeakerRole> = {
  agent: 'agent',
  representative: 'agent',
  customer: 'customer',
  caller: 'customer',
  client: 'customer',
};

/** A label that is itself a role (`agent`, `Customer`): what OpenAI's diarisation prints for known speakers. */
export function roleOfLabel(label: string | null): SpeakerRole | null {
  if (label === null) return null;
  return ROLE_WORDS[label.trim().toLowerCase()] ?? null;
}

/**
 * Gives every speaker its `spk_<n>` id and a role.
 *
 * Ids: the provider's own index where it has one; the others take the lowest free index in order
 * of first appearance.
 * Roles, first rule that applies: (1) what the provider states; (2) the caller's hint
 * (agent channel or label; the other speaker of a two-speaker call is then the customer);
 * (3) the CCI Lite convention when the provider separated speakers (diarisation or one channel
 * per speaker): `spk_0` is the agent and the next speaker the customer, any further speaker
 * `unknown`; (4) a transcript without speaker separation has one speaker of role `unknown`.
 */
export function settleSpeakers(
  drafts: readonly SpeakerDraft[],
  separated: boolean,
  hint: SpeakerRoleHint | undefined,
): { speakers: TranscriptSpeaker[]; idOf: Map<string, string> } {
  const used = new Set<number>();
  const indexOf = new Map<string, number>();
  for (const draft of drafts) {
    if (draft.index !== null && !used.has(draft.index)) {
      used.add(draft.index);
      indexOf.set(draft.key, draft.index);
    }
  }
  let next = 0;
  for (const draft of drafts) {
    if (indexOf.has(draft.key)) continue;
    while (used.has(next)) next += 1;
    used.add(next);
    indexOf.set(draft.key, next);
  }
  const ordered = [...drafts].sort((a, b) => (indexOf.get(a.key) ?? 0) - (indexOf.get(b.key) ?? 0));
  const speakers: TranscriptSpeaker[] = ordered.map((draft) => {
    const role = draft.role ?? roleOfLabel(draft.label);
    return {
      id: `spk_${indexOf.get(draft.key) ?? 0}`,
      role: role ?? 'unknown',
      roleSource: role === null ? 'none' : 'provider',
      label: draft.label,
      channel: draft.channel,
    };
  });

  const undecided = (): TranscriptSpeaker[] => speakers.filter((speaker) => speaker.roleSource === 'none');
  const has = (role: SpeakerRole): boolean => speakers.some((speaker) => speaker.role === role);

  if (!has('agent') && hint !== undefined) {
    const agentLabel = hint.agentLabel?.trim().toLowerCase();
    const agent = undecided().find(
      (speaker) =>
        (hint.agentChannel !== undefined && speaker.channel === hint.agentChannel) ||
        (agentLabel !== undefined && speaker.label?.trim().toLowerCase() === agentLabel),
    );
    if (agent) {
      agent.role = 'agent';
      agent.roleSource = 'hint';
      const others = undecided();
      const [customer] = others;
      if (!has('customer') && others.length === 1 && customer) {
        customer.role = 'customer';
        customer.roleSource = 'hint';
      }
    }
  }
  if (separated || speakers.length > 1) {
    for (const role of ['agent', 'customer'] as const) {
      if (has(role)) continue;
      const [first] = undecided();
      if (!first) break;
      first.role = role;
      first.roleSource = 'convention';
    }
  }
  const idOf = new Map<string, string>();
  for (const draft of drafts) idOf.set(draft.key, `spk_${indexOf.get(draft.key) ?? 0}`);
  return { speakers, idOf };
}
