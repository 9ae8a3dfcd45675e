/**
 * `npm run bench:analysis`: calls analysed per minute by the local analyser over N synthetic call
 * transcripts (labelled intent lines among ordinary talk, two parties, a tenant configuration with
 * trackers and topics), beside the same transcripts through wink-nlp alone in the same run:
 *   - tokenisation alone (wink `readDoc` with an empty pipe): the least any analysis must spend;
 *   - wink `readDoc` with the analyser's pipe (sentences, negation, sentiment, entities) read into
 *     offsets: what the model costs before any rule runs;
 *   - the whole local analyser (sentiment by segment/speaker/quarter, entities, trackers, topics,
 *     intents, questions, action items, summary).
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
  // Left for the lead: one row per LLM analyser (Anthropic, OpenAI-compatible) run against its local
  // fake server with zero model latency, so that the figure is the platform's own overhead per call
  // (prompt building, redaction check, JSON Schema validation, repair, provenance). Add it here with
  // `row('<analyser> against its fake, overhead only', await measure(...))`.
  // -------------------------------------------------------------------------------------------------

  if (sink < 0) throw new Error('unreachable');
  console.log(`\nLoad average at the end: ${loadAverage()}`);
}

await main();
