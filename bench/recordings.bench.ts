/**
 * `npm run bench:recordings`: N synthetic stereo calls, spoken with espeak-ng and shaped with sox
 * in this run (agent on the left channel, customer on the right, turns with an interruption and a
 * long silence, 8 kHz 16-bit like a contact-centre recording), end to end through the platform:
 * the HTTP upload API (multipart, API key) → conversations.recording.received.v1 → the durable
 * recording workflow (decode, characteristics, local transcription with pocketsphinx, redaction,
 * muted copy, enriched object, transcript stored) until every recording is `ready`.
 *
 * Beside it, in the same run and on the same files (each the same work the pipeline does, without
 * the platform around it):
 *   - decode + VAD + characteristics in this process (the pipeline's `characteristics` step);
 *   - the engine alone: pocketsphinx on each channel, already decoded and resampled to 16 kHz mono
 *     WAV files, as many calls at once as the pipeline runs workflows at once;
 *   - the local transcriber of the transcription library (decode, VAD, resample, engine, parse).
 * Each row prints audio minutes processed per wall minute, and the CPU this process spent (the
 * engine runs in child processes, whose CPU is counted apart).
 *
 *   node --import tsx bench/recordings.bench.ts [--calls 3] [--turns 8] [--concurrency <cores>]
 *   (or RECORDINGS_BENCH_CALLS, RECORDINGS_BENCH_TURNS, RECORDINGS_BENCH_CONCURRENCY)
 *
 * The end-to-end row runs the pipeline's worker in this process (the conversations module with the
 * tenant's default transcription, the local engine, as `switchboard worker` runs it) beside the
 * platform as `switchboard api` runs it (upload, storage, events), so that its concurrency is the
 * bench's.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createPlatform } from '../src/app/platform.js';
import { loadConfig } from '../src/platform/config/index.js';
import { createDbosWorkflows, createWorkerRuntime } from '../src/platform/jobs/index.js';
import { createLogger } from '../src/platform/telemetry/index.js';
import { createConversationsModule } from '../src/modules/conversations/index.js';
/* eslint-disable switchboard/module-boundaries -- the baselines call the audio and transcription
   libraries and the local engine directly, which the module's door does not offer. */
import {
  analyseAudio,
  engineAudio,
  openAudioFile,
  pcm16WavHeader,
  toPcm16,
} from '../src/modules/conversations/audio/index.js';
import { createTranscriber } from '../src/modules/conversations/transcription/index.js';
import {
  engineArgs,
  findLocalEngine,
  runEngine,
} from '../src/modules/conversations/transcription/local-engine.js';
import { localProviderSchema } from '../src/modules/conversations/transcription/transcription.config.js';
import { multipartForm } from '../src/modules/conversations/recordings/testing/upload-forms.js';
/* eslint-enable switchboard/module-boundaries */
import { loadAverage, printTable } from './support/figures.js';
import { bestOf, type Measured } from './support/measure.js';
import { listenWithBenchTenant } from './support/bench-tenant.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: process.env.RECORDINGS_BENCH_CALLS ?? '3' },
    turns: { type: 'string', default: process.env.RECORDINGS_BENCH_TURNS ?? '8' },
    concurrency: {
      type: 'string',
      default: process.env.RECORDINGS_BENCH_CONCURRENCY ?? String(os.cpus().length),
    },
  },
});
const callCount = Number(values.calls);
const turnsPerCall = Number(values.turns);
const concurrency = Number(values.concurrency);
const SAMPLE_RATE = 8000;

function requireTools(): void {
  const missing = ['espeak-ng', 'sox'].filter(
    (tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).error !== undefined,
  );
  const engine = findLocalEngine(localProviderSchema.parse({ provider: 'local' }));
  const problems = [
    ...(missing.length > 0 ? [`${missing.join(' and ')} not installed (apt-get install espeak-ng sox)`] : []),
    ...(engine instanceof Error ? [`no local engine: ${engine.message}`] : []),
  ];
  if (problems.length > 0) {
    console.error(
      `bench:recordings needs espeak-ng and sox to make its calls and pocketsphinx to transcribe them:\n  ${problems.join('\n  ')}\n` +
        'On Debian/Ubuntu: apt-get install espeak-ng sox pocketsphinx pocketsphinx-en-us',
    );
    process.exit(2);
  }
}

const AGENT_LINES = [
  'Thank you for calling customer service, my name is Alex, how can I help you today?',
  'I am sorry to hear that. Can I have your account number please?',
  'Thank you. I can see the order here, it was shipped on Monday.',
  'Let me check the delivery status with the carrier for you.',
  'The parcel is at the local depot and will arrive tomorrow morning.',
  'Is there anything else I can help you with today?',
  'You are welcome. Have a lovely day and thank you for calling.',
];
const CUSTOMER_LINES = [
  'Hello, I am calling about an order that has not arrived yet.',
  'Yes, it is four five six seven eight nine.',
  'Monday? It should have been here by now.',
  'Okay, I will wait on the line.',
  'That is great news, thank you very much.',
  'No, that is all, thanks for your help.',
];

/** One utterance spoken by espeak-ng and brought to 8 kHz mono 16-bit by sox, as samples in [-1, 1]. */
async function speak(dir: string, text: string, voice: string, name: string): Promise<Float32Array> {
  const wide = path.join(dir, `${name}.espeak.wav`);
  const raw = path.join(dir, `${name}.raw`);
  const spoken = spawnSync('espeak-ng', ['-v', voice, '-s', '165', '-w', wide, text]);
  if (spoken.status !== 0) throw new Error(`espeak-ng failed: ${spoken.stderr.toString()}`);
  // Telephone band (300–3400 Hz) at 8 kHz, a little quieter than full scale.
  const shaped = spawnSync('sox', [
    wide,
    '-r',
    String(SAMPLE_RATE),
    '-c',
    '1',
    '-b',
    '16',
    '-e',
    'signed-integer',
    '-t',
    'raw',
    raw,
    'sinc',
    '300-3400',
    'gain',
    '-3',
  ]);
  if (shaped.status !== 0) throw new Error(`sox failed: ${shaped.stderr.toString()}`);
  const bytes = await readFile(raw);
  const samples = new Float32Array(bytes.length / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2) / 32768;
  await rm(wide);
  await rm(raw);
  return samples;
}

interface SyntheticCall {
  readonly file: string;
  readonly durationMs: number;
}

/**
 * A stereo call of `turns` turns: agent and customer take turns with 400–900 ms gaps, the customer
 * cuts in 600 ms before the agent's third turn ends, and one pause of 3.5 s (on hold).
 */
async function makeCall(dir: string, index: number): Promise<SyntheticCall> {
  const placed: { channel: 0 | 1; at: number; samples: Float32Array }[] = [];
  let cursor = Math.round(0.5 * SAMPLE_RATE);
  for (let turn = 0; turn < turnsPerCall; turn++) {
    const agent = turn % 2 === 0;
    const lines = agent ? AGENT_LINES : CUSTOMER_LINES;
    const text = lines[(Math.floor(turn / 2) + index) % lines.length] ?? '';
    const samples = await speak(dir, text, agent ? 'en-us+m3' : 'en-us+f2', `call${index}-turn${turn}`);
    placed.push({ channel: agent ? 0 : 1, at: cursor, samples });
    const interrupted = turn === 4;
    const gapMs = turn === 6 ? 3_500 : interrupted ? -600 : 400 + ((turn * 137 + index * 71) % 500);
    cursor += samples.length + Math.round((gapMs / 1000) * SAMPLE_RATE);
  }
  const frames = cursor + SAMPLE_RATE;
  const channels = [new Float32Array(frames), new Float32Array(frames)] as const;
  // Line noise at about −60 dBFS on both channels, so silence is not digital zero.
  for (const channel of channels)
    for (let i = 0; i < frames; i++) channel[i] = (Math.random() * 2 - 1) * 0.001;
  for (const { channel, at, samples } of placed) {
    const target = channels[channel];
    for (let i = 0; i < samples.length && at + i < frames; i++)
      target[at + i] = (target[at + i] ?? 0) + (samples[i] ?? 0);
  }
  const data = toPcm16([...channels]);
  const file = path.join(dir, `call-${index}.wav`);
  await writeFile(file, Buffer.concat([pcm16WavHeader(SAMPLE_RATE, 2, data.byteLength), data]));
  return { file, durationMs: (frames / SAMPLE_RATE) * 1000 };
}

/** One timed run of `run`. */
const measure = (run: () => Promise<unknown>): Promise<Measured> => bestOf(1, run);

/** Runs `work` on every item, at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** One channel as the engine takes it: a 16 kHz mono 16-bit WAV. */
async function engineWav(call: SyntheticCall, channel: number, file: string): Promise<void> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of engineAudio(await openAudioFile(call.file), { channel })) chunks.push(chunk);
  const data = Buffer.concat(chunks);
  await writeFile(file, Buffer.concat([pcm16WavHeader(16_000, 1, data.byteLength), data]));
}

async function main(): Promise<void> {
  requireTools();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-recordings-bench-'));
  const logger = createLogger({ level: 'fatal' });
  try {
    console.log(`Machine: ${os.cpus().length} cores, load average ${loadAverage()} at start`);
    const madeStarted = performance.now();
    const calls: SyntheticCall[] = [];
    for (let i = 0; i < callCount; i++) calls.push(await makeCall(dir, i));
    const audioMinutes = calls.reduce((sum, c) => sum + c.durationMs, 0) / 60_000;
    console.log(
      `Calls: ${callCount} stereo calls of ${turnsPerCall} turns (${calls.map((c) => `${(c.durationMs / 1000).toFixed(0)} s`).join(', ')}; ${audioMinutes.toFixed(2)} audio minutes), 8 kHz 16-bit, ` +
        `made with espeak-ng + sox in ${((performance.now() - madeStarted) / 1000).toFixed(0)} s`,
    );
    console.log(`Concurrency: ${concurrency} calls at once (workflows, and the engine-alone baseline)\n`);

    const rows: string[][] = [];
    const row = (label: string, m: Measured, note: string) =>
      rows.push([
        label,
        m.seconds.toFixed(1),
        (audioMinutes / (m.seconds / 60)).toFixed(2),
        (m.seconds / (audioMinutes * 60)).toFixed(3),
        m.cpu.toFixed(1),
        note,
      ]);

    // 1. Decode + VAD + characteristics, in this process, one call after another.
    let found = '';
    row(
      'decode + VAD + characteristics',
      await measure(async () => {
        let interruptions = 0;
        let silences = 0;
        for (const call of calls) {
          const result = await analyseAudio(await openAudioFile(call.file), {
            speakers: ['agent', 'customer'],
          });
          interruptions += result.characteristics.interruptions.length;
          silences += result.characteristics.nonTalk.periods.length;
        }
        found = `${interruptions} interruptions, ${silences} silences ≥ 3 s`;
      }),
      `sequential; found ${found}`,
    );

    // 2. The engine alone, on channels already decoded to 16 kHz WAV files.
    const engineConfig = localProviderSchema.parse({ provider: 'local' });
    const engine = findLocalEngine(engineConfig);
    if (engine instanceof Error) throw engine;
    const channelFiles = new Map<SyntheticCall, string[]>();
    for (const [i, call] of calls.entries()) {
      const files = [0, 1].map((c) => path.join(dir, `call-${i}-ch${c}-16k.wav`));
      for (const [c, file] of files.entries()) await engineWav(call, c, file);
      channelFiles.set(call, files);
    }
    let words = 0;
    const engineMeasured = await measure(() =>
      pool(calls, concurrency, async (call) => {
        for (const file of channelFiles.get(call) ?? []) {
          const stdout = await runEngine(
            engine.binary,
            engineArgs(engine, engineConfig, { input: file, outputBase: `${file}.out` }, 'en'),
            600_000,
            undefined,
          );
          words += stdout.split('\n').filter((line) => /^\S+ \d/.test(line) && !/^<|^\[/.test(line)).length;
        }
      }),
    );
    row(
      `engine alone (${path.basename(engine.binary)})`,
      engineMeasured,
      `${concurrency} at once, channels in turn; ${words} word timings`,
    );

    // 3. The transcription library's local provider (what the pipeline's transcribe step runs).
    const library = createTranscriber(
      { providers: [{ provider: 'local' }], defaultLanguage: 'en-US' },
      () => undefined,
    );
    let segments = 0;
    row(
      'local transcriber (decode, resample, engine, parse)',
      await measure(() =>
        pool(calls, concurrency, async (call) => {
          const done = await library.transcribe({
            open: () => readFile(call.file),
            contentType: 'audio/wav',
            fileName: path.basename(call.file),
          });
          segments += done.transcript.segments.length;
        }),
      ),
      `${concurrency} at once; ${segments} segments`,
    );

    // 4. End to end: upload → workflow → transcript.
    const config = loadConfig({
      SWITCHBOARD_DATA_DIR: dir,
      SWITCHBOARD_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      PORT: '0',
      LOG_LEVEL: 'fatal',
      SWITCHBOARD_RATE_LIMIT_INTERNAL: '1000000',
    });
    const platform = await createPlatform(config, { role: 'api', logger });
    const workflows = createDbosWorkflows({
      systemDatabaseUrl: platform.database.ownerUrl,
      mode: 'executor',
      executorId: `bench-recordings-${randomUUID().slice(0, 8)}`,
      logger,
      workerConcurrency: concurrency,
    });
    const conversations = createConversationsModule({
      database: platform.database,
      keyring: platform.keyring,
      audit: platform.auditLog,
      bus: platform.bus,
      objects: platform.quietObjects,
      workflows,
      logger,
    });
    const runtime = createWorkerRuntime(
      { database: platform.database, bus: platform.bus, logger, workflows },
      { modules: [conversations] },
    );
    try {
      await runtime.start();
      // No provider configured: the tenant's default, the local engine, transcribes.
      const { port, tenantId, key } = await listenWithBenchTenant(platform, ['recordings:ingest']);
      const forms = await Promise.all(
        calls.map(async (call, i) =>
          multipartForm([
            {
              name: 'metadata',
              contentType: 'application/json',
              body: JSON.stringify({
                source: 'bench',
                sourceRecordingId: `bench-${i}`,
                startedAt: new Date(Date.UTC(2026, 9, 1, 9, i)).toISOString(),
                direction: 'inbound',
                language: 'en-US',
                parties: [
                  { name: 'Alex', role: 'agent', channel: 0 },
                  { number: `+44207946${String(1000 + i)}`, role: 'customer', channel: 1 },
                ],
              }),
            },
            {
              name: 'audio',
              filename: path.basename(call.file),
              contentType: 'audio/wav',
              body: await readFile(call.file),
            },
          ]),
        ),
      );
      let uploadedAfter = 0;
      let states: Record<string, number> = {};
      const endToEnd = await measure(async () => {
        const started = performance.now();
        await pool(forms, concurrency, async (form) => {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/recordings`, {
            method: 'POST',
            headers: { ...form.headers, 'x-api-key': key },
            body: form.payload,
          });
          if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
        });
        uploadedAfter = (performance.now() - started) / 1000;
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          const { rows: counted } = await sql<{ state: string; n: number }>`
            select state, count(*)::int as n from conversations.recordings
             where tenant_id = ${tenantId} group by state`.execute(platform.database.owner);
          states = Object.fromEntries(counted.map((r) => [r.state, r.n]));
          if ((states.ready ?? 0) + (states.failed ?? 0) >= calls.length) break;
          if (performance.now() - started > 30 * 60_000)
            throw new Error(`not done after 30 minutes: ${JSON.stringify(states)}`);
        }
      });
      const failures = await sql<{ failure_reason: string | null }>`
        select failure_reason from conversations.recordings
         where tenant_id = ${tenantId} and state = 'failed'`.execute(platform.database.owner);
      row(
        'end to end: upload → workflow → transcript',
        endToEnd,
        `HTTP uploads done after ${uploadedAfter.toFixed(1)} s; ${states.ready ?? 0} ready, ${states.failed ?? 0} failed`,
      );
      for (const f of failures.rows) console.log(`  failed: ${f.failure_reason ?? '?'}`);
    } finally {
      await runtime.stop();
      await platform.close();
    }

    console.log('');
    printTable(
      ['', 'wall s', 'audio min / wall min', 'RTF', 'CPU s (Node)'],
      rows.map((r) => r.slice(0, 5)),
    );
    console.log('');
    for (const r of rows) console.log(`${r[0]}: ${r[5]}`);
    const e2e = rows.at(-1);
    const engineRow = rows[1];
    if (e2e && engineRow)
      console.log(
        `\nEnd to end runs at ${((Number(e2e[2]) / Number(engineRow[2])) * 100).toFixed(0)}% of the engine alone's pace ` +
          `(audio minutes per wall minute; the engine's CPU is in its child processes, not in "CPU s (Node)").`,
      );
    console.log(`Load average at the end: ${loadAverage()}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
