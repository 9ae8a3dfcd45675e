import { invalidTranscript } from './transcript.errors.js';
import type { TranscriptFormat } from './transcript.schema.js';
import { checkedRange, type SegmentDraft, type TranscriptDraft } from './transcript-draft.js';
import type { SpeakerDraft } from './speakers.js';

/** A caption line longer than this is not a caption: refused with its line number instead of read. */
export const MAX_CAPTION_LINE = 65_536;

interface Line {
  number: number;
  text: string;
}

interface Cue {
  timing: Line;
  payload: Line[];
}

const UNLABELLED = '';

/**
 * WebVTT (W3C): `WEBVTT` header, cues of an optional identifier, a timing line
 * (`[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt [settings]`) and payload lines; NOTE, STYLE and REGION
 * blocks are skipped. Speakers come from voice spans (`<v Roger Bingham>`, `<v.loud Speaker 1>`);
 * a cue with two voices becomes two segments with the cue's times.
 */
export function parseWebVtt(text: string): TranscriptDraft {
  const lines = splitLines('webvtt', text);
  const first = lines[0];
  if (!first || !/^WEBVTT(?:[ \t]|$)/.test(first.text)) {
    throw invalidTranscript('webvtt', 'line 1', 'a WebVTT file starts with "WEBVTT"');
  }
  const blocks = blocksOf(lines);
  const cues: Cue[] = [];
  for (const [index, block] of blocks.entries()) {
    if (index === 0) continue; // the header block (WEBVTT line and header metadata)
    const [head, second] = block;
    if (!head || /^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(head.text)) continue;
    if (head.text.includes('-->')) cues.push({ timing: head, payload: block.slice(1) });
    else if (second?.text.includes('-->')) cues.push({ timing: second, payload: block.slice(2) });
    else
      throw invalidTranscript(
        'webvtt',
        `line ${(second ?? head).number}`,
        'expected a cue timing such as "00:00:01.000 --> 00:00:04.000"',
      );
  }
  return captionDraft('webvtt', cues, parseVttTime, false);
}

/**
 * SubRip: numbered cues with `hh:mm:ss,mmm --> hh:mm:ss,mmm`. Speakers from a label line in
 * brackets (`[speaker 0]`, Deepgram's captions: written only when the speaker changes, so it
 * carries over) or from voice spans as in WebVTT.
 */
export function parseSrt(text: string): TranscriptDraft {
  const lines = splitLines('srt', text);
  const cues: Cue[] = [];
  for (const block of blocksOf(lines)) {
    const [head, second] = block;
    if (!head) continue;
    if (head.text.includes('-->')) cues.push({ timing: head, payload: block.slice(1) });
    else if (second?.text.includes('-->')) cues.push({ timing: second, payload: block.slice(2) });
    else
      throw invalidTranscript(
        'srt',
        `line ${(second ?? head).number}`,
        'expected a cue timing such as "00:00:01,000 --> 00:00:04,000"',
      );
  }
  if (cues.length === 0) throw invalidTranscript('srt', null, 'no cue found');
  return captionDraft('srt', cues, parseSrtTime, true);
}

function captionDraft(
  format: TranscriptFormat,
  cues: readonly Cue[],
  parseTime: (value: string) => number | null,
  labelsCarryOver: boolean,
): TranscriptDraft {
  const speakers = new Map<string, SpeakerDraft>();
  const segments: SegmentDraft[] = [];
  let carried: string | null = null;
  for (const cue of cues) {
    const match = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$/.exec(cue.timing.text.trim());
    const location = `line ${cue.timing.number}`;
    if (!match)
      throw invalidTranscript(format, location, `"${preview(cue.timing.text)}" is not a cue timing`);
    const start = parseTime(match[1] ?? '');
    const end = parseTime(match[2] ?? '');
    if (start === null)
      throw invalidTranscript(format, location, `"${preview(match[1] ?? '')}" is not a timestamp`);
    if (end === null)
      throw invalidTranscript(format, location, `"${preview(match[2] ?? '')}" is not a timestamp`);
    const range = checkedRange(format, start, end, location);

    let payload = cue.payload.map((line) => line.text);
    const labelLine = payload[0]?.trim();
    const bracketed = labelLine === undefined ? null : /^\[([^\]]{1,80})\]$/.exec(labelLine);
    if (bracketed) {
      carried = (bracketed[1] ?? '').trim();
      payload = payload.slice(1);
    }
    for (const run of voiceRuns(payload.join('\n'))) {
      const label = run.voice ?? (labelsCarryOver ? carried : null);
      const key = label ?? UNLABELLED;
      if (!speakers.has(key)) {
        speakers.set(key, {
          key,
          label,
          index: label === null ? null : speakerIndexOfLabel(label),
          channel: null,
          role: null,
        });
      }
      segments.push({ speaker: key, channel: null, ...range, text: run.text, confidence: null, words: null });
    }
  }
  const drafts = [...speakers.values()];
  return {
    format,
    provider: 'captions',
    model: null,
    modelVersion: null,
    providerJobId: null,
    createdAt: null,
    language: null,
    durationMs: null,
    speakers: drafts,
    separated: drafts.some((speaker) => speaker.label !== null),
    segments,
    providerRedaction: null,
  };
}

/** `Speaker 2`, `speaker_2`, `spk_2`: the provider's index 2; any other label has none. */
export function speakerIndexOfLabel(label: string): number | null {
  const match = /^(?:speaker|spk)[ _]?(\d{1,3})$/i.exec(label.trim());
  return match ? Number(match[1]) : null;
}

/**
 * Splits a cue payload at voice spans; other tags (`<i>`, `<c.x>`, `<00:01.000>`) are dropped
 * and character references decoded. Runs without text are left out.
 */
function voiceRuns(payload: string): { voice: string | null; text: string }[] {
  const runs: { voice: string | null; text: string }[] = [];
  const pattern = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>|<\/v>/g;
  let voice: string | null = null;
  let from = 0;
  const flush = (until: number): void => {
    const text = cleanCueText(payload.slice(from, until));
    if (text !== '') runs.push({ voice, text });
  };
  for (let match = pattern.exec(payload); match !== null; match = pattern.exec(payload)) {
    flush(match.index);
    from = match.index + match[0].length;
    voice = match[0] === '</v>' ? null : decodeEntities((match[1] ?? '').trim()) || null;
  }
  flush(payload.length);
  return runs;
}

function cleanCueText(text: string): string {
  return decodeEntities(text.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: ' ',
  lrm: '',
  rlm: '',
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,5});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** WebVTT timestamp: `[hh:]mm:ss.ttt` (hours may have more than two digits). */
function parseVttTime(value: string): number | null {
  const match = /^(?:(\d{2,6}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/.exec(value);
  if (!match) return null;
  return (
    Number(match[1] ?? 0) * 3_600_000 + Number(match[2]) * 60_000 + Number(match[3]) * 1000 + Number(match[4])
  );
}

/** SRT timestamp: `hh:mm:ss,mmm` (a `.` and fewer millisecond digits are accepted, as players do). */
function parseSrtTime(value: string): number | null {
  const match = /^(\d{1,6}):([0-5]\d):([0-5]\d)[,.](\d{1,3})$/.exec(value);
  if (!match) return null;
  const fraction = (match[4] ?? '0').padEnd(3, '0');
  return (
    Number(match[1]) * 3_600_000 + Number(match[2]) * 60_000 + Number(match[3]) * 1000 + Number(fraction)
  );
}

function splitLines(format: TranscriptFormat, text: string): Line[] {
  const lines: Line[] = [];
  let number = 0;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    number += 1;
    if (raw.length > MAX_CAPTION_LINE) {
      throw invalidTranscript(
        format,
        `line ${number}`,
        `the line is ${raw.length} characters long (at most ${MAX_CAPTION_LINE})`,
      );
    }
    lines.push({ number, text: raw });
  }
  return lines;
}

function blocksOf(lines: readonly Line[]): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (line.text.trim() === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
