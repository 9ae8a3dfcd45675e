/**
 * A V8 CPU profile (`node --cpu-prof`, or the inspector's Profiler) summarised as the main
 * thread's time per category, per record: where the ingest path's CPU goes.
 *
 * Each sample is charged to the first frame, from the sampled function up towards the root, that
 * belongs to a category: a Buffer copy made by the pg driver counts as pg, an HMAC made for the
 * object store as crypto, a JSON.stringify anywhere as JSON. A sample with no such frame is "other".
 * Idle time is left out. Only the main thread is sampled: worker threads, libuv's pool (fsync) and
 * PostgreSQL are not in it.
 *
 *   node --import tsx bench/support/profile-summary.ts <file.cpuprofile> [--records 50000] [--cpu 1500]
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { printTable } from './figures.js';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

/** The shape of a .cpuprofile (Chrome DevTools protocol's Profiler.Profile). */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export const profileCategories = [
  'GC',
  'pg, Kysely, row building',
  'crypto',
  'object store',
  'zod',
  'JSON',
  'HTTP, sockets',
  'other',
] as const;
export type ProfileCategory = (typeof profileCategories)[number];

const rules: readonly { readonly category: ProfileCategory; readonly test: (frame: CallFrame) => boolean }[] =
  [
    { category: 'GC', test: (f) => f.functionName === '(garbage collector)' },
    {
      category: 'JSON',
      test: (f) => f.url === '' && (f.functionName === 'stringify' || f.functionName === 'parse'),
    },
    { category: 'JSON', test: (f) => /node_modules\/canonicalize\//.test(f.url) },
    { category: 'zod', test: (f) => /node_modules\/zod\//.test(f.url) },
    {
      category: 'crypto',
      test: (f) =>
        /^node:internal\/crypto\//.test(f.url) ||
        /src\/(platform\/crypto\/|modules\/calls\/store\/call-crypto)/.test(f.url),
    },
    {
      category: 'pg, Kysely, row building',
      test: (f) =>
        /node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-\w+|kysely)\//.test(f.url) ||
        /src\/modules\/calls\/(query\/call-rows|store\/call-writes\.repo)/.test(f.url),
    },
    { category: 'object store', test: (f) => /src\/platform\/objects\//.test(f.url) },
    {
      category: 'HTTP, sockets',
      test: (f) =>
        /node_modules\/(fastify|undici|light-my-request|find-my-way|avvio|nats)\//.test(f.url) ||
        /^node:(internal\/deps\/undici|_http|http|net|internal\/stream_base_commons)/.test(f.url),
    },
  ];

const IDLE = new Set(['(idle)']);

export interface ProfileSummary {
  /** Sampled main-thread time, idle excluded, in microseconds. */
  readonly busyMicros: number;
  readonly byCategory: ReadonlyMap<ProfileCategory, number>;
}

export function summariseProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const categoryOf = new Map<number, ProfileCategory | 'idle'>();
  const classify = (id: number): ProfileCategory | 'idle' => {
    const known = categoryOf.get(id);
    if (known) return known;
    const node = byId.get(id);
    let category: ProfileCategory | 'idle' = 'other';
    if (node) {
      const rule = rules.find((r) => r.test(node.callFrame));
      const up = parent.get(id);
      category = IDLE.has(node.callFrame.functionName)
        ? 'idle'
        : rule
          ? rule.category
          : up === undefined
            ? 'other'
            : classify(up);
    }
    categoryOf.set(id, category);
    return category;
  };
  const totals = new Map<ProfileCategory, number>(profileCategories.map((c) => [c, 0]));
  let busy = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample's time is the delta to the next sample (the last one gets the profile's end).
  for (let i = 0; i < samples.length; i++) {
    const micros = i + 1 < deltas.length ? (deltas[i + 1] ?? 0) : 0;
    const category = classify(samples[i] ?? 0);
    if (category === 'idle') continue;
    busy += micros;
    totals.set(category, (totals.get(category) ?? 0) + micros);
  }
  return { busyMicros: busy, byCategory: totals };
}

/**
 * Prints each category's share of the sampled time and, with `cpuMicrosPerRecord` (the process's
 * measured CPU per record), that share of it in µs. The profiler samples by the clock: a thread
 * descheduled on a loaded machine still collects samples, so the sampled µs overstate the CPU by
 * the load and only the shares carry over.
 */
export function printProfileSummary(
  summary: ProfileSummary,
  records: number,
  cpuMicrosPerRecord?: number,
  unit = 'record',
): void {
  const fraction = (micros: number) => (summary.busyMicros === 0 ? 0 : micros / summary.busyMicros);
  const rows = [
    ...profileCategories.map((c) => [c, summary.byCategory.get(c) ?? 0] as const),
    ['total', summary.busyMicros] as const,
  ];
  printTable(
    [
      'Main thread, by category',
      'share',
      `sampled µs/${unit}`,
      ...(cpuMicrosPerRecord === undefined ? [] : [`of the CPU, µs/${unit}`]),
    ],
    rows.map(([category, micros]) => [
      category,
      `${(fraction(micros) * 100).toFixed(0)}%`,
      String(Math.round(micros / records)),
      ...(cpuMicrosPerRecord === undefined
        ? []
        : [String(Math.round(fraction(micros) * cpuMicrosPerRecord))]),
    ]),
  );
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { records: { type: 'string', default: '1' }, cpu: { type: 'string' } },
  });
  const file = positionals[0];
  // --cpu µs: the measured CPU per record, to spread over the categories by their shares.
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--records N]');
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  printProfileSummary(
    summariseProfile(profile),
    Math.max(1, Number(values.records)),
    values.cpu === undefined ? undefined : Number(values.cpu),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
