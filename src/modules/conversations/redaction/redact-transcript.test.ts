import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtProvenance,
  parseTranscript,
  transcriptSchema,
  type Transcript,
  type TranscriptSegment,
} from '../transcripts/index.js';
import { redactionSpanSchema, redactTranscript, revealSegmentText, type RedactionSpan } from './index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/transcripts');

/** A two-party call; each line is `agent: …` or `customer: …`, with word times 300 ms apart when asked. */
function call(lines: readonly string[], withWords = true): Transcript {
  let clock = 0;
  const segments: TranscriptSegment[] = lines.map((line, index) => {
    const [who, ...rest] = line.split(': ');
    const text = rest.join(': ');
    const words = [...text.matchAll(/\S+/g)].map((match, at) => ({
      text: match[0],
      startMs: clock + at * 300,
      endMs: clock + at * 300 + 250,
      confidence: 0.9,
    }));
    const segment: TranscriptSegment = {
      id: `seg_${index}`,
      speakerId: who === 'agent' ? 'spk_0' : 'spk_1',
      channel: null,
      startMs: clock,
      endMs: clock + Math.max(1, words.length) * 300,
      text,
      confidence: null,
      words: withWords ? words : null,
      redactions: [],
    };
    clock = segment.endMs + 500;
    return segment;
  });
  return {
    schemaVersion: 1,
    language: 'en-US',
    durationMs: clock,
    speakers: [
      { id: 'spk_0', role: 'agent', roleSource: 'convention', label: 'spk_0', channel: null },
      { id: 'spk_1', role: 'customer', roleSource: 'convention', label: 'spk_1', channel: null },
    ],
    segments,
    provenance: builtProvenance('test', 'aws-transcribe'),
    providerRedaction: null,
  };
}

const texts = (transcript: Transcript): string[] => transcript.segments.map((segment) => segment.text);
const found = (spans: readonly RedactionSpan[]): [string, string][] =>
  spans.map((span) => [span.entityType, span.text]);

describe('card data', () => {
  it('a card read in two goes around the agent’s "okay" is one entity in two spans, muted by its words’ times', () => {
    const transcript = call([
      'agent: Can I take the long card number?',
      "customer: Sure it's four one one one, one one one one",
      'agent: okay',
      'customer: one one one one, one one one one.',
    ]);
    const { transcript: redacted, spans, counts } = redactTranscript(transcript);
    expect(texts(redacted)).toEqual([
      'Can I take the long card number?',
      "Sure it's [CARD_NUMBER]",
      'okay',
      '[CARD_NUMBER].',
    ]);
    expect(spans.map((span) => [span.entityId, span.segmentIndex, span.text, span.timeFrom])).toEqual([
      [0, 1, 'four one one one, one one one one', 'words'],
      [0, 3, 'one one one one, one one one one', 'words'],
    ]);
    const second = transcript.segments[1];
    expect(spans[0]).toMatchObject({
      startMs: second?.words?.[2]?.startMs,
      endMs: second?.words?.at(-1)?.endMs,
    });
    expect(counts).toEqual({ CARD_NUMBER: 1 });
  });

  it('merges the covered words into one token word that keeps their times and the punctuation outside', () => {
    const transcript = call(["customer: It's 4111 1111 1111 1111, thanks"]);
    const words = redactTranscript(transcript).transcript.segments[0]?.words;
    expect(words?.map((word) => [word.text, word.startMs, word.endMs])).toEqual([
      ["It's", 0, 250],
      ['[CARD_NUMBER],', 300, 1450],
      ['thanks', 1500, 1750],
    ]);
  });

  it('reads the expiry and the code from the agent’s questions, and after a card without them', () => {
    const { transcript: redacted, spans } = redactTranscript(
      call([
        'agent: card number please',
        'customer: 5555 5555 5555 4444',
        'agent: when does it expire?',
        'customer: March twenty twenty seven',
        'agent: and the three digits on the back?',
        'customer: seven three seven',
        'agent: thanks, and the date on it again?',
        'customer: oh three slash twenty seven',
      ]),
    );
    expect(found(spans)).toEqual([
      ['CARD_NUMBER', '5555 5555 5555 4444'],
      ['CARD_EXPIRY', 'March twenty twenty seven'],
      ['CARD_CVV', 'seven three seven'],
      ['CARD_EXPIRY', 'oh three slash twenty seven'],
    ]);
    expect(redacted.segments[3]?.text).toBe('[CARD_EXPIRY]');
  });

  it('splits a card read in one breath with its expiry and code', () => {
    const { spans } = redactTranscript(call(['customer: 4111 1111 1111 1111 0326 123']));
    expect(found(spans)).toEqual([
      ['CARD_NUMBER', '4111 1111 1111 1111'],
      ['CARD_EXPIRY', '0326'],
      ['CARD_CVV', '123'],
    ]);
  });

  it('a card the speech engine misheard (Luhn fails) is still redacted after a card cue', () => {
    const { spans } = redactTranscript(
      call([
        'agent: the number on your visa?',
        'customer: four one one one one one one one one one one one one one one two',
      ]),
    );
    expect(spans.map((span) => [span.entityType, span.rule])).toEqual([['CARD_NUMBER', 'card.context']]);
  });

  it('keeps the last four digits of a card and an order number in clear, but never a valid card number', () => {
    const { spans } = redactTranscript(
      call([
        'customer: I paid with the card ending in 4242',
        'agent: and the order number is 55321',
        'customer: order number 4111 1111 1111 1111',
      ]),
    );
    expect(found(spans)).toEqual([['CARD_NUMBER', '4111 1111 1111 1111']]);
  });

  it('when the agent reads pieces back, the pieces are redacted too', () => {
    const { transcript: redacted } = redactTranscript(
      call([
        'agent: go ahead with the card number',
        'customer: four one one one one one one one',
        'agent: four one one one one one one one, and the rest?',
        'customer: one one one one one one one one',
      ]),
    );
    expect(texts(redacted)).toEqual([
      'go ahead with the card number',
      '[CARD_NUMBER]',
      '[CARD_NUMBER], and the rest?',
      '[CARD_NUMBER]',
    ]);
  });
});

describe('personal data', () => {
  it('finds SSNs, NI numbers, IBANs, e-mails, phones, addresses and names', () => {
    const { spans } = redactTranscript(
      call([
        'agent: can I have your social security number',
        'customer: one two three, four five, six seven eight nine',
        'agent: and your national insurance number?',
        'customer: it is A B one two three four five six C',
        'customer: my IBAN is GB82 WEST 1234 5698 7654 32 and my email is jane.doe@example.co.uk or jane underscore doe at gmail dot com',
        'customer: call me back on plus forty four twenty seven nine four six oh nine five eight',
        'customer: I live at 221 Baker Street, flat 4, London NW1 6XE',
        'customer: my name is jane doe and I spoke to Mr. Sharma yesterday',
      ]),
    );
    expect(found(spans)).toEqual([
      ['SSN', 'one two three, four five, six seven eight nine'],
      ['UK_NI', 'A B one two three four five six C'],
      ['IBAN', 'GB82 WEST 1234 5698 7654 32'],
      ['EMAIL', 'jane.doe@example.co.uk'],
      ['EMAIL', 'jane underscore doe at gmail dot com'],
      ['PHONE', 'plus forty four twenty seven nine four six oh nine five eight'],
      ['ADDRESS', '221 Baker Street, flat 4'],
      ['POSTAL_CODE', 'NW1 6XE'],
      ['PERSON_NAME', 'jane doe'],
      ['PERSON_NAME', 'Sharma'],
    ]);
  });

  it('replaces speaker labels that are names and returns them for encrypted storage', () => {
    const transcript = parseTranscript(readFileSync(path.join(FIXTURES, 'w3c-webvtt-interview-voices.vtt')));
    const result = redactTranscript(transcript);
    expect(result.transcript.speakers.map((speaker) => speaker.label)).toEqual([
      '[PERSON_NAME]',
      '[PERSON_NAME]',
    ]);
    expect(result.speakerLabels).toEqual([
      { speakerId: 'spk_0', label: 'Roger Bingham' },
      { speakerId: 'spk_1', label: 'Neil deGrasse Tyson' },
    ]);
  });

  it('redacts only the entity types asked for', () => {
    const { spans } = redactTranscript(
      call(['customer: my email is a@b.com and my card is 4111 1111 1111 1111']),
      { entityTypes: ['CARD_NUMBER'] },
    );
    expect(found(spans)).toEqual([['CARD_NUMBER', '4111 1111 1111 1111']]);
  });
});

describe('the redacted transcript and its spans', () => {
  it('keeps a provider’s markers in place when text before them is replaced', () => {
    const transcript = call(['customer: card 4111111111111111 and my name is [PII] ok']);
    const segment = transcript.segments[0];
    if (!segment) throw new Error('no segment');
    const at = segment.text.indexOf('[PII]');
    segment.redactions = [
      { entityType: 'PII', charStart: at, charEnd: at + 5, startMs: 10, endMs: 20, by: 'provider' },
    ];
    const redacted = redactTranscript(transcript).transcript.segments[0];
    expect(redacted?.text).toBe('card [CARD_NUMBER] and my name is [PII] ok');
    const provider = redacted?.redactions.find((marker) => marker.by === 'provider');
    expect(provider && redacted?.text.slice(provider.charStart, provider.charEnd)).toBe('[PII]');
    expect(redacted?.redactions.map((marker) => marker.by)).toEqual(['switchboard', 'provider']);
  });

  it('the spans put the original text back, and everything validates against the schemas', () => {
    const transcript = call([
      'agent: card number and expiry please',
      'customer: 4111 1111 1111 1111, oh three twenty six',
      'customer: and my email is jane@example.com',
    ]);
    const { transcript: redacted, spans } = redactTranscript(transcript);
    expect(transcriptSchema.parse(redacted)).toEqual(redacted);
    for (const span of spans) expect(redactionSpanSchema.parse(span)).toEqual(span);
    for (const [index, segment] of redacted.segments.entries()) {
      expect(
        revealSegmentText(
          segment.text,
          spans.filter((span) => span.segmentIndex === index),
        ),
      ).toBe(transcript.segments[index]?.text);
    }
  });

  it('without word times a span mutes its whole segment', () => {
    const { spans } = redactTranscript(call(['customer: 4111 1111 1111 1111'], false));
    expect(spans[0]).toMatchObject({ startMs: 0, endMs: 1200, timeFrom: 'segment' });
  });

  it('finds nothing in the real supplied transcripts but the Contact Lens markers they already carry', () => {
    for (const name of readdirSync(FIXTURES)) {
      const transcript = parseTranscript(readFileSync(path.join(FIXTURES, name)));
      const { spans, transcript: redacted } = redactTranscript(transcript, {
        entityTypes: ['CARD_NUMBER', 'CARD_EXPIRY', 'CARD_CVV', 'SSN', 'PHONE', 'EMAIL', 'LONG_NUMBER'],
      });
      expect({ name, spans: found(spans) }).toEqual({ name, spans: [] });
      expect(redacted.segments.map((segment) => segment.redactions)).toEqual(
        transcript.segments.map((segment) => segment.redactions),
      );
    }
  });

  it('reads a long hostile segment in bounded time', () => {
    const text = `${'one two three four five six seven eight nine '.repeat(1500)} ${'x at y dot com GB82 WEST 1234 5698 7654 3 '.repeat(1500)}`;
    const started = performance.now();
    const { spans } = redactTranscript(call([`customer: ${text}`], false));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(spans.filter((span) => span.entityType === 'EMAIL')).toHaveLength(1500);
  });
});
