import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonChunksFromStream, xmlDocumentsFromStream, type JsonChunk } from './json-stream.js';

/** A stream that delivers `text` in pieces of `size` characters, to cross every boundary. */
function streamOf(text: string, size = 3): Readable {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return Readable.from(pieces);
}

async function chunks(text: string, size?: number, maxDocumentBytes?: number): Promise<JsonChunk[]> {
  const out: JsonChunk[] = [];
  for await (const chunk of jsonChunksFromStream(streamOf(text, size), { maxDocumentBytes })) out.push(chunk);
  return out;
}

const values = (list: JsonChunk[]): unknown[] =>
  list.map((chunk) => (chunk.ok ? (JSON.parse(chunk.text) as unknown) : chunk));

describe('jsonChunksFromStream', () => {
  it('yields the elements of a top-level array one by one', async () => {
    expect(values(await chunks('[{"a":1}, {"b":"x]}"}, [1,2], "s", 7 ]'))).toEqual([
      { a: 1 },
      { b: 'x]}' },
      [1, 2],
      's',
      7,
    ]);
  });

  it('yields JSON Lines and concatenated documents', async () => {
    expect(values(await chunks('{"a":1}\n{"b":{"c":"\\"}"}}\r\n\n{"d":[]}{"e":0}'))).toEqual([
      { a: 1 },
      { b: { c: '"}' } },
      { d: [] },
      { e: 0 },
    ]);
  });

  it('yields a single pretty-printed document whole', async () => {
    const document = { conversations: [{ id: 1 }, { id: 2 }], totalHits: 2 };
    expect(values(await chunks(JSON.stringify(document, null, 2), 5))).toEqual([document]);
  });

  it('skips a byte order mark', async () => {
    expect(values(await chunks('\uFEFF{"a":1}'))).toEqual([{ a: 1 }]);
  });

  it('reports an unterminated document instead of dropping it', async () => {
    const out = await chunks('{"a":1}\n{"b":');
    expect(out[0]).toEqual({ ok: true, text: '{"a":1}' });
    expect(out[1]).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/unterminated/) as string,
      raw: '{"b":',
    });
  });

  it('reports an oversized document without buffering it', async () => {
    const out = await chunks(`{"a":"${'x'.repeat(500)}"}\n{"b":1}`, 16, 100);
    expect(out[0]).toMatchObject({ ok: false, reason: expect.stringMatching(/larger than 100/) as string });
    expect(out[1]).toEqual({ ok: true, text: '{"b":1}' });
  });
});

describe('xmlDocumentsFromStream', () => {
  it('cuts several <cdr> documents and reports stray text', async () => {
    const text =
      '<?xml version="1.0"?>\n<cdr a="1"><v>1</v></cdr>\n<?xml version="1.0"?><cdr><v>2</v></cdr>junk<cdr>';
    const out: JsonChunk[] = [];
    for await (const chunk of xmlDocumentsFromStream(streamOf(text, 4), 'cdr')) out.push(chunk);
    expect(out).toEqual([
      { ok: true, text: '<cdr a="1"><v>1</v></cdr>' },
      { ok: true, text: '<cdr><v>2</v></cdr>' },
      { ok: false, reason: 'incomplete or unrecognised XML (no complete <cdr>)', raw: 'junk<cdr>' },
    ]);
  });
});
