import type { CountryCode } from 'libphonenumber-js/max';
import type { RedactionMarker, Transcript, TranscriptSegment, TranscriptWord } from '../transcripts/index.js';
import { classifyDigits, looksLikeYear, namedOtherwise, type Finding } from './classify-digits.js';
import { cuesIn } from './context-cues.js';
import { findDigitRuns, tokenize, type DigitRun, type Token } from './digit-runs.js';
import { findTextEntities } from './find-text-entities.js';
import {
  redactionEntityTypeSchema,
  replacementToken,
  type RedactionEntityType,
  type RedactionSpan,
} from './redaction.schema.js';

/** Bump when the rules change what is redacted; stored with every redaction so a re-run can be told apart. */
export const REDACTION_POLICY_VERSION = 1;

export interface RedactionOptions {
  /** Entity types to redact; all by default. */
  entityTypes?: readonly RedactionEntityType[];
  /** Regions whose national phone numbers are recognised without a "+"; US and GB by default. */
  phoneRegions?: readonly CountryCode[];
  /**
   * One speaker's consecutive segments less than this apart are read as one stretch of speech, so
   * a card number read in two goes ("4111 1111" … "okay" … "1111 1111") is found; 15 s by default.
   */
  joinGapMs?: number;
  /** Redact runs of 8 or more digits no rule explains (on by default). */
  redactLongNumbers?: boolean;
}

export interface TranscriptRedaction {
  /** The transcript with every found entity replaced by its token; words keep their times. */
  transcript: Transcript;
  /** What was replaced, with the original text: for encrypted storage and audited reveal. */
  spans: RedactionSpan[];
  /** Speaker labels that were names (`<v Roger Bingham>`), replaced by `[PERSON_NAME]` in the transcript. */
  speakerLabels: { speakerId: string; label: string }[];
  /** Entities found per type (an entity in two segments counts once). */
  counts: Partial<Record<RedactionEntityType, number>>;
  policyVersion: number;
}

const PRIORITY: readonly RedactionEntityType[] = [
  'CARD_NUMBER',
  'CARD_CVV',
  'CARD_EXPIRY',
  'CARD_PIN',
  'IBAN',
  'BANK_ACCOUNT',
  'BANK_ROUTING',
  'BANK_SORT_CODE',
  'SSN',
  'UK_NI',
  'EMAIL',
  'PHONE',
  'ADDRESS',
  'POSTAL_CODE',
  'PERSON_NAME',
  'LONG_NUMBER',
];

const MONTHS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** A card read this long before a number makes the number a candidate expiry or security code. */
const AFTER_CARD_MS = 60_000;
/** How much of what was said before a number is searched for cues (characters). */
const CONTEXT_CHARS = 200;
/** How many segments before a number are searched for cues. */
const CONTEXT_SEGMENTS = 3;

interface Piece {
  segmentIndex: number;
  docStart: number;
  docEnd: number;
}

/** One speaker's segments as one text, with a map back to the segments. */
interface Stream {
  text: string;
  pieces: Piece[];
}

interface Located extends Finding {
  stream: Stream;
}

/**
 * Finds card data and personal data in a transcript and returns the transcript with each replaced
 * by its token, and the spans (original text, segment, char range, time range) to keep encrypted.
 * Pure and deterministic: the same transcript and options give the same result.
 */
export function redactTranscript(
  transcript: Transcript,
  options: RedactionOptions = {},
): TranscriptRedaction {
  const enabled = new Set(options.entityTypes ?? redactionEntityTypeSchema.options);
  const rules = {
    phoneRegions: options.phoneRegions ?? (['US', 'GB'] as const),
    redactLongNumbers: options.redactLongNumbers ?? true,
  };
  const segments = transcript.segments;
  const streams = buildStreams(segments, options.joinGapMs ?? 15_000);

  const parsed = streams.map((stream) => {
    const tokens = tokenize(stream.text);
    return { stream, tokens, runs: findDigitRuns(tokens) };
  });
  // Where in each segment a number of three or more digits ends: a cue is spent on the first such number after it.
  const numberEnds = new Map<number, number[]>();
  for (const { stream, runs } of parsed) {
    for (const run of runs) {
      if (run.digits.length < 3) continue;
      const piece = pieceAt(stream, run.end - 1);
      if (!piece) continue;
      const ends = numberEnds.get(piece.segmentIndex) ?? [];
      ends.push(run.end - piece.docStart);
      numberEnds.set(piece.segmentIndex, ends);
    }
  }
  for (const ends of numberEnds.values()) ends.sort((a, b) => a - b);
  const lastNumberEnd = (segmentIndex: number, before: number): number | null => {
    const ends = numberEnds.get(segmentIndex) ?? [];
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((ends[middle] ?? 0) <= before) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? null : (ends[low - 1] ?? null);
  };

  // What was said before a position, by anyone, in the order it was said, back to the last number
  // said before it (which spent the cues before it) and at most CONTEXT_SEGMENTS segments back.
  const contextBefore = (stream: Stream, at: number): string => {
    const piece = pieceAt(stream, at);
    const segmentIndex = piece?.segmentIndex ?? 0;
    const local = at - (piece?.docStart ?? 0);
    const own = segments[segmentIndex]?.text ?? '';
    const cut = lastNumberEnd(segmentIndex, local);
    const parts = [own.slice(Math.max(cut ?? 0, local - CONTEXT_CHARS), Math.max(0, local))];
    for (
      let index = segmentIndex - 1;
      cut === null && index >= Math.max(0, segmentIndex - CONTEXT_SEGMENTS);
      index -= 1
    ) {
      const text = segments[index]?.text ?? '';
      const end = lastNumberEnd(index, text.length);
      parts.unshift(text.slice(Math.max(end ?? 0, text.length - CONTEXT_CHARS)));
      if (end !== null) break;
    }
    return parts.join(' ').slice(-CONTEXT_CHARS).toLowerCase();
  };

  const read = (stream: Stream, tokens: readonly Token[], run: DigitRun, afterCard: boolean): Finding[] => {
    const cues = cuesIn(contextBefore(stream, run.start));
    const month = monthExpiry(tokens, run, afterCard || cues.some((hit) => hit.cue === 'expiry'));
    if (month) return [month];
    const prefix = internationalPrefix(stream.text, run.start);
    const wordBefore = wordBeforeAt(stream.text, run.start);
    return withPrefix(
      classifyDigits(run.groups, { cues, afterCard, international: prefix > 0, wordBefore }, rules),
      prefix,
    );
  };

  // Pass 1: where card numbers were read (by either speaker).
  const cardTimes: number[] = [];
  for (const { stream, tokens, runs } of parsed) {
    for (const run of runs) {
      const cards = read(stream, tokens, run, false).filter(
        (finding) => finding.type === 'CARD_NUMBER' && finding.rule !== 'card.fragment',
      );
      for (const card of cards)
        cardTimes.push(segments[pieceAt(stream, card.start)?.segmentIndex ?? 0]?.startMs ?? 0);
    }
  }
  const afterCardAt = (stream: Stream, at: number): boolean => {
    const time = segments[pieceAt(stream, at)?.segmentIndex ?? 0]?.startMs ?? 0;
    return cardTimes.some((cardTime) => cardTime <= time && time - cardTime <= AFTER_CARD_MS);
  };

  // Pass 2: every run in the light of its cues and of a card read shortly before; then the text recognisers.
  // Runs go in the order they were said, so a card read in pieces (or echoed back piece by piece)
  // stays card data from piece to piece: a number no rule explains, said within two segments of a
  // card piece with only backchannel between, is another piece.
  const findings: Located[] = [];
  const inOrder = parsed
    .flatMap(({ stream, tokens, runs }) =>
      runs.map((run) => ({
        stream,
        tokens,
        run,
        segmentIndex: pieceAt(stream, run.start)?.segmentIndex ?? 0,
      })),
    )
    .sort((a, b) => a.segmentIndex - b.segmentIndex || a.run.start - b.run.start);
  let cardSegment: number | null = null;
  for (const { stream, tokens, run, segmentIndex } of inOrder) {
    let found = read(stream, tokens, run, afterCardAt(stream, run.start));
    const reading =
      cardSegment !== null &&
      segmentIndex - cardSegment <= 2 &&
      segments.slice(cardSegment + 1, segmentIndex).every((segment) => isBackchannel(segment.text));
    const explained =
      namedOtherwise(cuesIn(contextBefore(stream, run.start))) ||
      looksLikeYear(run.digits, wordBeforeAt(stream.text, run.start));
    if (
      reading &&
      !explained &&
      run.digits.length >= 3 &&
      found.every((finding) => finding.type === 'LONG_NUMBER')
    ) {
      found = [{ type: 'CARD_NUMBER', start: run.start, end: run.end, rule: 'card.fragment' }];
    }
    if (found.some((finding) => finding.type === 'CARD_NUMBER')) cardSegment = segmentIndex;
    findings.push(...found.map((finding) => ({ ...finding, stream })));
  }
  for (const { stream, tokens, runs } of parsed) {
    findings.push(...findTextEntities(stream.text, tokens, runs).map((finding) => ({ ...finding, stream })));
  }

  return buildRedaction(
    transcript,
    merge(findings.filter((finding) => enabled.has(finding.type))),
    enabled.has('PERSON_NAME'),
  );
}

function wordBeforeAt(text: string, at: number): string {
  return /([\p{L}']+)[^\p{L}\n]*$/u.exec(text.slice(Math.max(0, at - 24), at))?.[1]?.toLowerCase() ?? '';
}

/** Length of a "+" or "plus " said right before a number (0 if none). */
function internationalPrefix(text: string, at: number): number {
  const match = /(?:\+|\bplus\s+)$/i.exec(text.slice(Math.max(0, at - 8), at));
  return match ? match[0].length : 0;
}

/** A phone number found after a "+" takes the "+" with it. */
function withPrefix(found: Finding[], prefix: number): Finding[] {
  return prefix === 0
    ? found
    : found.map((finding, index) =>
        index === 0 && finding.type === 'PHONE' ? { ...finding, start: finding.start - prefix } : finding,
      );
}

/** "March twenty twenty six", "Jan 27", "may of 2028" after an expiry cue or a card. */
function monthExpiry(tokens: readonly Token[], run: DigitRun, expected: boolean): Finding | null {
  if (!expected || (run.digits.length !== 2 && run.digits.length !== 4)) return null;
  let index = run.firstToken - 1;
  while (
    index >= 0 &&
    (tokens[index]?.lower === 'of' || tokens[index]?.text === ',' || tokens[index]?.lower === 'the')
  )
    index -= 1;
  const month = tokens[index];
  if (!month || !MONTHS.has(month.lower)) return null;
  const year = Number(run.digits);
  if (run.digits.length === 4 && (year < 2000 || year > 2099)) return null;
  return { type: 'CARD_EXPIRY', start: month.start, end: run.end, rule: 'expiry.month-name' };
}

/** What a listener says while the other speaker reads out digits; it does not interrupt the reading. */
const BACKCHANNEL = new Set([
  'okay',
  'ok',
  'yes',
  'yeah',
  'yep',
  'yup',
  'mhm',
  'mm',
  'hmm',
  'uh',
  'huh',
  'right',
  'sure',
  'go',
  'on',
  'ahead',
  'got',
  'it',
  'thanks',
  'thank',
  'you',
  'great',
  'alright',
  'continue',
  'please',
  'fine',
  'good',
  'perfect',
  'and',
  'next',
  'uh-huh',
]);

function isBackchannel(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}'-]+/gu) ?? [];
  return words.length <= 6 && !/[0-9]/.test(text) && words.every((word) => BACKCHANNEL.has(word));
}

/**
 * One text per speaker. Two of a speaker's segments are joined by a space (digits may run on
 * across it) when they are at most `joinGapMs` apart and the other speakers said nothing in between
 * but backchannel ("okay", "mhm", "go on"); otherwise by a newline, which no digit run crosses.
 */
function buildStreams(segments: readonly TranscriptSegment[], joinGapMs: number): Stream[] {
  const bySpeaker = new Map<string, Stream & { lastEnd: number; interrupted: boolean }>();
  for (const [segmentIndex, segment] of segments.entries()) {
    let stream = bySpeaker.get(segment.speakerId);
    if (!stream) {
      stream = { text: '', pieces: [], lastEnd: segment.startMs, interrupted: false };
      bySpeaker.set(segment.speakerId, stream);
    } else {
      stream.text += !stream.interrupted && segment.startMs - stream.lastEnd <= joinGapMs ? ' ' : '\n';
    }
    const docStart = stream.text.length;
    stream.text += segment.text;
    stream.pieces.push({ segmentIndex, docStart, docEnd: stream.text.length });
    stream.lastEnd = Math.max(stream.lastEnd, segment.endMs);
    stream.interrupted = false;
    if (!isBackchannel(segment.text)) {
      for (const [speakerId, other] of bySpeaker)
        if (speakerId !== segment.speakerId) other.interrupted = true;
    }
  }
  return [...bySpeaker.values()];
}

function pieceAt(stream: Stream, at: number): Piece | undefined {
  let low = 0;
  let high = stream.pieces.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((stream.pieces[middle]?.docStart ?? 0) <= at) low = middle;
    else high = middle - 1;
  }
  return stream.pieces[low];
}

/** Overlapping findings of one stream become one, of the more sensitive type, covering both. */
function merge(findings: readonly Located[]): Located[] {
  const merged: Located[] = [];
  const sorted = [...findings].sort((a, b) => (a.stream === b.stream ? a.start - b.start : 0));
  const byStream = new Map<Stream, Located[]>();
  for (const finding of sorted) {
    const list = byStream.get(finding.stream) ?? [];
    list.push(finding);
    byStream.set(finding.stream, list);
  }
  for (const list of byStream.values()) {
    list.sort((a, b) => a.start - b.start);
    let current: Located | null = null;
    for (const finding of list) {
      if (current && finding.start < current.end) {
        const keep: Located =
          PRIORITY.indexOf(finding.type) < PRIORITY.indexOf(current.type) ? finding : current;
        current = { ...keep, start: current.start, end: Math.max(current.end, finding.end) };
        merged[merged.length - 1] = current;
        continue;
      }
      current = { ...finding };
      merged.push(current);
    }
  }
  return merged;
}

interface SegmentCut {
  entityId: number;
  type: RedactionEntityType;
  rule: string;
  charStart: number;
  charEnd: number;
}

function buildRedaction(
  transcript: Transcript,
  findings: readonly Located[],
  redactNames: boolean,
): TranscriptRedaction {
  // Cut each finding at segment borders.
  const cuts = new Map<number, SegmentCut[]>();
  const located = findings
    .map((finding) => ({ finding, first: pieceAt(finding.stream, finding.start)?.segmentIndex ?? 0 }))
    .sort((a, b) => a.first - b.first || a.finding.start - b.finding.start);
  const counts: Partial<Record<RedactionEntityType, number>> = {};
  let entityId = 0;
  for (const { finding } of located) {
    let pieces = 0;
    for (const piece of finding.stream.pieces) {
      const start = Math.max(finding.start, piece.docStart);
      const end = Math.min(finding.end, piece.docEnd);
      if (end <= start) continue;
      const segment = transcript.segments[piece.segmentIndex];
      if (!segment) continue;
      const local = trimmed(segment.text, start - piece.docStart, end - piece.docStart);
      if (!local) continue;
      const list = cuts.get(piece.segmentIndex) ?? [];
      list.push({ entityId, type: finding.type, rule: finding.rule, ...local });
      cuts.set(piece.segmentIndex, list);
      pieces += 1;
    }
    if (pieces > 0) {
      counts[finding.type] = (counts[finding.type] ?? 0) + 1;
      entityId += 1;
    }
  }

  const spans: RedactionSpan[] = [];
  const segments = transcript.segments.map((segment, segmentIndex) => {
    const list = (cuts.get(segmentIndex) ?? []).sort((a, b) => a.charStart - b.charStart);
    if (list.length === 0) return segment;
    const redacted = redactSegment(segment, list);
    for (const [index, cut] of list.entries()) {
      const placed = redacted.placed[index];
      if (!placed) continue;
      spans.push({
        entityId: cut.entityId,
        entityType: cut.type,
        rule: cut.rule,
        segmentId: segment.id,
        segmentIndex,
        charStart: cut.charStart,
        charEnd: cut.charEnd,
        redactedCharStart: placed.start,
        redactedCharEnd: placed.end,
        startMs: placed.startMs,
        endMs: placed.endMs,
        timeFrom: placed.timeFrom,
        text: segment.text.slice(cut.charStart, cut.charEnd),
      });
    }
    return redacted.segment;
  });

  const speakerLabels: { speakerId: string; label: string }[] = [];
  const speakers = transcript.speakers.map((speaker) => {
    if (!redactNames || speaker.label === null || isGenericLabel(speaker.label)) return speaker;
    speakerLabels.push({ speakerId: speaker.id, label: speaker.label });
    counts.PERSON_NAME = (counts.PERSON_NAME ?? 0) + 1;
    return { ...speaker, label: replacementToken('PERSON_NAME') };
  });
  return {
    transcript: { ...transcript, speakers, segments },
    spans,
    speakerLabels,
    counts,
    policyVersion: REDACTION_POLICY_VERSION,
  };
}

/** Labels that are a provider's numbering or a role, not a person: `Speaker 1`, `spk_0`, `ch_1`, `A`, `AGENT`. */
function isGenericLabel(label: string): boolean {
  const value = label.trim();
  return (
    /^(?:speaker|spk|ch|channel)[ _]?\d{1,3}$/i.test(value) ||
    /^[A-Z]$/.test(value) ||
    /^(?:agent|customer|caller|client|representative|unknown)$/i.test(value)
  );
}

function trimmed(text: string, start: number, end: number): { charStart: number; charEnd: number } | null {
  let from = start;
  let to = end;
  while (from < to && /[\s,.;:!?-]/.test(text[from] ?? '')) from += 1;
  while (to > from && /[\s,.;:!?-]/.test(text[to - 1] ?? '')) to -= 1;
  return to > from ? { charStart: from, charEnd: to } : null;
}

interface Placed {
  start: number;
  end: number;
  startMs: number;
  endMs: number;
  timeFrom: 'words' | 'segment';
}

/** Replaces the cuts in one segment's text and words; returns where each token landed and its time. */
function redactSegment(
  segment: TranscriptSegment,
  cuts: readonly SegmentCut[],
): { segment: TranscriptSegment; placed: Placed[] } {
  const aligned = segment.words ? alignWords(segment.text, segment.words) : [];
  const times = cuts.map((cut) => {
    let startMs = Number.POSITIVE_INFINITY;
    let endMs = -1;
    for (const [index, range] of aligned.entries()) {
      const word = segment.words?.[index];
      if (!range || !word || range.end <= cut.charStart || range.start >= cut.charEnd) continue;
      startMs = Math.min(startMs, word.startMs);
      endMs = Math.max(endMs, word.endMs);
    }
    return endMs < 0
      ? { startMs: segment.startMs, endMs: segment.endMs, timeFrom: 'segment' as const }
      : { startMs, endMs, timeFrom: 'words' as const };
  });

  let text = '';
  let from = 0;
  const placed: Placed[] = [];
  for (const [index, cut] of cuts.entries()) {
    text += segment.text.slice(from, cut.charStart);
    const token = replacementToken(cut.type);
    const time = times[index] ?? {
      startMs: segment.startMs,
      endMs: segment.endMs,
      timeFrom: 'segment' as const,
    };
    placed.push({ start: text.length, end: text.length + token.length, ...time });
    text += token;
    from = cut.charEnd;
  }
  text += segment.text.slice(from);

  const shift = (offset: number): number => {
    let moved = offset;
    for (const [index, cut] of cuts.entries()) {
      if (cut.charEnd <= offset)
        moved += (placed[index]?.end ?? 0) - (placed[index]?.start ?? 0) - (cut.charEnd - cut.charStart);
    }
    return moved;
  };
  const markers: RedactionMarker[] = [
    ...segment.redactions.map((marker) => ({
      ...marker,
      charStart: shift(marker.charStart),
      charEnd: shift(marker.charEnd),
    })),
    ...cuts.map((cut, index) => ({
      entityType: cut.type,
      charStart: placed[index]?.start ?? 0,
      charEnd: placed[index]?.end ?? 0,
      startMs: placed[index]?.startMs ?? null,
      endMs: placed[index]?.endMs ?? null,
      by: 'switchboard' as const,
    })),
  ].sort((a, b) => a.charStart - b.charStart);

  return {
    segment: {
      ...segment,
      text,
      words: segment.words ? redactWords(segment.words, aligned, cuts, times) : null,
      redactions: markers,
    },
    placed,
  };
}

/**
 * Words a cut covers become one word, the token, spanning their times (with any punctuation of
 * the first and last word outside the cut kept). A word that could not be placed in the text is
 * redacted when its time falls inside a cut's time, so no word stays in clear by misalignment.
 */
function redactWords(
  words: readonly TranscriptWord[],
  aligned: readonly ({ start: number; end: number } | null)[],
  cuts: readonly SegmentCut[],
  times: readonly { startMs: number; endMs: number; timeFrom: 'words' | 'segment' }[],
): TranscriptWord[] {
  const result: TranscriptWord[] = [];
  // The word the current cut's words are merged into (a holder: TypeScript narrows a plain `let` to null in the loop).
  const state: { open: { cut: number; word: TranscriptWord; prefix: string } | null } = { open: null };
  for (const [index, word] of words.entries()) {
    const range = aligned[index] ?? null;
    const cutIndex = range
      ? cuts.findIndex((cut) => range.end > cut.charStart && range.start < cut.charEnd)
      : times.findIndex(
          (time) => time.timeFrom === 'words' && word.endMs > time.startMs && word.startMs < time.endMs,
        );
    const cut = cuts[cutIndex];
    const open = state.open;
    if (!cut) {
      state.open = null;
      result.push(word);
      continue;
    }
    const token = replacementToken(cut.type);
    const suffix =
      range && range.end > cut.charEnd ? word.text.slice(Math.max(0, cut.charEnd - range.start)) : '';
    if (open?.cut === cutIndex) {
      open.word.endMs = Math.max(open.word.endMs, word.endMs);
      open.word.text = `${open.prefix}${token}${suffix}`;
      continue;
    }
    const prefix =
      range && range.start < cut.charStart ? word.text.slice(0, cut.charStart - range.start) : '';
    const merged: TranscriptWord = {
      text: `${prefix}${token}${suffix}`,
      startMs: word.startMs,
      endMs: word.endMs,
      confidence: null,
    };
    state.open = { cut: cutIndex, word: merged, prefix };
    result.push(merged);
  }
  return result;
}

/** Where each word's text sits in the segment's text (in order, searched at most 64 characters ahead). */
function alignWords(
  text: string,
  words: readonly TranscriptWord[],
): ({ start: number; end: number } | null)[] {
  const lower = text.toLowerCase();
  let cursor = 0;
  return words.map((word) => {
    let at = text.indexOf(word.text, cursor);
    let length = word.text.length;
    if (at < 0 || at - cursor > 64) {
      const core = word.text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase();
      at = core === '' ? -1 : lower.indexOf(core, cursor);
      length = core.length;
    }
    if (at < 0 || at - cursor > 64) return null;
    cursor = at + length;
    return { start: at, end: at + length };
  });
}

/** Puts the original text back into a redacted segment's text (for an audited reveal). */
export function revealSegmentText(redactedText: string, spans: readonly RedactionSpan[]): string {
  let text = redactedText;
  for (const span of [...spans].sort((a, b) => b.redactedCharStart - a.redactedCharStart)) {
    text = text.slice(0, span.redactedCharStart) + span.text + text.slice(span.redactedCharEnd);
  }
  return text;
}
