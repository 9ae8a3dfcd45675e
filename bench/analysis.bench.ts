/**
 * `npm run bench:analysis`: calls analysed per minute by the local analyser over N synthetic call
 * transcripts (labelled intent lines among ordinary talk, two parties, a tenant configuration with
 * trackers and topics), beside the same transcripts through wink-nlp alone in the same run:
 *   - tokenisation alone (wink `readDoc` with an empty pipe): the least any analysis must spend;
 *   - wink `readDoc` with the analyser's pipe (sentences, negation, sentiment, entities) read into
 *     offsets: what the model costs before any rule runs;
 *   - the whole local analyser (sentiment by segment/speaker/quarter, entities, trackers, topics,
 *     intents, questions, action items, summary);
 *   - each LLM analyser (Anthropic, OpenAI-compatible) against its local fake answering at once,
 *     beside a bare HTTP round trip to the same fake: the platform's own overhead per LLM call.
 *
 *   node --import tsx bench/analysis.bench.ts [--calls 200] [--lines 60] [--rounds 3]
 *
 * Each figure is the best of `rounds`, so that other load on the machine biases no row; the load
 * average is printed at the start and the end, and each row also gives calls per CPU-minute of this
 * process, which a busy machine does not inflate the way it inflates wall time. One process, one
 * core: the analyser is synchronous, so a worker per core scales it.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
/* eslint-disable switchboard/module-boundaries -- the conversations door (src/modules/conversations/index.ts)
   is assembled later; until then the analysis library is reached through its own files. */
import { createLocalAnalyser } from '../src/modules/conversations/analysis/index.js';
import {
  DEV_UTTERANCES,
  HELD_OUT_UTTERANCES,
  syntheticConversation,
} from '../src/modules/conversations/analysis/synthetic-conversations.js';
import { readWith, tokenCount } from '../src/modules/conversations/analysis/wink-doc.js';
import type { TenantAnalysisConfig } from '../src/modules/conversations/analysis/analyser.types.js';
import type { Transcript } from '../src/modules/conversations/transcripts/index.js';
import { systemContext } from '../src/platform/context.js';
import {
  createLlmAnalyser,
  type LlmAnalyserConfigInput,
  type LlmAnalysisInput,
} from '../src/modules/conversations/analysis/llm/index.js';
import {
  fakeAnthropic,
  fakeOpenAi,
} from '../src/modules/conversations/analysis/llm/testing/fake-llm-replies.js';
import { FakeProviderServer } from '../src/modules/conversations/transcription/fake-provider.server.js';
import { bestOf, type Measured } from './support/measure.js';
import { loadAverage } from './support/figures.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '200' },
    lines: { type: 'string', default: '60' },
    rounds: { type: 'string', default: '3' },
  },
});
const calls = Number(values.calls);
const lines = Number(values.lines);
const rounds = Number(values.rounds);

const config: TenantAnalysisConfig = {
  trackers: [
    { id: 'trk_competitor', name: 'Competitor', phrases: ['another provider', 'switch to', 'better deal'] },
    {
      id: 'trk_disclosure',
      name: 'Recording disclosure',
      phrases: ['call may be recorded'],
      speaker: 'agent',
    },
    { id: 'trk_refund', name: 'Refund', phrases: ['refund', 'money back'] },
  ],
  topicRules: [
    { id: 'top_billing', name: 'Billing', phrases: ['charged', 'bill', 'payment', 'invoice'] },
    { id: 'top_delivery', name: 'Delivery', phrases: ['arrived', 'parcel', 'delivery'], minMatches: 2 },
  ],
};

const measure = (run: () => Promise<void> | void): Promise<Measured> => bestOf(rounds, run);

const insightSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason', 'resolved'],
  properties: {
    reason: {
      type: 'string',
      enum: ['billing', 'technical', 'cancel', 'other'],
      description: 'Why the customer called.',
    },
    resolved: { type: 'boolean', description: 'Whether the issue was resolved on the call.' },
  },
};

/** A stored transcript as the analysis step hands it to an LLM analyser (analyse-call.ts). */
function llmInput(transcript: Transcript): LlmAnalysisInput {
  return {
    transcript: {
      redacted: true,
      language: transcript.language ?? 'en-US',
      segments: transcript.segments.map((s) => ({
        id: s.id,
        speakerId: s.speakerId,
        role: transcript.speakers.find((p) => p.id === s.speakerId)?.role ?? 'unknown',
        startMs: s.startMs,
        endMs: s.endMs,
        text: s.text,
      })),
    },
    insightSchema,
    scorecard: [
      {
        id: 'empathy',
        name: 'Empathy',
        category: 'Soft skills',
        weight: 1,
        description: 'The agent acknowledges what the customer feels.',
        howToJudge: 'Pass when the agent acknowledges the request.',
        autoFail: false,
      },
    ],
    language: 'en',
    piiPolicy: 'redact-first',
  };
}

async function main(): Promise<void> {
  const pool = [...DEV_UTTERANCES, ...HELD_OUT_UTTERANCES];
  const transcripts: Transcript[] = [];
  for (let seed = 1; seed <= calls; seed++) {
    transcripts.push(
      syntheticConversation(seed, pool, {
        labelled: Math.round(lines / 8),
        fillerLines: lines - Math.round(lines / 8),
      }).transcript,
    );
  }
  const segments = transcripts.reduce((sum, t) => sum + t.segments.length, 0);
  const words = transcripts.reduce(
    (sum, t) => sum + t.segments.reduce((s, seg) => s + seg.text.split(/\s+/).length, 0),
    0,
  );
  const audioMinutes = transcripts.reduce((sum, t) => sum + (t.durationMs ?? 0), 0) / 60_000;

  console.log(`Machine: ${os.cpus().length} cores, load average ${loadAverage()} at start`);
  console.log(
    `Transcripts: ${calls} synthetic calls of ${lines} segments (${segments} segments, ${words} words, ${(audioMinutes / calls).toFixed(1)} min of speech per call); best of ${rounds} rounds\n`,
  );

  // Warm up: load the model and let the JIT see every path once, outside the timings.
  const analyser = createLocalAnalyser();
  const ctx = systemContext('ten_bench', 'req_bench', 'bench');
  for (const transcript of transcripts.slice(0, 5)) {
    await analyser.analyse(ctx, { transcript, characteristics: null, language: 'en-US', config });
    for (const segment of transcript.segments) tokenCount(segment.text);
  }

  const row = (label: string, m: Measured) =>
    console.log(
      `${label.padEnd(58)} ${((calls / m.seconds) * 60).toFixed(0).padStart(8)} calls/min  ${(segments / m.seconds).toFixed(0).padStart(7)} segments/s` +
        `  ${((m.seconds / calls) * 1000).toFixed(2).padStart(7)} ms/call  (wall ${m.seconds.toFixed(2)} s, CPU ${m.cpu.toFixed(2)} s = ${((calls / m.cpu) * 60).toFixed(0)} calls per CPU-minute)`,
    );

  let sink = 0;
  row(
    'baseline: wink readDoc, tokenisation alone',
    await measure(() => {
      for (const transcript of transcripts)
        for (const segment of transcript.segments) sink += tokenCount(segment.text);
    }),
  );
  row(
    'wink readDoc with the analyser pipe, read into offsets',
    await measure(() => {
      for (const transcript of transcripts) {
        for (const segment of transcript.segments) sink += readWith(segment.text).sentences.length;
      }
    }),
  );
  let found = { intents: 0, actionItems: 0, trackerHits: 0 };
  row(
    'local analyser, whole analysis',
    await measure(async () => {
      found = { intents: 0, actionItems: 0, trackerHits: 0 };
      for (const transcript of transcripts) {
        const analysis = await analyser.analyse(ctx, {
          transcript,
          characteristics: null,
          language: 'en-US',
          config,
        });
        found.intents += analysis.intents.length;
        found.actionItems += analysis.actionItems.length;
        found.trackerHits += analysis.trackerHits.length;
      }
    }),
  );
  console.log(
    `  (found per run: ${found.intents} intents, ${found.actionItems} action items, ${found.trackerHits} tracker hits)`,
  );

  // ---- LLM analysers: platform overhead per call against the local fake --------------------------
  // Each LLM analyser (Anthropic, OpenAI-compatible) against its local FAKE server (analysis/llm/
  // testing, built from the documented shapes; no model runs) answering at once, beside the bare
  // HTTP round trip to the same fake with the same request body: the difference is the platform's
  // own work per call (prompt building, the PII check, the HTTP client, JSON Schema validation of
  // the answer, usage and provenance). The fake runs in this process, in both rows alike.
  const fake = await FakeProviderServer.start();
  try {
    const llmCalls = transcripts.slice(0, Math.min(calls, 100));
    const inputs = llmCalls.map((transcript) => llmInput(transcript));
    const answer = {
      summary: 'The customer asked about a charge; the agent explained it.',
      sentiment: 'neutral',
      actionItems: ['Send the invoice again'],
      insights: { reason: 'billing', resolved: true },
      qa: [
        { ruleId: 'empathy', score: 80, pass: true, evidence: [], coachNote: 'Acknowledged the customer.' },
      ],
    };
    const llmRow = (label: string, m: Measured) =>
      console.log(
        `${label.padEnd(58)} ${((llmCalls.length / m.seconds) * 60).toFixed(0).padStart(8)} calls/min  ${((m.seconds / llmCalls.length) * 1000).toFixed(2).padStart(7)} ms/call` +
          `  (wall ${m.seconds.toFixed(2)} s, CPU ${((m.cpu / llmCalls.length) * 1000).toFixed(2)} ms/call)`,
      );
    console.log(
      `\nLLM analysers against their local fakes (${llmCalls.length} calls, sequential, no model latency):`,
    );
    for (const dialect of [fakeAnthropic, fakeOpenAi]) {
      fake.on(dialect.route, dialect.answer(answer));
      const config: LlmAnalyserConfigInput =
        dialect.name === 'anthropic'
          ? { provider: 'anthropic', baseUrl: fake.url, apiKeySecret: 'llm.key', retryBaseMs: 1 }
          : {
              provider: 'openai-compatible',
              baseUrl: `${fake.url}/v1`,
              apiKeySecret: 'llm.key',
              retryBaseMs: 1,
            };
      const llm = createLlmAnalyser(config, () => 'sk-bench-not-a-key');
      for (const input of inputs.slice(0, 3)) await llm.analyse(input);
      const sample = fake.calls.at(-1);
      if (!sample) throw new Error('the fake saw no call');
      const body = sample.body;
      const url = `${fake.url}${sample.path}`;
      const bare = await measure(async () => {
        for (let i = 0; i < llmCalls.length; i++) {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          sink += Object.keys((await response.json()) as object).length;
        }
      });
      llmRow(`baseline: bare HTTP round trip to the ${dialect.name} fake`, bare);
      const whole = await measure(async () => {
        for (const input of inputs) sink += (await llm.analyse(input)).summary.length;
      });
      llmRow(`${dialect.name} analyser against its fake, whole call`, whole);
      console.log(
        `  platform overhead: ${(((whole.seconds - bare.seconds) / llmCalls.length) * 1000).toFixed(2)} ms/call wall, ` +
          `${(((whole.cpu - bare.cpu) / llmCalls.length) * 1000).toFixed(2)} ms/call CPU (request body ${(body.length / 1024).toFixed(1)} KiB)`,
      );
      fake.calls.length = 0;
    }
  } finally {
    await fake.close();
  }
  // -------------------------------------------------------------------------------------------------

  if (sink < 0) throw new Error('unreachable');
  console.log(`\nLoad average at the end: ${loadAverage()}`);
}

await main();
