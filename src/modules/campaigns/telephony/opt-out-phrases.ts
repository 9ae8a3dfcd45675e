import type { TranscriptLine } from './adapter.js';

/*
 * A customer asking not to be called again, read from what they said (the customer's lines only:
 * an agent saying "we won't call you again" is not an opt-out). Deliberately narrow phrases: a
 * false opt-out suppresses a number for good, a missed one is caught by the structured data the
 * voice agent sets (`optOut: true`) or by the post-call analysis.
 */
const OPT_OUT_PATTERNS: readonly RegExp[] = [
  /\b(?:don'?t|do not|never)\s+(?:ever\s+)?call\s+(?:me|us|this number)\s+(?:again|anymore|any more)\b/i,
  /\bstop\s+calling\s+(?:me|us|this number)\b/i,
  /\b(?:take|remove|delete)\s+(?:me|my number|this number)\s+(?:off|from)\s+(?:your|the)\s+(?:call(?:ing)?\s+)?list\b/i,
  /\b(?:put|add)\s+(?:me|my number|this number)\s+(?:on|to)\s+(?:your|the)\s+do[-\s]not[-\s]call\s+list\b/i,
];

/** The first customer line that asks not to be called again, quoted as said. */
export function optOutFromTranscript(
  lines: readonly TranscriptLine[] | undefined,
): { readonly evidence: string } | undefined {
  for (const line of lines ?? []) {
    if (line.speaker !== 'customer') continue;
    const text = line.text.normalize('NFKC').replace(/[\u2018\u2019]/g, "'");
    if (OPT_OUT_PATTERNS.some((pattern) => pattern.test(text)))
      return { evidence: `customer said: "${line.text.slice(0, 500)}"` };
  }
  return undefined;
}
