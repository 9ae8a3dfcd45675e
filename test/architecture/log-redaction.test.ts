import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { modules } from '../../src/app/modules.js';
import { kernelClassification } from '../../src/platform/db/kernel.classification.js';
import { classificationRegistry, redactedFieldNames } from '../../src/platform/privacy/index.js';
import { createLogger } from '../../src/platform/telemetry/index.js';

/** Log redaction follows the data classification: every restricted column's name is censored. */
function capture(redactFields: readonly string[]) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', redactFields }, stream) };
}

describe('log redaction from the classification', () => {
  it('derives the field names of restricted columns, and the stem of encrypted ones', () => {
    const names = redactedFieldNames(
      classificationRegistry({}, [
        {
          name: 'shop',
          classification: {
            buyers: {
              id: 'internal',
              loyalty_ciphertext: 'personal:restricted',
              iban: 'restricted',
              city: 'personal:confidential',
            },
          },
        },
      ]),
    );
    expect(names).toEqual(['iban', 'loyalty', 'loyaltyCiphertext']);
  });

  it('censors a log line carrying a restricted column of the registry, at the top level and one level down', () => {
    const fields = redactedFieldNames(classificationRegistry(kernelClassification, modules));
    expect(fields).toEqual(expect.arrayContaining(['wrappedKey', 'subjectCiphertext', 'subject']));
    const { lines, logger } = capture(fields);
    logger.info(
      {
        subject: { emails: ['ana@example.com'] },
        request: { subjectCiphertext: 'c2VhbGVk', id: 'dsr_1' },
        key: { wrappedKey: 'd3JhcHBlZA==' },
      },
      'a privacy request',
    );
    const text = lines.join('');
    for (const secret of ['ana@example.com', 'c2VhbGVk', 'd3JhcHBlZA==']) expect(text).not.toContain(secret);
    expect(text).toContain('dsr_1');
    expect(text).toContain('[redacted]');
  });

  it('censors a field a module classifies as restricted, before any code names it', () => {
    const fields = redactedFieldNames(
      classificationRegistry({}, [
        { name: 'shop', classification: { buyers: { iban: 'personal:restricted' } } },
      ]),
    );
    const { lines, logger } = capture(fields);
    logger.info({ buyer: { iban: 'GB33BUKB20201555555555' } }, 'payout');
    expect(lines.join('')).not.toContain('GB33BUKB20201555555555');
    const { lines: plain, logger: unaware } = capture([]);
    unaware.info({ buyer: { iban: 'GB33BUKB20201555555555' } }, 'payout');
    expect(plain.join('')).toContain('GB33BUKB20201555555555');
  });
});
