import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { systemContext } from '../../../platform/context.js';
import { parseTranscript, type Transcript } from '../transcripts/index.js';
import {
  conversationAnalysisSchema,
  MAX_QUOTE_CHARS,
  type ConversationAnalysis,
  type TenantAnalysisConfig,
  type TextEvidence,
} from './analyser.types.js';
import { createLocalAnalyser } from './local.analyser.js';
import { transcriptOf, type LabelledUtterance } from './synthetic-conversations.js';

const analyser = createLocalAnalyser();
const ctx = systemContext('ten_test', 'req_test', 'analysis-test');
const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/transcripts');

const agent = (text: string): LabelledUtterance => ({ speaker: 'agent', text, intents: [] });
const customer = (text: string): LabelledUtterance => ({ speaker: 'customer', text, intents: [] });

async function analyse(
  transcript: Transcript,
  config: TenantAnalysisConfig = {},
  language: string | null = null,
): Promise<ConversationAnalysis> {
  const analysis = await analyser.analyse(ctx, { transcript, characteristics: null, language, config });
  // Whatever went in, what comes out is a valid document.
  expect(conversationAnalysisSchema.parse(analysis)).toEqual(analysis);
  expectQuotesExist(transcript, analysis);
  return analysis;
}

/** Every quote is the text of its segment at its offsets, by the segment's speaker. */
function expectQuotesExist(transcript: Transcript, analysis: ConversationAnalysis): void {
  const all: TextEvidence[] = [
    ...analysis.entities.map((e) => e.evidence),
    ...analysis.trackerHits.map((h) => h.evidence),
    ...analysis.topics.flatMap((t) => t.evidence),
    ...analysis.intents.map((i) => i.evidence),
    ...analysis.questions.flatMap((q) => q.examples),
    ...analysis.summary.sentences,
    ...analysis.actionItems.map((a) => a.evidence),
  ];
  for (const evidence of all) {
    const segment = transcript.segments.find((s) => s.id === evidence.segmentId);
    expect(segment, evidence.segmentId).toBeDefined();
    expect(segment?.text.slice(evidence.charStart, evidence.charEnd)).toBe(evidence.quote);
    expect(evidence.speaker).toBe(segment?.speakerId);
    expect(evidence.quote.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS);
    expect(evidence.startMs).toBeGreaterThanOrEqual(segment?.startMs ?? 0);
    expect(evidence.endMs).toBeLessThanOrEqual(segment?.endMs ?? 0);
  }
}

describe('sentiment', () => {
  const positive = [
    'Thank you so much, you have been really helpful.',
    "That's brilliant, I really appreciate it.",
    'Great, that works perfectly for me.',
    'Wonderful service, I love it.',
    "Excellent, that's exactly what I wanted, thanks.",
    "Perfect, you've been amazing today.",
  ];
  const negative = [
    'I am very disappointed with your service.',
    "I'm frustrated and angry about this.",
    "This is unacceptable, I've been waiting for weeks.",
    'The whole experience has been terrible and stressful.',
    "I'm not happy at all, it's a disaster.",
    'Your product is awful and broken again.',
  ];

  it('clearly positive segments score above zero and are labelled positive; clearly negative ones below', async () => {
    const transcript = transcriptOf([...positive.map(customer), ...negative.map(customer)]);
    const { sentiment } = await analyse(transcript);
    const scores = sentiment.perSegment.map((s) => [s.score, s.label] as const);
    for (const [score, label] of scores.slice(0, positive.length)) {
      expect(score).toBeGreaterThan(0);
      expect(label).toBe('positive');
    }
    for (const [score, label] of scores.slice(positive.length)) {
      expect(score).toBeLessThan(0);
      expect(label).toBe('negative');
    }
  });

  it('a call that starts angry and ends thankful: negative first quarter, positive last, per speaker too', async () => {
    const transcript = transcriptOf([
      customer("I'm furious, this is the worst service, it's a disaster and nobody helps."),
      agent("I'm sorry to hear that."),
      customer('It has been terrible, awful, just awful.'),
      agent('Let me look at the account.'),
      customer('Okay.'),
      agent('I can see the order on the system here now.'),
      customer('Right, I see the number on the screen.'),
      agent('I have fixed the delivery address for you.'),
      customer('Brilliant, thank you so much, that is wonderful.'),
      agent("You're very welcome, glad I could help."),
      customer('Great, really happy now, thanks again.'),
    ]);
    const { sentiment } = await analyse(transcript);
    expect(sentiment.byQuarter.map((q) => q.quarter)).toEqual([1, 2, 3, 4]);
    expect(sentiment.byQuarter[0]?.startMs).toBe(0);
    expect(sentiment.byQuarter[3]?.endMs).toBe(transcript.durationMs);
    expect(sentiment.byQuarter[0]?.overall?.label).toBe('negative');
    expect(sentiment.byQuarter[3]?.overall?.label).toBe('positive');
    const customerFirst = sentiment.byQuarter[0]?.bySpeaker.find((s) => s.speaker === 'spk_1');
    const customerLast = sentiment.byQuarter[3]?.bySpeaker.find((s) => s.speaker === 'spk_1');
    expect(customerFirst?.score).toBeLessThan(0);
    expect(customerLast?.score).toBeGreaterThan(0);
    expect(sentiment.bySpeaker.map((s) => [s.speaker, s.role, s.segmentCount])).toEqual([
      ['spk_0', 'agent', 5],
      ['spk_1', 'customer', 6],
    ]);
  });

  it('a quarter in which nobody speaks has no sentiment rather than a made-up neutral', async () => {
    const transcript = transcriptOf([customer('Thanks, that is great.')]);
    const long = { ...transcript, durationMs: 60_000 };
    const { sentiment } = await analyse(long);
    expect(sentiment.byQuarter.map((q) => q.overall?.label ?? null)).toEqual(['positive', null, null, null]);
  });
});

describe('intents, questions, action items, summary', () => {
  const call = transcriptOf([
    agent('Hello, thanks for calling Acme, how can I help?'),
    customer("I've been charged twice for my broadband and I'm really unhappy about it."),
    agent('I am sorry about that. Can I take your account number please?'),
    customer("It's [BANK_ACCOUNT]. Why does this keep happening"),
    agent('Let me check the billing history for you.'),
    agent("I can see the duplicate charge, I'll refund it today and send you a confirmation email."),
    customer(
      "I don't want to cancel, but if this happens again I will. Please don't call me with offers either.",
    ),
    agent('Understood, we will call you back tomorrow to confirm the refund has gone through.'),
    customer('Thanks. What time will that be?'),
    agent('Around ten in the morning. Is there anything else'),
  ]);

  it('finds the intents said, with the exact phrase, and none that were negated', async () => {
    const { intents } = await analyse(call);
    expect(intents.map((i) => [i.kind, i.evidence.segmentId, i.evidence.quote])).toEqual([
      ['complaint', 'seg_1', 'charged twice'],
      ['complaint', 'seg_1', "I'm really unhappy"],
      ['opt_out', 'seg_6', "don't call me"],
    ]);
  });

  it('counts questions per speaker, with and without a question mark', async () => {
    const { questions } = await analyse(call);
    expect(questions.map((q) => [q.speaker, q.role, q.count])).toEqual([
      ['spk_0', 'agent', 3],
      ['spk_1', 'customer', 2],
    ]);
    expect(questions[1]?.examples.map((e) => e.quote)).toEqual([
      'Why does this keep happening',
      'What time will that be?',
    ]);
  });

  it('lists the commitments made, who made them and when they are due', async () => {
    const { actionItems } = await analyse(call);
    expect(actionItems.map((a) => [a.action, a.ownerRole, a.due])).toEqual([
      ['check', 'agent', null],
      ['refund', 'agent', 'today'],
      ['send', 'agent', null],
      ['call_back', 'agent', 'tomorrow'],
    ]);
  });

  it('summarises with sentences that were said, in call order', async () => {
    const { summary } = await analyse(call);
    expect(summary.kind).toBe('extractive');
    expect(summary.sentences.length).toBeGreaterThanOrEqual(1);
    expect(summary.sentences.length).toBeLessThanOrEqual(5);
    const order = summary.sentences.map((s) => Number(s.segmentId.slice(4)) * 10_000 + s.charStart);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(summary.text).toBe(summary.sentences.map((s) => s.quote).join(' '));
    expect(summary.text).toContain('charged twice');
  });
});

describe('tenant trackers and topics', () => {
  const call = transcriptOf([
    agent('Thanks for calling, this call may be recorded for training purposes.'),
    customer("My PARCEL hasn't arrived; the parcels you send never do!"),
    agent('I can see a delivery delay on that parcel.'),
    customer('What about a refund?'),
  ]);

  it('tracker hits for every mention, case, punctuation and plurals aside, by the party it listens to', async () => {
    const { trackerHits } = await analyse(call, {
      trackers: [
        { id: 'trk_parcel', name: 'Parcel', phrases: ['parcel'], speaker: 'customer' },
        { id: 'trk_disclosure', name: 'Recording disclosure', phrases: ['call may be recorded'] },
        { id: 'trk_bad', name: 'Bad', phrases: ['?!'] },
      ],
    });
    expect(trackerHits.map((h) => [h.trackerId, h.evidence.segmentId, h.evidence.quote])).toEqual([
      ['trk_disclosure', 'seg_0', 'call may be recorded'],
      ['trk_parcel', 'seg_1', 'PARCEL'],
      ['trk_parcel', 'seg_1', 'parcels'],
    ]);
  });

  it('warns about a phrase with no word in it instead of failing the call', async () => {
    const { warnings } = await analyse(call, { trackers: [{ id: 't', name: 'Bad', phrases: ['?!'] }] });
    expect(warnings.map((w) => w.code)).toEqual(['invalid_phrase']);
  });

  it('topics need their minimum of matches and none of the excluded phrases', async () => {
    const { topics } = await analyse(call, {
      topicRules: [
        { id: 'top_delivery', name: 'Delivery', phrases: ['not arrived', 'delivery delay'], minMatches: 2 },
        { id: 'top_refund', name: 'Refund', phrases: ['refund'], excludePhrases: ['delivery delay'] },
        { id: 'top_billing', name: 'Billing', phrases: ['invoice', 'bill'] },
      ],
    });
    expect(topics.map((t) => [t.topicId, t.matches])).toEqual([['top_delivery', 2]]);
  });

  it('a changed configuration changes the config hash; the same one keeps it', async () => {
    const one = await analyse(call, { trackers: [{ id: 'a', name: 'A', phrases: ['parcel'] }] });
    const same = await analyse(call, {
      trackers: [{ name: 'A', id: 'a', phrases: ['parcel'], speaker: 'any' }],
    });
    const other = await analyse(call, { trackers: [{ id: 'a', name: 'A', phrases: ['parcels'] }] });
    expect(same.provenance.configHash).toBe(one.provenance.configHash);
    expect(other.provenance.configHash).not.toBe(one.provenance.configHash);
    expect(one.provenance).toMatchObject({ analyser: 'local', usage: null, promptVersion: null });
    expect(one.provenance.model).toMatch(/^wink-eng-lite-web-model@\d/);
  });

  it('refuses an invalid configuration with the ZodError naming the field', async () => {
    const bad = { trackers: [{ id: 'a', name: 'A', phrases: [] }] } as TenantAnalysisConfig;
    await expect(
      analyser.analyse(ctx, { transcript: call, characteristics: null, language: null, config: bad }),
    ).rejects.toThrow(ZodError);
  });

  it('says what it leaves to LLM analysers: insight fields and scorecards', async () => {
    const analysis = await analyse(call, {
      insightSchema: {
        id: 'ins',
        version: 1,
        fields: [{ name: 'reason', type: 'string', description: 'why' }],
      },
      scorecard: { id: 'sc', version: 1, rules: [] },
    });
    expect(analysis.insights).toBeNull();
    expect(analysis.qa).toBeNull();
    expect(analysis.warnings.map((w) => w.code)).toEqual([
      'insights_not_supported',
      'scorecard_not_supported',
    ]);
  });
});

describe('redacted and hostile text', () => {
  it('redaction tokens are entities of their type and do not break intents, sentiment or the summary', async () => {
    const transcript = transcriptOf([
      agent('Can I take the long card number please?'),
      customer("Sure it's [CARD_NUMBER] expiry [CARD_EXPIRY] and the code is [CARD_CVV]."),
      customer('[PERSON_NAME] here, please take [PHONE] off your list, I am fed up with the calls.'),
      customer('[PII] [PII] [PII]'),
    ]);
    const analysis = await analyse(transcript);
    expect(analysis.entities.filter((e) => e.source === 'redaction').map((e) => e.type)).toEqual([
      'CARD_NUMBER',
      'CARD_EXPIRY',
      'CARD_CVV',
      'PERSON_NAME',
      'PHONE',
      'PII',
      'PII',
      'PII',
    ]);
    expect(analysis.intents.map((i) => [i.kind, i.evidence.quote])).toEqual([
      ['opt_out', 'take [PHONE] off your list'],
      ['complaint', 'fed up'],
    ]);
    expect(analysis.sentiment.perSegment[1]?.label).toBe('neutral');
  });

  const hostile: [string, string][] = [
    ['NUL and control characters', 'stop\u0000calling\u0001me\u0007 please\u001b[31m'],
    ['right-to-left marks and overrides', '\u202Eplease cancel my account\u202C \u200F\u200E\u2066?\u2069'],
    ['emoji and joiners', '😡😡 cancel my account now 👨‍👩‍👧‍👦 🇬🇧 thanks 🙏🏽'],
    ['a lone surrogate', 'cancel \uD83D my account \uDE00'],
    ['only punctuation', '?!?!... ,,, ;;; ---'],
    ['empty', ''],
    ['white space', ' \n\t\u00A0\u2003 '],
    ['a long word', 'a'.repeat(50_000)],
    ['brackets like a token', '[ ] [[ ]] [A] [lower_case] [CARD_NUMBER'],
    ['scripts wink does not know', 'キャンセルしたいです。Я хочу отменить. أريد الإلغاء'],
  ];

  it.each(hostile)('%s: analysed, never thrown on', async (_name, text) => {
    const transcript = transcriptOf([agent('How can I help?'), customer(text), agent('Thank you.')]);
    const analysis = await analyse(transcript);
    expect(analysis.sentiment.perSegment).toHaveLength(3);
  });

  it('a 100 kB segment: analysed, quotes cut to their limit, summary still from the call', async () => {
    const sentence = 'I want to cancel my subscription because the service keeps dropping. ';
    const big = sentence.repeat(Math.ceil(100_000 / sentence.length)) + '😀'.repeat(300);
    expect(big.length).toBeGreaterThan(100_000);
    const transcript = transcriptOf([
      agent('How can I help?'),
      customer(big),
      customer(`Also ${'x'.repeat(1000)}😀 end`),
    ]);
    const analysis = await analyse(transcript);
    expect(analysis.intents.filter((i) => i.kind === 'cancel').length).toBeGreaterThan(1000);
    expect(analysis.summary.sentences.length).toBeGreaterThan(0);
    for (const s of analysis.summary.sentences) expect(s.quote.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS);
  });

  it('cuts a segment beyond its limit and says so', async () => {
    const small = createLocalAnalyser({ maxSegmentChars: 1000 });
    const transcript = transcriptOf([customer(`${'blah '.repeat(400)} please cancel my account`)]);
    const analysis = await small.analyse(ctx, {
      transcript,
      characteristics: null,
      language: null,
      config: {},
    });
    expect(analysis.warnings.map((w) => w.code)).toEqual(['text_truncated']);
    expect(analysis.intents).toEqual([]);
  });

  it('an empty transcript gives an empty, valid analysis with a warning', async () => {
    const transcript = transcriptOf([]);
    const analysis = await analyse(transcript);
    expect(analysis.warnings.map((w) => w.code)).toEqual(['empty_transcript']);
    expect(analysis.sentiment.overall).toEqual({ score: 0, label: 'neutral' });
    expect(analysis.summary).toEqual({ kind: 'extractive', text: '', sentences: [] });
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    const transcript = transcriptOf([customer('hello')]);
    await expect(
      analyser.analyse(ctx, {
        transcript,
        characteristics: null,
        language: null,
        config: {},
        signal: controller.signal,
      }),
    ).rejects.toThrow('cancelled');
  });
});

describe('language and timing', () => {
  it('another language: no English rules applied, a warning, trackers still run', async () => {
    const transcript = transcriptOf(
      [customer('Ich möchte kündigen. Bitte rufen Sie mich nicht mehr an. Stop calling me.')],
      'de-DE',
    );
    const analysis = await analyse(
      transcript,
      { trackers: [{ id: 'k', name: 'Kündigung', phrases: ['kündigen'] }] },
      'de-DE',
    );
    expect(analysis.warnings.map((w) => w.code)).toEqual(['language_not_supported']);
    expect(analysis.intents).toEqual([]);
    expect(analysis.sentiment.overall.score).toBe(0);
    expect(analysis.trackerHits.map((h) => h.evidence.quote)).toEqual(['kündigen']);
  });

  it('evidence takes its times from the words where the transcript has them', async () => {
    const transcript = transcriptOf([customer('Well okay, please stop calling me now.')]);
    const [segment] = transcript.segments;
    if (!segment) throw new Error('no segment');
    const words = ['Well', 'okay,', 'please', 'stop', 'calling', 'me', 'now.'].map((text, i) => ({
      text,
      startMs: segment.startMs + i * 300,
      endMs: segment.startMs + i * 300 + 250,
      confidence: 0.9,
    }));
    const timed = { ...transcript, segments: [{ ...segment, words }] };
    const { intents } = await analyse(timed);
    expect(intents.map((i) => [i.evidence.quote, i.evidence.startMs, i.evidence.endMs])).toEqual([
      ['stop calling me', segment.startMs + 900, segment.startMs + 1750],
    ]);
  });
});

describe('real supplied transcripts (shared fixtures, through the transcript parsers)', () => {
  for (const name of readdirSync(FIXTURES)) {
    it(`${name}: completes with a sane analysis`, async () => {
      const transcript = parseTranscript(readFileSync(path.join(FIXTURES, name)));
      const analysis = await analyse(transcript);
      expect(analysis.sentiment.perSegment.map((s) => s.segmentId)).toEqual(
        transcript.segments.map((s) => s.id),
      );
      expect(analysis.sentiment.byQuarter).toHaveLength(4);
      const speakers = new Set(transcript.speakers.map((s) => s.id));
      for (const s of analysis.sentiment.bySpeaker) expect(speakers.has(s.speaker)).toBe(true);
      expect(analysis.questions.map((q) => q.speaker)).toEqual(transcript.speakers.map((s) => s.id));
      expect(analysis.summary.sentences.length).toBeLessThanOrEqual(5);
      if (transcript.segments.some((s) => s.text.split(/\s+/).length >= 5)) {
        expect(analysis.summary.sentences.length).toBeGreaterThan(0);
      }
      expect(analysis.warnings.filter((w) => w.code !== 'language_not_supported')).toEqual([]);
    });
  }

  it('aws-contact-lens-call-analytics-redacted.json: its [PII] tokens are redaction entities', async () => {
    const transcript = parseTranscript(
      readFileSync(path.join(FIXTURES, 'aws-contact-lens-call-analytics-redacted.json')),
    );
    const analysis = await analyse(transcript);
    const redacted = analysis.entities.filter((e) => e.source === 'redaction');
    expect(redacted.length).toBeGreaterThan(0);
    expect(new Set(redacted.map((e) => e.text))).toEqual(new Set(['[PII]']));
  });
});
