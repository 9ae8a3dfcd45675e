import type { Transcript } from '../transcripts/index.js';

/** The redacted text a transcript's full-text vectors are built from: all of it, and each role's. */
export interface SearchTexts {
  readonly all: string;
  /** What the agent said; null when no agent speaker said anything. */
  readonly agent: string | null;
  /** What the customer said; null when no customer speaker said anything. */
  readonly customer: string | null;
}

export function searchTextsOf(transcript: Pick<Transcript, 'speakers' | 'segments'>): SearchTexts {
  const roleOf = new Map(transcript.speakers.map((speaker) => [speaker.id, speaker.role]));
  const said = (role: 'agent' | 'customer'): string | null => {
    const lines = transcript.segments
      .filter((segment) => roleOf.get(segment.speakerId) === role && segment.text.trim() !== '')
      .map((segment) => segment.text);
    return lines.length === 0 ? null : lines.join('\n');
  };
  return {
    all: transcript.segments.map((segment) => segment.text).join('\n'),
    agent: said('agent'),
    customer: said('customer'),
  };
}

/** The texts as storeTranscript (pipeline.repo.ts) takes them. */
export const searchColumns = (texts: SearchTexts) => ({
  searchText: texts.all,
  agentSearchText: texts.agent,
  customerSearchText: texts.customer,
});
