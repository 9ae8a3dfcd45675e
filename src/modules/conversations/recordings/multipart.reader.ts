/*
 * A streaming reader of multipart/form-data (RFC 7578) bodies: parts one after another, each body
 * an async iterable of chunks, so a 500 MB audio part flows to the object store in constant memory.
 *
 * Why not a library: @fastify/multipart is not installed, and the busboy in node_modules (0.3.1,
 * via dicer) is a dev-only transitive dependency with an unfixed crash on malformed part headers
 * (CVE-2022-24434). This reader is small enough to read whole; swap it for busboy ^1.6 or
 * @fastify/multipart once one is a dependency (only this file knows the wire format).
 */

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

export interface MultipartPart {
  /** The form field name (`name=` of Content-Disposition). */
  readonly name: string;
  /** `filename=`, when the part is a file. */
  readonly filename: string | null;
  readonly contentType: string | null;
  /** The part's bytes. Read it to its end (or not at all) before asking for the next part. */
  readonly body: AsyncIterable<Buffer>;
}

export interface MultipartLimits {
  /** Bytes of one part's header block; default 16 KiB. */
  readonly headerBytes?: number;
  /** Parts in all; default 8. */
  readonly parts?: number;
}

/** The boundary of a `multipart/form-data; boundary=...` content type, or undefined. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const [type = '', ...params] = contentType.split(';');
  if (type.trim().toLowerCase() !== 'multipart/form-data') return undefined;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'boundary') continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    // RFC 2046: 1 to 70 characters of a restricted set.
    return /^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$/.test(value) && !value.endsWith(' ') ? value : undefined;
  }
  return undefined;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * The parts of `source`, a body with the given boundary. Throws MultipartError for a malformed
 * or truncated body; errors of the source (a client that went away) pass through.
 */
export async function* readMultipart(
  source: AsyncIterable<Buffer | string>,
  boundary: string,
  limits: MultipartLimits = {},
): AsyncGenerator<MultipartPart> {
  const headerLimit = limits.headerBytes ?? 16 * 1024;
  const partLimit = limits.parts ?? 8;
  // Every delimiter is CRLF "--" boundary; the first one may have no CRLF before it, so the
  // buffer starts with one.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const input = source[Symbol.asyncIterator]();
  let buffer: Buffer = Buffer.from(CRLF);
  let ended = false;

  const fill = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await input.next();
    if (next.done) {
      ended = true;
      return false;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    return true;
  };
  const truncated = () => new MultipartError('the body ended before the closing boundary');

  // The preamble: everything before the first delimiter is ignored.
  for (;;) {
    const at = buffer.indexOf(delimiter);
    if (at >= 0) {
      buffer = buffer.subarray(at + delimiter.length);
      break;
    }
    buffer = buffer.subarray(Math.max(0, buffer.length - delimiter.length + 1));
    if (!(await fill())) throw new MultipartError('no part: the boundary never occurs in the body');
  }

  let parts = 0;
  for (;;) {
    // After a delimiter: "--" closes the body, else optional whitespace and CRLF open a part.
    while (buffer.length < 2) if (!(await fill())) throw truncated();
    if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
      // The epilogue is read and ignored, so the client sees its request consumed.
      while (await fill()) buffer = Buffer.alloc(0);
      return;
    }
    let eol = buffer.indexOf(CRLF);
    while (eol < 0) {
      if (buffer.length > 256) throw new MultipartError('a boundary line is not followed by a line break');
      if (!(await fill())) throw truncated();
      eol = buffer.indexOf(CRLF);
    }
    if (buffer.subarray(0, eol).toString('latin1').trim() !== '')
      throw new MultipartError('a boundary line has text after the boundary');
    buffer = buffer.subarray(eol + 2);

    parts += 1;
    if (parts > partLimit) throw new MultipartError(`more than ${partLimit} parts`);
    let headerEnd = buffer.indexOf(HEADER_END);
    // A part without headers starts with the blank line at once.
    const noHeaders = buffer.length >= 2 && buffer[0] === 0x0d && buffer[1] === 0x0a;
    while (!noHeaders && headerEnd < 0) {
      if (buffer.length > headerLimit)
        throw new MultipartError(`a part's headers exceed ${headerLimit} bytes`);
      if (!(await fill())) throw truncated();
      headerEnd = buffer.indexOf(HEADER_END);
    }
    const headerText = noHeaders ? '' : buffer.subarray(0, headerEnd).toString('utf8');
    buffer = buffer.subarray(noHeaders ? 2 : headerEnd + HEADER_END.length);
    const headers = parseHeaders(headerText);

    const state = { done: false };
    async function* body(): AsyncGenerator<Buffer> {
      for (;;) {
        const at = buffer.indexOf(delimiter);
        if (at >= 0) {
          const last = buffer.subarray(0, at);
          buffer = buffer.subarray(at + delimiter.length);
          state.done = true;
          if (last.length > 0) yield last;
          return;
        }
        // Everything but a tail that could be the start of the delimiter is the part's.
        const keep = delimiter.length - 1;
        if (buffer.length > keep) {
          const out = buffer.subarray(0, buffer.length - keep);
          buffer = Buffer.from(buffer.subarray(buffer.length - keep));
          yield out;
        }
        if (!(await fill())) throw truncated();
      }
    }
    const iterator = body();
    yield { ...headers, body: { [Symbol.asyncIterator]: () => iterator } };
    // The consumer may have left the body unread: skip to its end.
    if (!state.done) await drain(iterator);
  }
}

function parseHeaders(text: string): Omit<MultipartPart, 'body'> {
  let name: string | undefined;
  let filename: string | null = null;
  let contentType: string | null = null;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    // A header line must start with its name: folded (indented) lines are refused.
    if (colon <= 0 || /^\s/.test(line)) throw new MultipartError('a part header is malformed');
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === 'content-type') contentType = value.toLowerCase();
    if (header === 'content-disposition') {
      const [kind = '', ...params] = value.split(';');
      if (kind.trim().toLowerCase() !== 'form-data')
        throw new MultipartError('a part is not form-data (Content-Disposition)');
      for (const param of params) {
        const match = /^\s*([a-zA-Z*]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]*))\s*$/.exec(param);
        if (!match) continue;
        const key = (match[1] ?? '').toLowerCase();
        const raw = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
        if (key === 'name') name = raw;
        if (key === 'filename') filename = raw;
      }
    }
  }
  if (name === undefined || name === '')
    throw new MultipartError('a part has no name (Content-Disposition: form-data; name="...")');
  return { name, filename, contentType };
}

/** Reads an iterable to its end, dropping what it yields. */
export async function drain(body: AsyncIterable<unknown>): Promise<void> {
  const iterator = body[Symbol.asyncIterator]();
  for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
    // dropped
  }
}
