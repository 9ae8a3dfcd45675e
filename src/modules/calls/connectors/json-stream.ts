import type { Readable } from 'node:stream';

/** A JSON text cut out of a stream, not yet parsed; or the reason it could not be cut out. */
export type JsonChunk =
  { ok: true; text: string } | { ok: false; reason: string; raw: string; tooLarge?: true };

export interface JsonStreamOptions {
  /** Largest single document accepted; a bigger one is reported, not buffered. Default 32 MiB. */
  maxDocumentBytes?: number;
}

const DEFAULT_MAX_DOCUMENT_CHARS = 32 * 1024 * 1024;

/**
 * Cuts a stream into JSON documents without holding more than one document in memory:
 * a top-level array yields its elements one by one; otherwise every top-level value is a
 * document (JSON Lines, concatenated JSON, or one single document).
 *
 * It only tracks nesting and strings; `JSON.parse` of each chunk does the real validation.
 */
export async function* jsonChunksFromStream(
  input: Readable,
  options: JsonStreamOptions = {},
): AsyncGenerator<JsonChunk> {
  const limit = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_CHARS;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let inArray = false;
  let started = false;
  let pieces: string[] = [];
  let pieceLength = 0;
  let oversized = false;
  let scalar = false;

  function take(chunk: string, from: number, to: number): void {
    if (to <= from || oversized) return;
    pieceLength += to - from;
    if (pieceLength > limit) {
      oversized = true;
      pieces = [pieces.join('').slice(0, 200)];
      return;
    }
    pieces.push(chunk.slice(from, to));
  }

  function finish(): JsonChunk | null {
    if (!started) return null;
    const text = pieces.join('');
    const result: JsonChunk = oversized
      ? { ok: false, reason: `JSON document larger than ${limit} characters`, raw: text, tooLarge: true }
      : { ok: true, text };
    pieces = [];
    pieceLength = 0;
    oversized = false;
    started = false;
    scalar = false;
    return result;
  }

  input.setEncoding('utf8');
  let firstChunk = true;
  for await (const data of input as AsyncIterable<string>) {
    let chunk = data;
    if (firstChunk) {
      chunk = chunk.replace(/^\uFEFF/, '');
      firstChunk = false;
    }
    let segmentStart = started ? 0 : -1;
    for (let i = 0; i < chunk.length; i += 1) {
      const char = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (char === '\\') escaped = true;
        else if (char === '"') inString = false;
        continue;
      }
      const atValueLevel = depth === (inArray ? 1 : 0);
      if (!started) {
        if (char === ' ' || char === '\t' || char === '\r' || char === '\n') continue;
        if (depth === 0 && char === '[' && !inArray) {
          // A top-level array: its elements are the documents.
          inArray = true;
          depth = 1;
          continue;
        }
        if (inArray && atValueLevel && char === ',') continue;
        if (inArray && atValueLevel && char === ']') {
          inArray = false;
          depth = 0;
          continue;
        }
        started = true;
        segmentStart = i;
        scalar = char !== '{' && char !== '[';
      }
      if (char === '"') inString = true;
      else if (char === '{' || char === '[') depth += 1;
      else if (char === '}' || char === ']') {
        if (depth === (inArray ? 1 : 0)) {
          // The closing bracket of the enclosing array ends a scalar element.
          take(chunk, segmentStart, i);
          const done = finish();
          if (done) yield done;
          segmentStart = -1;
          inArray = false;
          depth = 0;
          continue;
        }
        depth -= 1;
      }
      const nowAtValueLevel = depth === (inArray ? 1 : 0);
      const endsContainer = !scalar && nowAtValueLevel && (char === '}' || char === ']');
      const endsScalar =
        scalar &&
        nowAtValueLevel &&
        (char === ',' || char === '\n' || char === ' ' || char === '\t' || char === '\r');
      if (endsContainer || endsScalar) {
        take(chunk, segmentStart, endsContainer ? i + 1 : i);
        const done = finish();
        if (done) yield done;
        segmentStart = -1;
      }
    }
    if (started && segmentStart >= 0) take(chunk, segmentStart, chunk.length);
  }
  if (started) {
    const leftover = finish();
    if (leftover) {
      yield leftover.ok && !scalar && (depth !== 0 || inString)
        ? { ok: false, reason: 'stream ended inside an unterminated JSON document', raw: leftover.text }
        : leftover;
    }
  } else if (depth !== 0 && inArray) {
    yield { ok: false, reason: 'stream ended inside an unterminated JSON array', raw: '' };
  }
}

/**
 * Cuts a stream into `<tag ...>...</tag>` XML documents (mod_xml_cdr writes one `<cdr>` per
 * call; files and spools may hold several). Text between documents other than XML
 * declarations and whitespace is reported, not dropped.
 */
export async function* xmlDocumentsFromStream(
  input: Readable,
  tag: string,
  options: JsonStreamOptions = {},
): AsyncGenerator<JsonChunk> {
  const limit = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_CHARS;
  const open = new RegExp(`<${tag}[\\s>/]`);
  const close = `</${tag}>`;
  let buffer = '';
  input.setEncoding('utf8');
  for await (const data of input as AsyncIterable<string>) {
    buffer += data;
    for (;;) {
      const start = buffer.search(open);
      if (start < 0) break;
      const end = buffer.indexOf(close, start);
      if (end < 0) break;
      const between = stripDeclarations(buffer.slice(0, start));
      if (between !== '') yield { ok: false, reason: `text outside <${tag}> documents`, raw: between };
      yield { ok: true, text: buffer.slice(start, end + close.length) };
      buffer = buffer.slice(end + close.length);
    }
    if (buffer.length > limit) {
      yield {
        ok: false,
        reason: `XML document larger than ${limit} characters`,
        raw: buffer.slice(0, 200),
        tooLarge: true,
      };
      buffer = '';
    }
  }
  const rest = stripDeclarations(buffer);
  if (rest !== '')
    yield { ok: false, reason: `incomplete or unrecognised XML (no complete <${tag}>)`, raw: rest };
}

function stripDeclarations(text: string): string {
  return text
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
}
