import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, readMultipart } from './multipart.reader.js';
import { multipartForm } from './testing/upload-forms.js';

async function* inChunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) {
    // A chunk per turn of the event loop, as a socket delivers them.
    await Promise.resolve();
    yield bytes.subarray(at, at + size);
  }
}

async function collect(source: AsyncIterable<Buffer>, boundary: string) {
  const parts: { name: string; filename: string | null; contentType: string | null; body: string }[] = [];
  for await (const part of readMultipart(source, boundary)) {
    const chunks: Buffer[] = [];
    for await (const chunk of part.body) chunks.push(chunk);
    parts.push({
      name: part.name,
      filename: part.filename,
      contentType: part.contentType,
      body: Buffer.concat(chunks).toString('latin1'),
    });
  }
  return parts;
}

describe('readMultipart', () => {
  // A body that holds the boundary's look-alikes: CRLF, "--", and the boundary without its dashes.
  const tricky = Buffer.from('line\r\n--almost\r\n-\r\n--\r\n\r\n', 'latin1');
  const form = multipartForm([
    { name: 'metadata', contentType: 'application/json', body: '{"a":1}' },
    { name: 'audio', filename: 'a b.wav', contentType: 'audio/wav', body: tricky },
    { name: 'empty', body: '' },
  ]);
  const boundary = boundaryOf(form.headers['content-type']) ?? '';

  it('reads the same parts however the body is cut into chunks', async () => {
    const expected = [
      { name: 'metadata', filename: null, contentType: 'application/json', body: '{"a":1}' },
      { name: 'audio', filename: 'a b.wav', contentType: 'audio/wav', body: tricky.toString('latin1') },
      { name: 'empty', filename: null, contentType: null, body: '' },
    ];
    for (const size of [1, 2, 3, 7, 16, 41, 64, form.payload.length]) {
      expect(await collect(inChunks(form.payload, size), boundary), `chunks of ${size}`).toEqual(expected);
    }
  });

  it('skips a part the reader leaves unread', async () => {
    const names: string[] = [];
    for await (const part of readMultipart(inChunks(form.payload, 5), boundary)) names.push(part.name);
    expect(names).toEqual(['metadata', 'audio', 'empty']);
  });

  it('refuses a body cut off before its closing boundary, and folded header lines', async () => {
    await expect(
      collect(inChunks(form.payload.subarray(0, form.payload.length - 30), 9), boundary),
    ).rejects.toThrow(MultipartError);
    const folded = Buffer.from('--b\r\n Content-Disposition: form-data; name="x"\r\n\r\nv\r\n--b--\r\n');
    await expect(collect(inChunks(folded, 4), 'b')).rejects.toThrow(/malformed/);
    await expect(collect(inChunks(Buffer.from('no boundary here'), 4), 'b')).rejects.toThrow(/boundary/);
  });

  it('reads the boundary of a content type, quoted or not', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(boundaryOf('application/json')).toBeUndefined();
    expect(boundaryOf('multipart/form-data')).toBeUndefined();
    expect(boundaryOf(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toBeUndefined();
  });
});
