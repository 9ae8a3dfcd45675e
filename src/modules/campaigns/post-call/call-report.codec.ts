import type { CallReport, TranscriptLine } from '../telephony/adapter.js';

/*
 * A CallReport as JSON, for the sealed payload of campaigns.call_reports: the report in our words
 * and the provider's payload as received (`raw`). Dates become ISO strings and recording bytes
 * base64, so that reconciliation can file a recording again from the stored report when the
 * first try to hand it to conversations failed.
 */

interface StoredReport {
  readonly v: 1;
  readonly report: Record<string, unknown>;
}

const DATE_FIELDS = ['answeredAt', 'endedAt', 'callbackAt'] as const;

export function encodeReport(report: CallReport): string {
  const { recording, ...rest } = report;
  const plain: Record<string, unknown> = { ...rest };
  for (const field of DATE_FIELDS) {
    const value = report[field];
    if (value !== undefined) plain[field] = value.toISOString();
  }
  if (recording !== undefined)
    plain.recording =
      'bytes' in recording
        ? { bytesBase64: recording.bytes.toString('base64'), contentType: recording.contentType }
        : { url: recording.url, ...(recording.contentType ? { contentType: recording.contentType } : {}) };
  return JSON.stringify({ v: 1, report: plain } satisfies StoredReport);
}

/** The report as encodeReport stored it. */
export function decodeReport(text: string): CallReport {
  const stored = JSON.parse(text) as StoredReport;
  const plain: Record<string, unknown> = { ...stored.report };
  for (const field of DATE_FIELDS)
    if (typeof plain[field] === 'string') plain[field] = new Date(plain[field]);
  const recording = plain.recording as
    { bytesBase64: string; contentType: string } | { url: string; contentType?: string } | undefined;
  if (recording && 'bytesBase64' in recording)
    plain.recording = {
      bytes: Buffer.from(recording.bytesBase64, 'base64'),
      contentType: recording.contentType,
    };
  return plain as unknown as CallReport;
}

/** Seconds as WebVTT's `hh:mm:ss.ttt`. */
function timestamp(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Text as a cue payload: no markup, no blank line (it would end the cue), no `-->`. */
function cueText(text: string): string {
  return text
    .replaceAll('\u0000', '')
    .replace(/\p{Cs}/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\r\n]+/g, ' ')
    .trim();
}

/**
 * The transcript as WebVTT with voice spans `<v Agent>` / `<v Customer>`: conversations' parser
 * takes those labels as the speakers' roles. Lines without times get a nominal 3 s each after the
 * previous one (their order is what the analysis needs); empty lines are left out.
 */
export function transcriptToWebVtt(lines: readonly TranscriptLine[]): string | undefined {
  const cues: string[] = [];
  let clock = 0;
  for (const line of lines) {
    const text = cueText(line.text);
    if (text === '') continue;
    const start = line.startSeconds !== undefined && line.startSeconds >= clock ? line.startSeconds : clock;
    const end = line.endSeconds !== undefined && line.endSeconds > start ? line.endSeconds : start + 3;
    clock = end;
    cues.push(
      `${timestamp(start)} --> ${timestamp(end)}\n<v ${line.speaker === 'agent' ? 'Agent' : 'Customer'}>${text}`,
    );
  }
  return cues.length === 0 ? undefined : `WEBVTT\n\n${cues.join('\n\n')}\n`;
}
