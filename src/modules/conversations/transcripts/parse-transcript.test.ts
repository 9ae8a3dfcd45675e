import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTranscript, TranscriptParseError, transcriptSchema, type Transcript } from './index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/transcripts');
const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));
const read = (name: string): Transcript => parseTranscript(fixture(name));

function ends(transcript: Transcript): {
  first: Transcript['segments'][number];
  last: Transcript['segments'][number];
} {
  const first = transcript.segments[0];
  const last = transcript.segments.at(-1);
  if (!first || !last) throw new Error('no segments');
  return { first, last };
}

describe('every supplied transcript in the fixtures imports', () => {
  for (const name of readdirSync(FIXTURES)) {
    it(`${name} parses into the model`, () => {
      const transcript = read(name);
      expect(transcriptSchema.parse(transcript)).toEqual(transcript);
      expect(transcript.segments.length).toBeGreaterThan(0);
      for (const segment of transcript.segments) {
        expect(transcript.speakers.map((speaker) => speaker.id)).toContain(segment.speakerId);
      }
    });
  }
});

// Values below were read off the raw files by hand.
describe('WebVTT', () => {
  it('w3c-webvtt-interview-voices.vtt: two named voices, overlapping cues in time order, tags dropped', () => {
    const transcript = read('w3c-webvtt-interview-voices.vtt');
    expect(transcript.provenance).toMatchObject({ provider: 'captions', format: 'webvtt' });
    expect(transcript.speakers).toEqual([
      { id: 'spk_0', role: 'agent', roleSource: 'convention', label: 'Roger Bingham', channel: null },
      {
        id: 'spk_1',
        role: 'customer',
        roleSource: 'convention',
        label: 'Neil deGrasse Tyson',
        channel: null,
      },
    ]);
    expect(transcript.segments).toHaveLength(13);
    const { first, last } = ends(transcript);
    expect(first).toMatchObject({
      speakerId: 'spk_0',
      startMs: 11_000,
      endMs: 13_000,
      text: 'We are in New York City',
      words: null,
    });
    expect(last).toMatchObject({
      speakerId: 'spk_0',
      startMs: 35_500,
      endMs: 38_000,
      text: "You know I'm so excited my glasses are falling off here.",
    });
    const overlap = transcript.segments
      .slice(8, 12)
      .map((segment) => [segment.startMs, segment.speakerId, segment.text]);
    expect(overlap).toEqual([
      [30_000, 'spk_0', 'When we e-mailed—'],
      [30_500, 'spk_1', "Didn't we talk about enough in that conversation?"],
      [32_000, 'spk_0', "No! No no no no; 'cos 'cos obviously 'cos"],
      [32_500, 'spk_1', 'Laughs'],
    ]);
  });

  it('deepgram-captions-speakers.vtt: <v Speaker N> gives spk_N', () => {
    const transcript = read('deepgram-captions-speakers.vtt');
    expect(transcript.speakers.map((speaker) => [speaker.id, speaker.label, speaker.role])).toEqual([
      ['spk_0', 'Speaker 0', 'agent'],
      ['spk_1', 'Speaker 1', 'customer'],
    ]);
    expect(transcript.segments.map((segment) => [segment.speakerId, segment.startMs, segment.endMs])).toEqual(
      [
        ['spk_0', 80, 4120],
        ['spk_1', 4400, 8200],
        ['spk_0', 8475, 12_340],
      ],
    );
    expect(ends(transcript).first.text).toBe("Yeah. As as much as, it's worth celebrating,");
  });

  it('splits a cue with two voices, decodes references and reads hours beyond 99', () => {
    const transcript = parseTranscript(
      'WEBVTT\n\nNOTE a comment\n\nid-1\n100:00:01.000 --> 100:00:02.500\n<v.loud Ann>Hi &amp; welcome</v> <v Bob>thanks</v>\n',
    );
    expect(transcript.segments.map((segment) => [segment.startMs, segment.text])).toEqual([
      [360_001_000, 'Hi & welcome'],
      [360_001_000, 'thanks'],
    ]);
  });
});

describe('SRT', () => {
  it('deepgram-captions-speakers.srt: a [speaker N] line carries over until the next one', () => {
    const transcript = read('deepgram-captions-speakers.srt');
    expect(transcript.provenance.format).toBe('srt');
    expect(
      transcript.segments.map((segment) => [segment.speakerId, segment.startMs, segment.endMs, segment.text]),
    ).toEqual([
      ['spk_0', 80, 4120, "Yeah. As as much as, it's worth celebrating,"],
      ['spk_1', 4400, 8200, 'the first, spacewalk, with an all female team,'],
      ['spk_0', 8475, 12_340, 'I think many of us are looking forward to it'],
    ]);
  });

  it('an SRT without labels has one speaker of unknown role', () => {
    const transcript = parseTranscript(
      '1\r\n00:00:01,000 --> 00:00:02,000\r\n<i>Hello</i> there\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nBye\r\n',
    );
    expect(transcript.speakers).toEqual([
      { id: 'spk_0', role: 'unknown', roleSource: 'none', label: null, channel: null },
    ]);
    expect(transcript.segments.map((segment) => segment.text)).toEqual(['Hello there', 'Bye']);
  });
});

describe('OpenAI', () => {
  it('openai-verbose-json-segments.json: one undiarised speaker, confidence from avg_logprob', () => {
    const transcript = read('openai-verbose-json-segments.json');
    expect(transcript).toMatchObject({
      language: 'english',
      durationMs: 8470,
      provenance: { provider: 'openai', format: 'openai-verbose-json' },
    });
    expect(transcript.speakers).toEqual([
      { id: 'spk_0', role: 'unknown', roleSource: 'none', label: null, channel: null },
    ]);
    const { first } = ends(transcript);
    expect(first).toMatchObject({
      startMs: 0,
      endMs: 3320,
      text: 'The beach was a popular spot on a hot summer day.',
      words: null,
    });
    expect(first.confidence).toBeCloseTo(Math.exp(-0.2860786020755768), 6);
  });

  it('openai-diarized-json.json: the "agent" label is the agent; the other speaker the customer', () => {
    const transcript = read('openai-diarized-json.json');
    expect(transcript.durationMs).toBe(27_400);
    expect(
      transcript.speakers.map((speaker) => [speaker.id, speaker.label, speaker.role, speaker.roleSource]),
    ).toEqual([
      ['spk_0', 'agent', 'agent', 'provider'],
      ['spk_1', 'A', 'customer', 'convention'],
    ]);
    expect(transcript.segments.map((segment) => [segment.speakerId, segment.startMs, segment.endMs])).toEqual(
      [
        ['spk_0', 0, 4700],
        ['spk_1', 4700, 11_800],
        ['spk_0', 12_100, 18_500],
      ],
    );
    expect(ends(transcript).last.text).toBe('Happy to walk you through the steps.');
  });

  it('puts verbose_json word times into their segments', () => {
    const transcript = parseTranscript(
      JSON.stringify({
        task: 'transcribe',
        segments: [
          { start: 0, end: 1, text: ' Hi there.' },
          { start: 1.5, end: 2, text: ' Bye.' },
        ],
        words: [
          { word: 'Hi', start: 0, end: 0.4 },
          { word: 'there', start: 0.5, end: 0.9 },
          { word: 'Bye', start: 1.5, end: 1.9 },
        ],
      }),
    );
    expect(
      transcript.segments.map((segment) => segment.words?.map((word) => [word.text, word.startMs])),
    ).toEqual([
      [
        ['Hi', 0],
        ['there', 500],
      ],
      [['Bye', 1500]],
    ]);
  });
});

describe('Deepgram', () => {
  const transcript = read('deepgram-prerecorded-diarize-utterances.json');

  it('deepgram-prerecorded-diarize-utterances.json: 22 utterances, three diarised speakers, words with times', () => {
    expect(transcript.segments).toHaveLength(22);
    expect(transcript.speakers.map((speaker) => [speaker.id, speaker.role])).toEqual([
      ['spk_0', 'agent'],
      ['spk_1', 'customer'],
      ['spk_2', 'unknown'],
    ]);
    const { first, last } = ends(transcript);
    expect(first).toMatchObject({ speakerId: 'spk_0', startMs: 3040, endMs: 3540, text: 'And,' });
    expect(first.words).toEqual([{ text: 'And,', startMs: 3040, endMs: 3540, confidence: 0.7863548 }]);
    expect(last).toMatchObject({ speakerId: 'spk_1', startMs: 162_605, endMs: 163_105, text: 'Copy.' });
    expect(transcript.segments.reduce((sum, segment) => sum + (segment.words?.length ?? 0), 0)).toBe(226);
  });

  it('records the model, its version, the request and the duration', () => {
    expect(transcript.durationMs).toBe(169_802);
    expect(transcript.provenance).toMatchObject({
      provider: 'deepgram',
      model: 'nova-2',
      modelVersion: '2-ea-nova 2023-09-13.17827',
      providerJobId: 'e4ac910d-2bd6-4e54-b656-4cb971284bad',
      createdAt: '2023-11-02T12:59:59.945Z',
    });
  });

  it('without utterances, multichannel words make one speaker per channel', () => {
    const words = (channel: number, start: number): unknown[] => [
      { word: 'hello', start, end: start + 0.4, confidence: 0.9 },
      { word: 'there', start: start + 0.5, end: start + 0.9, confidence: 0.8 },
    ];
    const multichannel = parseTranscript(
      JSON.stringify({
        metadata: { channels: 2 },
        results: {
          channels: [
            { alternatives: [{ transcript: 'hello there', words: words(0, 0) }] },
            { alternatives: [{ transcript: 'hello there', words: words(1, 2) }] },
          ],
        },
      }),
      { agentChannel: 1 },
    );
    expect(
      multichannel.speakers.map((speaker) => [speaker.id, speaker.channel, speaker.role, speaker.roleSource]),
    ).toEqual([
      ['spk_0', 0, 'customer', 'hint'],
      ['spk_1', 1, 'agent', 'hint'],
    ]);
    expect(
      multichannel.segments.map((segment) => [
        segment.speakerId,
        segment.channel,
        segment.startMs,
        segment.text,
      ]),
    ).toEqual([
      ['spk_0', 0, 0, 'hello there'],
      ['spk_1', 1, 2000, 'hello there'],
    ]);
  });
});

describe('AWS Transcribe', () => {
  it('aws-transcribe-diarization.json: spk_0 and spk_1, punctuation joined to the word before', () => {
    const transcript = read('aws-transcribe-diarization.json');
    expect(transcript.provenance).toMatchObject({
      provider: 'aws-transcribe',
      providerJobId: 'my-first-transcription-job',
    });
    expect(
      transcript.segments.map((segment) => [
        segment.speakerId,
        segment.channel,
        segment.startMs,
        segment.endMs,
        segment.text,
      ]),
    ).toEqual([
      ['spk_0', null, 4870, 6880, "I've been on hold for an hour."],
      ['spk_1', null, 8490, 9240, 'Sorry about that.'],
    ]);
    expect(ends(transcript).last.words).toEqual([
      { text: 'Sorry', startMs: 8490, endMs: 8880, confidence: 1 },
      { text: 'about', startMs: 8880, endMs: 9050, confidence: 0.902 },
      { text: 'that.', startMs: 9050, endMs: 9240, confidence: 1 },
    ]);
  });

  it('aws-transcribe-channel-id.json: ch_0 = spk_0 on channel 0 (agent), ch_1 = spk_1 (customer)', () => {
    const transcript = read('aws-transcribe-channel-id.json');
    expect(transcript.language).toBe('en-US');
    expect(
      transcript.speakers.map((speaker) => [speaker.id, speaker.channel, speaker.label, speaker.role]),
    ).toEqual([
      ['spk_0', 0, 'ch_0', 'agent'],
      ['spk_1', 1, 'ch_1', 'customer'],
    ]);
    expect(
      transcript.segments.map((segment) => [
        segment.speakerId,
        segment.channel,
        segment.startMs,
        segment.endMs,
        segment.text,
      ]),
    ).toEqual([
      ['spk_0', 0, 4860, 6870, "I've been on hold for an hour."],
      ['spk_1', 1, 8500, 9250, 'Sorry about that.'],
    ]);
  });

  it('marks items Transcribe redacted', () => {
    const item = (content: string, start: string, end: string, extra: object = {}): object => ({
      type: 'pronunciation',
      start_time: start,
      end_time: end,
      speaker_label: 'spk_1',
      alternatives: [{ content, confidence: '0.9', ...extra }],
    });
    const transcript = parseTranscript(
      JSON.stringify({
        jobName: 'j',
        results: {
          speaker_labels: { segments: [] },
          items: [
            item('I', '1.0', '1.1'),
            item('am', '1.1', '1.2'),
            item('[PII]', '1.2', '1.8', { redaction_type: 'PII' }),
          ],
        },
      }),
    );
    const { first } = ends(transcript);
    expect(first.text).toBe('I am [PII]');
    expect(first.redactions).toEqual([
      { entityType: 'PII', charStart: 5, charEnd: 10, startMs: 1200, endMs: 1800, by: 'provider' },
    ]);
    expect(transcript.providerRedaction).toEqual({ entityTypes: ['PII'] });
  });
});

describe('Amazon Connect Contact Lens', () => {
  const transcript = read('aws-contact-lens-call-analytics-redacted.json');

  it('aws-contact-lens-call-analytics-redacted.json: the file’s own roles, AGENT = spk_0', () => {
    expect(transcript).toMatchObject({
      language: 'en-US',
      durationMs: 32_110,
      providerRedaction: { entityTypes: ['PII'] },
    });
    expect(transcript.provenance).toMatchObject({ provider: 'aws-contact-lens', modelVersion: '1.1.0' });
    expect(
      transcript.speakers.map((speaker) => [speaker.id, speaker.label, speaker.role, speaker.roleSource]),
    ).toEqual([
      ['spk_0', 'AGENT', 'agent', 'provider'],
      ['spk_1', 'CUSTOMER', 'customer', 'provider'],
    ]);
    expect(transcript.segments).toHaveLength(10);
    const { first, last } = ends(transcript);
    expect(first).toMatchObject({ speakerId: 'spk_0', startMs: 0, endMs: 90, text: 'Okay.' });
    expect(last).toMatchObject({
      speakerId: 'spk_1',
      startMs: 30_580,
      endMs: 32_110,
      text: 'Thank you. Sir. Have a nice evening.',
    });
  });

  it('keeps the [PII] markers with their redacted time ranges', () => {
    const [, second, third] = transcript.segments;
    expect(second?.text).toBe('Just hello. My name is [PII] and help.');
    expect(second?.redactions).toEqual([
      { entityType: 'PII', charStart: 23, charEnd: 28, startMs: 3290, endMs: 3620, by: 'provider' },
    ]);
    expect(third?.text.slice(7, 12)).toBe('[PII]');
    expect(third?.redactions).toEqual([
      { entityType: 'PII', charStart: 7, charEnd: 12, startMs: 5100, endMs: 5450, by: 'provider' },
    ]);
  });
});

describe('AssemblyAI', () => {
  it('assemblyai-transcript-speaker-labels.json: speaker A = spk_0, ms times, the job and model', () => {
    const transcript = read('assemblyai-transcript-speaker-labels.json');
    expect(transcript).toMatchObject({ language: 'en-US', durationMs: 281_000 });
    expect(transcript.provenance).toMatchObject({
      provider: 'assemblyai',
      model: 'assemblyai_default',
      providerJobId: '9ea68fd3-f953-42c1-9742-976c447fb463',
    });
    expect(transcript.speakers).toEqual([
      { id: 'spk_0', role: 'agent', roleSource: 'convention', label: 'A', channel: null },
    ]);
    const { first } = ends(transcript);
    expect(transcript.segments).toHaveLength(1);
    expect(first).toMatchObject({ startMs: 250, endMs: 26_950 });
    expect(first.text.startsWith('Smoke from hundreds of wildfires in Canada')).toBe(true);
    expect(first.text.endsWith('Good morning, professor.')).toBe(true);
    expect(first.words?.[0]).toEqual({ text: 'Smoke', startMs: 250, endMs: 650, confidence: 0.97503 });
    expect(first.words?.at(-1)).toMatchObject({ text: 'US.', startMs: 5732, endMs: 6382 });
    // The example was redacted with redact_pii and its two policies.
    expect(transcript.providerRedaction?.entityTypes).toHaveLength(2);
  });

  it('refuses a transcript that is not completed', () => {
    expect(() =>
      parseTranscript(JSON.stringify({ status: 'error', error: 'audio too short', utterances: [] })),
    ).toThrow(
      'assemblyai transcript at status: the transcript is "error", not "completed" (audio too short)',
    );
  });
});

describe('bad input gets an error that names the problem', () => {
  function failure(input: Uint8Array | string): TranscriptParseError {
    try {
      parseTranscript(input);
    } catch (error) {
      if (error instanceof TranscriptParseError) return error;
      throw new Error(`threw something else: ${String(error)}`);
    }
    throw new Error('no error');
  }

  it.each([
    ['empty input', '', 'the input is empty'],
    ['white space', ' \n\t ', 'only white space'],
    [
      'NUL bytes (a WAV header)',
      Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt '),
      'a NUL character at offset 4',
    ],
    ['bad UTF-8', Buffer.from([0x57, 0x45, 0xc3, 0x28]), 'not valid UTF-8'],
    ['plain prose', 'hello, this is not a transcript', 'not a format Switchboard reads'],
    ['broken JSON', '{"results": {', 'not valid JSON'],
    ['unknown JSON', '{"hello": 1}', 'not a format Switchboard reads'],
    ['a JSON array', '[1,2,3]', 'not a format Switchboard reads'],
    [
      'a WebVTT cue without timing',
      'WEBVTT\n\nhello\nworld\n',
      'webvtt transcript at line 4: expected a cue timing',
    ],
    [
      'a bad WebVTT timestamp',
      'WEBVTT\n\n00:00:61.000 --> 00:01:00.000\nhi\n',
      'webvtt transcript at line 3: "00:00:61.000" is not a timestamp',
    ],
    [
      'a WebVTT cue ending before it starts',
      'WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nhi\n',
      'line 3: ends (1000 ms) before it starts (5000 ms)',
    ],
    [
      'an SRT timestamp with letters',
      '1\n00:00:01,000 --> 00:0x:02,000\nhi\n',
      'srt transcript at line 2: "00:0x:02,000" is not a timestamp',
    ],
    ['captions without text', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i></i>\n', 'holds no speech'],
    [
      'an AWS time that is not a number',
      JSON.stringify({
        results: {
          items: [
            { type: 'pronunciation', start_time: 'soon', end_time: '1', alternatives: [{ content: 'x' }] },
          ],
        },
      }),
      'aws-transcribe transcript at results.items.0.start_time: "soon" is not a time in seconds',
    ],
    [
      'an AWS item of the wrong shape',
      JSON.stringify({ results: { items: [{ type: 'pronunciation', alternatives: 'x' }] } }),
      'aws-transcribe transcript at results.items.0.alternatives',
    ],
    [
      'a Deepgram negative time',
      JSON.stringify({
        results: {
          channels: [{ alternatives: [{ transcript: 'a', words: [{ word: 'a', start: -1, end: 1 }] }] }],
        },
      }),
      'results.channels.0.alternatives.0.words.0.start: -1 is not a time in seconds',
    ],
    [
      'an OpenAI time in milliseconds by mistake',
      JSON.stringify({ segments: [{ start: 0, end: 9_000_000, text: 'x' }] }),
      'segments.0.end: 9000000 is not a time in seconds',
    ],
    [
      'a Contact Lens turn of the wrong type',
      JSON.stringify({ Transcript: [{ BeginOffsetMillis: 'a', EndOffsetMillis: 1, Content: 'x' }] }),
      'aws-contact-lens transcript at Transcript.0.BeginOffsetMillis',
    ],
  ])('%s', (_name, input, message) => {
    const error = failure(input);
    expect(error.message).toContain(message);
    expect(error.code).toMatch(/^CONVERSATIONS_TRANSCRIPT_/);
    expect(error.fields[0]?.field).toMatch(/^transcript/);
  });

  it('refuses a huge line by its number instead of reading it', () => {
    const error = failure(`WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${'a'.repeat(200_000)}\n`);
    expect(error.message).toBe(
      'webvtt transcript at line 4: the line is 200000 characters long (at most 65536)',
    );
  });

  it('refuses input over the size limit before reading it', () => {
    expect(() => parseTranscript('WEBVTT\n\n', { maxBytes: 4 })).toThrow(/8 bytes is more than the 4 bytes/);
    expect(failure(Buffer.alloc(0)).code).toBe('CONVERSATIONS_TRANSCRIPT_INVALID');
  });

  it('does not quote the input back in a JSON syntax error', () => {
    const error = failure('{"name": John Smith}');
    expect(error.message).not.toContain('John');
  });

  it('survives deeply nested JSON', () => {
    const error = failure(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(error.message).toMatch(/not a format|could not be read|not valid JSON/);
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const text = '\uFEFFWEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Grüße\n';
    const transcript = parseTranscript(Buffer.from(text, 'utf16le'));
    expect(ends(transcript).first.text).toBe('Grüße');
  });

  it('a format hint skips detection but not validation', () => {
    expect(() => parseTranscript('{"segments": []}', { format: 'deepgram' })).toThrow(
      'deepgram transcript at results',
    );
  });
});
