import { TranscriptParseError } from './transcript.errors.js';
import type { Transcript, TranscriptFormat } from './transcript.schema.js';
import { assembleTranscript, type TranscriptDraft } from './transcript-draft.js';
import type { SpeakerRoleHint } from './speakers.js';
import { parseSrt, parseWebVtt } from './parse-captions.js';
import { parseOpenAiDiarized, parseOpenAiVerbose } from './parse-openai.js';
import { parseDeepgram } from './parse-deepgram.js';
import { parseAwsTranscribe } from './parse-aws-transcribe.js';
import { parseContactLens } from './parse-contact-lens.js';
import { parseAssemblyAi } from './parse-assemblyai.js';
import { parseEngineDocument } from './parse-engine.js';

export interface ParseTranscriptHint extends SpeakerRoleHint {
  /** Skip detection: the caller knows the format (a provider adapter reading its own output). */
  format?: TranscriptFormat;
  /** Larger inputs are refused before decoding; 50 MiB unless set. */
  maxBytes?: number;
}

export const DEFAULT_MAX_TRANSCRIPT_BYTES = 50 * 1024 * 1024;

const JSON_PARSERS: Record<
  Exclude<TranscriptFormat, 'webvtt' | 'srt'>,
  (document: unknown) => TranscriptDraft
> = {
  'openai-verbose-json': parseOpenAiVerbose,
  'openai-diarized-json': parseOpenAiDiarized,
  deepgram: parseDeepgram,
  'aws-transcribe': parseAwsTranscribe,
  'aws-contact-lens': parseContactLens,
  assemblyai: parseAssemblyAi,
  'switchboard-engine': parseEngineDocument,
};

/**
 * Reads a supplied transcript (a caption file or a provider's JSON) into the one transcript model.
 * Every failure is a `TranscriptParseError` that names the format, the place (line or JSON path)
 * and the problem; nothing else is thrown.
 */
export function parseTranscript(input: Uint8Array | string, hint: ParseTranscriptHint = {}): Transcript {
  const text = decodeText(input, hint.maxBytes ?? DEFAULT_MAX_TRANSCRIPT_BYTES);
  let format: TranscriptFormat | null = hint.format ?? null;
  try {
    const trimmed = text.trimStart();
    const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
    if (format === 'webvtt' || (format === null && !looksJson && detectTextFormat(trimmed) === 'webvtt')) {
      format = 'webvtt';
      return assembleTranscript(parseWebVtt(trimmed), hint);
    }
    if (format === 'srt' || (format === null && !looksJson && detectTextFormat(trimmed) === 'srt')) {
      format = 'srt';
      return assembleTranscript(parseSrt(trimmed), hint);
    }
    if (format === null && !looksJson) throw unrecognised();
    const document = parseJson(text, format);
    format ??= detectJsonFormat(document);
    if (format === null) throw unrecognised();
    return assembleTranscript(JSON_PARSERS[format](document), hint);
  } catch (error) {
    if (error instanceof TranscriptParseError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new TranscriptParseError('invalid', format, null, `could not be read (${message})`, error);
  }
}

/** Which format a document is, from the keys each provider always writes; null when none fits. */
export function detectJsonFormat(document: unknown): Exclude<TranscriptFormat, 'webvtt' | 'srt'> | null {
  if (!isRecord(document)) return null;
  if (document.switchboardEngine === 1) return 'switchboard-engine';
  const results = document.results;
  if (isRecord(results) && Array.isArray(results.channels)) return 'deepgram';
  if (
    isRecord(results) &&
    (Array.isArray(results.items) || isRecord(results.channel_labels) || Array.isArray(results.transcripts))
  ) {
    return 'aws-transcribe';
  }
  if (Array.isArray(document.Transcript)) return 'aws-contact-lens';
  if (Array.isArray(document.segments)) {
    const diarized = document.segments.some(
      (segment) => isRecord(segment) && ('speaker' in segment || segment.type === 'transcript.text.segment'),
    );
    return diarized ? 'openai-diarized-json' : 'openai-verbose-json';
  }
  if (
    'utterances' in document ||
    'acoustic_model' in document ||
    'audio_url' in document ||
    (Array.isArray(document.words) && typeof document.status === 'string')
  ) {
    return 'assemblyai';
  }
  return null;
}

function detectTextFormat(text: string): 'webvtt' | 'srt' | null {
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(text)) return 'webvtt';
  if (/^(?:\d+[ \t]*\r?\n)?[ \t]*\d{1,6}:\d{2}:\d{2}[,.]\d{1,3}[ \t]+-->/.test(text)) return 'srt';
  return null;
}

function decodeText(input: Uint8Array | string, maxBytes: number): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) {
    throw new TranscriptParseError(
      'too_large',
      null,
      null,
      `${size} bytes is more than the ${maxBytes} bytes a transcript may have`,
    );
  }
  if (size === 0) throw new TranscriptParseError('invalid', null, null, 'the input is empty');
  let text: string;
  if (typeof input === 'string') text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  else {
    const encoding =
      input[0] === 0xff && input[1] === 0xfe
        ? 'utf-16le'
        : input[0] === 0xfe && input[1] === 0xff
          ? 'utf-16be'
          : 'utf-8';
    try {
      // TextDecoder drops a byte-order mark of its own encoding.
      text = new TextDecoder(encoding, { fatal: true }).decode(input);
    } catch {
      throw new TranscriptParseError(
        'not_text',
        null,
        null,
        `the bytes are not valid ${encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'} text`,
      );
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new TranscriptParseError(
      'not_text',
      null,
      null,
      `a NUL character at offset ${nul}: this is a binary file (audio?), not a transcript`,
    );
  }
  if (text.trim() === '')
    throw new TranscriptParseError('invalid', null, null, 'the input holds only white space');
  return text;
}

function parseJson(text: string, format: TranscriptFormat | null): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // V8 quotes a piece of the input in its message; the input may be personal data, so it is left out.
    const message = (error instanceof Error ? error.message : String(error)).replace(
      /, ".*" is not valid JSON$/s,
      ' (JSON)',
    );
    throw new TranscriptParseError('invalid', format, null, `not valid JSON: ${message}`);
  }
}

function unrecognised(): TranscriptParseError {
  return new TranscriptParseError(
    'unrecognised',
    null,
    null,
    'not a format Switchboard reads: expected WebVTT ("WEBVTT" header), SRT (numbered cues "00:00:01,000 --> 00:00:02,000") or the JSON of OpenAI (verbose_json, diarized_json), Deepgram, AWS Transcribe, Amazon Connect Contact Lens or AssemblyAI',
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
