import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isMultipartForm, MultipartError, readMultipartForm } from './multipart-form.js';
import { multipartForm } from './testing/multipart-body.js';

/** A body delivered in chunks of `size` bytes, one per turn of the event loop, as a socket does. */
function inChunks(bytes: Buffer, size: number): Readable {
  return Readable.from(
    (async function* () {
      for (let at = 0; at < bytes.length; at += size) {
        await Promise.resolve();
        yield bytes.subarray(at, at + size);
      }
    })(),
    { objectMode: false },
  );
}

const headersOf = (boundary: string) => ({ 'content-type': `multipart/form-data; boundary=${boundary}` });

async function collect(body: Readable, headers: Record<string, string>, limits = {}) {
  const parts: { name: string; kind: string; filename: string | null; contentType: string; body: string }[] =
    [];
  for await (const part of readMultipartForm(body, headers, limits)) {
    const chunks: Buffer[] = [];
    for await (const chunk of part.body) chunks.push(chunk);
    parts.push({
      name: part.name,
      kind: part.kind,
      filename: part.filename,
      contentType: part.contentType,
      body: Buffer.concat(chunks).toString('latin1'),
    });
  }
  return parts;
}

describe('readMultipartForm', () => {
  // A file that holds the boundary's look-alikes: CRLF, "--", and the boundary without its dashes.
  const tricky = Buffer.from('line\r\n--almost\r\n-\r\n--\r\n\r\n\u00ff\u0000', 'latin1');
  const form = multipartForm([
    { name: 'metadata', contentType: 'application/json', body: '{"a":1}' },
    { name: 'audio', filename: 'a b.wav', contentType: 'audio/wav', body: tricky },
    { name: 'empty', filename: 'empty.bin', body: '' },
  ]);

  it('reads the same parts however the body is cut into chunks, file bytes unchanged', async () => {
    const expected = [
      { name: 'metadata', kind: 'field', filename: null, contentType: 'application/json', body: '{"a":1}' },
      {
        name: 'audio',
        kind: 'file',
        filename: 'a b.wav',
        contentType: 'audio/wav',
        body: tricky.toString('latin1'),
      },
      { name: 'empty', kind: 'file', filename: 'empty.bin', contentType: 'text/plain', body: '' },
    ];
    for (const size of [1, 2, 3, 7, 16, 41, 64, form.payload.length]) {
      expect(await collect(inChunks(form.payload, size), form.headers), `chunks of ${size}`).toEqual(
        expected,
      );
    }
  });

  it('skips a part the reader leaves unread', async () => {
    const names: string[] = [];
    for await (const part of readMultipartForm(inChunks(form.payload, 5), form.headers))
      names.push(part.name);
    expect(names).toEqual(['metadata', 'audio', 'empty']);
  });

  it('refuses a body cut off before its closing boundary, in a file part or between parts', async () => {
    const cutInFile = form.payload.subarray(0, form.payload.indexOf(Buffer.from('--almost')));
    await expect(collect(inChunks(cutInFile, 9), form.headers)).rejects.toThrow(
      new MultipartError('the body ended before the closing boundary'),
    );
    await expect(
      collect(inChunks(form.payload.subarray(0, form.payload.length - 4), 9), form.headers),
    ).rejects.toThrow(MultipartError);
  });

  it('refuses malformed part headers and more parts than allowed', async () => {
    const oversized = Buffer.from(
      `--b\r\nContent-Disposition: form-data; name="x"\r\nX-Long: ${'a'.repeat(17 * 1024)}\r\n\r\nv\r\n--b--\r\n`,
    );
    await expect(collect(inChunks(oversized, 1000), headersOf('b'))).rejects.toThrow(/malformed/);
    const five = multipartForm(['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, body: name })));
    await expect(collect(inChunks(five.payload, 10), five.headers, { parts: 4 })).rejects.toThrow(
      'more than 4 parts',
    );
    const four = multipartForm(['a', 'b', 'c', 'd'].map((name) => ({ name, body: name })));
    expect(await collect(inChunks(four.payload, 10), four.headers, { parts: 4 })).toHaveLength(4);
  });

  it('cuts a field at one byte over its limit, so that its reader sees it is too long', async () => {
    const big = multipartForm([{ name: 'metadata', body: 'x'.repeat(100) }]);
    const [part] = await collect(inChunks(big.payload, 32), big.headers, { fieldBytes: 10 });
    expect(part?.body).toHaveLength(11);
  });

  it('knows multipart/form-data with a boundary, quoted or not', () => {
    expect(isMultipartForm('multipart/form-data; boundary=abc')).toBe(true);
    expect(isMultipartForm('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe(true);
    expect(isMultipartForm('application/json')).toBe(false);
    expect(isMultipartForm('multipart/form-data')).toBe(false);
    expect(isMultipartForm(undefined)).toBe(false);
  });
});
