import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';

/*
 * multipart/form-data (RFC 7578) read with busboy, as parts one after another: a file part's body
 * is busboy's stream, read with back-pressure, so a 500 MB audio part flows to the object store in
 * constant memory; a part without a filename is a form field, which busboy hands over whole (up to
 * `fieldBytes`). Only this file knows busboy; the upload route sees parts and MultipartErrors.
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
  /** `file`: a part with a filename (or of type application/octet-stream), streamed; `field`: a text field, read whole. */
  readonly kind: 'file' | 'field';
  /** `filename=`, when the part is a file. */
  readonly filename: string | null;
  /** The part's Content-Type without parameters, lower case (text/plain when it gave none). */
  readonly contentType: string;
  /** The part's bytes. Read it to its end (or not at all) before asking for the next part. */
  readonly body: AsyncIterable<Buffer>;
}

export interface MultipartLimits {
  /** Parts in all; default 8. More is refused. */
  readonly parts?: number;
  /**
   * Bytes of a field (a part without a filename) held in memory. A longer field is cut at one byte
   * over this, so that the reader of the part sees it is over its own limit. Default 1 MiB.
   */
  readonly fieldBytes?: number;
}

/** Whether a content type is multipart/form-data with a usable boundary. */
export function isMultipartForm(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  try {
    busboy({ headers: { 'content-type': contentType } });
    return true;
  } catch {
    return false;
  }
}

/** busboy's words for a body that is not a form we can read, in ours. */
function multipartErrorOf(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof MultipartError) return error;
  switch (error.message) {
    case 'Unexpected end of form':
    case 'Unexpected end of file':
      return new MultipartError('the body ended before the closing boundary');
    case 'Malformed part header':
      return new MultipartError("a part's header is malformed or longer than 16 KiB");
    default:
      // A client that went away, a socket error: not the form's fault.
      return error;
  }
}

type Slot =
  | { readonly part: MultipartPart; readonly stream?: Readable }
  | { readonly error: unknown }
  | { readonly end: true };

/**
 * The parts of the multipart/form-data `body` (a request) with the given headers. Throws
 * MultipartError for a body that is not one (no boundary), is malformed, or ends before its
 * closing boundary; errors of the source itself (a client that went away) pass through. A part
 * left unread is skipped when the next one is asked for.
 */
export async function* readMultipartForm(
  body: Readable,
  headers: IncomingHttpHeaders,
  limits: MultipartLimits = {},
): AsyncGenerator<MultipartPart> {
  const partLimit = limits.parts ?? 8;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers,
      // One over: busboy stops reading at its limit, and a form of exactly `partLimit` parts must pass.
      limits: { parts: partLimit + 1, fieldSize: (limits.fieldBytes ?? 1024 * 1024) + 1 },
    });
  } catch (error) {
    throw new MultipartError(error instanceof Error ? error.message : 'not multipart/form-data');
  }

  const slots: Slot[] = [];
  let wake: (() => void) | undefined;
  const push = (slot: Slot) => {
    slots.push(slot);
    wake?.();
  };
  parser.on('file', (name, stream, info) => {
    push({
      part: {
        name,
        kind: 'file',
        filename: info.filename ?? null,
        contentType: info.mimeType.toLowerCase(),
        body: fileBody(stream),
      },
      stream,
    });
  });
  parser.on('field', (name, value, info) => {
    push({
      part: {
        name,
        kind: 'field',
        filename: null,
        contentType: info.mimeType.toLowerCase(),
        body: once(Buffer.from(value, 'utf8')),
      },
    });
  });
  parser.on('partsLimit', () => push({ error: new MultipartError(`more than ${partLimit} parts`) }));
  parser.on('error', (error) => push({ error: multipartErrorOf(error) }));
  parser.on('finish', () => push({ end: true }));
  body.on('error', (error) => push({ error }));
  body.pipe(parser);

  let previous: Readable | undefined;
  try {
    for (;;) {
      // An unread file part holds the form back: drop its bytes so the next part can arrive.
      if (previous && !previous.readableEnded) previous.resume();
      while (slots.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const slot = slots.shift() as Slot;
      if ('error' in slot) throw slot.error;
      if ('end' in slot) return;
      previous = slot.stream;
      yield slot.part;
    }
  } finally {
    // Stopped early (a refusal): stop parsing; the route closes the connection.
    body.unpipe(parser);
    parser.removeAllListeners('file');
    parser.on('error', () => undefined);
    if (!parser.writableFinished) parser.destroy();
  }
}

async function* fileBody(stream: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    throw multipartErrorOf(error);
  }
}

async function* once(bytes: Buffer): AsyncGenerator<Buffer> {
  await Promise.resolve();
  yield bytes;
}

/** Reads an iterable to its end, dropping what it yields. */
export async function drain(body: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of body) {
    // dropped
  }
}
