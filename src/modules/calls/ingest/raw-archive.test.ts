import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertValidObjectKey } from '../../../platform/objects/index.js';
import { archiveKey, buildSegment, keySegmentPart, type ArchiveEntry } from './raw-archive.js';

const tenant = '0190a000-0000-7000-8000-000000000001';
const entry = (changes: Partial<ArchiveEntry> = {}): ArchiveEntry => ({
  source: 'sbc',
  sourceCallId: '9f8e7d6c@192.0.2.20',
  sourceVersion: 1714557745750,
  startedAt: '2024-05-01T10:00:20.250Z',
  raw: { format: 'json', document: { callid: '9f8e7d6c@192.0.2.20' } },
  ...changes,
});

describe('archiveKey', () => {
  it('is <tenant>/<source>/<yyyy>/<mm>/<dd>/<source call id>_v<version>_<digest>.json, dated by the start (UTC)', () => {
    expect(archiveKey(tenant, entry())).toMatch(
      new RegExp(`^${tenant}/sbc/2024/05/01/9f8e7d6c@192\\.0\\.2\\.20_v1714557745750_[0-9a-f]{16}\\.json$`),
    );
    expect(archiveKey(tenant, entry({ startedAt: '2024-12-31T23:30:00-02:00' }))).toContain('/2025/01/01/');
    expect(
      archiveKey(tenant, entry({ source: 'connect', sourceVersion: '2022-01-05T17:21:14.000Z' })),
    ).toMatch(/_v2022-01-05T17%3A21%3A14\.000Z_[0-9a-f]{16}\.json$/);
  });

  it('is the same for the same record read again, and differs for anything that differs', () => {
    expect(archiveKey(tenant, entry())).toBe(archiveKey(tenant, entry()));
    const keys = [
      entry(),
      entry({ sourceVersion: 1714557745751 }),
      entry({ raw: { format: 'json', document: { callid: '9f8e7d6c@192.0.2.20', duration: '1' } } }),
      entry({ sourceCallId: '9f8e7d6c@192.0.2.21' }),
    ].map((e) => archiveKey(tenant, e));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('makes hostile source call ids into one readable, valid segment, keeping distinct ids apart', () => {
    const hostile = [
      'a/b',
      '../../etc/passwd',
      '..',
      '.',
      'a\0b',
      'a\\b',
      '#tmp',
      'a%2Fb',
      'é ü',
      '\ud800',
      '\udfff',
      '📞',
      'x'.repeat(1024),
      `${'x'.repeat(1023)}y`,
      'a_v1_0000000000000000.json',
    ];
    const keys = hostile.map((sourceCallId) => archiveKey(tenant, entry({ sourceCallId })));
    for (const key of keys) {
      expect(() => assertValidObjectKey(key), key).not.toThrow();
      expect(key.split('/')).toHaveLength(6);
      expect(key.length).toBeLessThan(300);
    }
    expect(new Set(keys).size).toBe(hostile.length);
    expect(keys[0]).toContain('/a%2Fb_v');
    expect(keys[1]).toContain('/%2E.%2F..%2Fetc%2Fpasswd_v');
    expect(keys[5]).toContain('/a%5Cb_v');
    expect(keys[8]).toContain('/%C3%A9%20%C3%BC_v');
  });
});

describe('keySegmentPart', () => {
  it('keeps what is safe, encodes the rest, and marks a cut', () => {
    expect(keySegmentPart('CA1234_ab-c.d@e+f=g', 50)).toBe('CA1234_ab-c.d@e+f=g');
    expect(keySegmentPart('a b', 50)).toBe('a%20b');
    expect(keySegmentPart('.hidden', 50)).toBe('%2Ehidden');
    expect(keySegmentPart('abcdef', 4)).toBe('abcd~');
    // A cut never splits an encoded character.
    expect(keySegmentPart('abc/', 5)).toBe('abc~');
  });

  it('keeps whole safe ids exactly as the character-by-character rule would', () => {
    const reference = (text: string, maxChars: number) => {
      let out = '';
      for (const char of text) {
        const safe = /^[A-Za-z0-9_.@+=-]$/.test(char) && !(out === '' && char === '.');
        const piece = safe
          ? char
          : Array.from(
              Buffer.from(char, 'utf8'),
              (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
            ).join('');
        if (out.length + piece.length > maxChars) return `${out}~`;
        out += piece;
      }
      return out;
    };
    const alphabet = 'aZ09_.@+=-/ é%';
    for (let i = 0; i < 2000; i++) {
      const length = i % 13;
      const text = Array.from(
        { length },
        (_, j) => alphabet[(i * 7 + j * 11 + (i >> 3)) % alphabet.length],
      ).join('');
      for (const maxChars of [0, 3, 8, 96])
        expect(keySegmentPart(text, maxChars)).toBe(reference(text, maxChars));
    }
  });
});

describe('buildSegment', () => {
  it('lays the records end to end and names each in a trailer a reader can find from the end', () => {
    const records = [
      { key: `${tenant}/sbc/2024/05/01/a_v1_0000000000000000.json`, bytes: Buffer.from('first record') },
      { key: `${tenant}/sbc/2024/05/01/b_v1_0000000000000000.json`, bytes: Buffer.alloc(0) },
      { key: `${tenant}/sbc/2024/05/01/c_v1_0000000000000000.json`, bytes: Buffer.from([0, 255, 10, 13]) },
    ];
    const { bytes, entries } = buildSegment(records);
    for (const [index, record] of records.entries()) {
      const at = entries[index];
      expect(at?.key).toBe(record.key);
      expect(
        bytes.subarray(at?.offset ?? 0, (at?.offset ?? 0) + (at?.length ?? 0)).equals(record.bytes),
      ).toBe(true);
      expect(at?.sha256).toBe(createHash('sha256').update(record.bytes).digest('hex'));
    }
    expect(bytes.subarray(-6).toString('latin1')).toBe('SBSEG1');
    const trailerLength = bytes.readUInt32BE(bytes.length - 10);
    const trailer = JSON.parse(
      bytes.subarray(bytes.length - 10 - trailerLength, bytes.length - 10).toString('utf8'),
    ) as {
      v: number;
      records: unknown[];
    };
    expect(trailer).toEqual({ v: 1, records: entries });
    // Deterministic: the same records give the same bytes (a retried batch reuses its segment).
    expect(buildSegment(records).bytes.equals(bytes)).toBe(true);
  });
});
