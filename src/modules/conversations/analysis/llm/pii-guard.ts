import { redactTranscript } from '../../redaction/index.js';
import { builtProvenance, type Transcript } from '../../transcripts/index.js';
import { LlmErrors } from './llm.errors.js';
import type { LlmPiiGuardReport, LlmPiiPolicy, LlmTranscript, LlmTranscriptSegment } from './llm.types.js';

/**
 * What may leave for the provider. With `redact-first`, a transcript not marked redacted is
 * refused before anything is sent; a redacted one is scanned once more with the same redaction
 * rules and anything they still find (a card number the first pass missed because the text was
 * edited since, say) is replaced by its token in what is sent. Only the segments returned here
 * are put in the prompt; with `allow-unredacted` they are the transcript's as given.
 */
export function guardTranscript(
  transcript: LlmTranscript,
  policy: LlmPiiPolicy,
  provider: string,
): { segments: LlmTranscriptSegment[]; report: LlmPiiGuardReport } {
  if (policy === 'allow-unredacted')
    return { segments: [...transcript.segments], report: { policy, replacedBeforeSending: {} } };
  if (!transcript.redacted) throw LlmErrors.piiGuard(provider);

  const speakers = [...new Map(transcript.segments.map((s) => [s.speakerId, s.role])).entries()];
  const model: Transcript = {
    schemaVersion: 1,
    language: transcript.language,
    durationMs: null,
    speakers: speakers.map(([id, role]) => ({ id, role, roleSource: 'none', label: null, channel: null })),
    segments: transcript.segments.map((segment) => ({
      id: segment.id,
      speakerId: segment.speakerId,
      channel: null,
      startMs: segment.startMs,
      endMs: segment.endMs,
      text: segment.text,
      confidence: null,
      words: null,
      redactions: [],
    })),
    provenance: builtProvenance('llm-pii-guard', 'switchboard-engine'),
    providerRedaction: null,
  };
  const rescan = redactTranscript(model);
  const rescanned = new Map(rescan.transcript.segments.map((segment) => [segment.id, segment.text]));
  // A segment the scan did not return is sent empty rather than as it was.
  const segments = transcript.segments.map((segment) => ({
    ...segment,
    text: rescanned.get(segment.id) ?? '',
  }));
  const replaced: Record<string, number> = {};
  for (const [type, count] of Object.entries(rescan.counts)) if (count > 0) replaced[type] = count;
  return { segments, report: { policy, replacedBeforeSending: replaced } };
}
