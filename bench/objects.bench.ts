/**
 * The filesystem object store's write protocols for small objects, as the call archive writes them
 * (one encrypted object per record, putMany in batches of 500), against a bare loop of writeFile
 * and one syncfs per batch in the same run:
 *
 * - bare: writeFile of each object's bytes (same size, not encrypted) into its day folder, then one
 *   syncfs for the batch (the store's batch-sync helper). No encryption, no trailer, no write-once.
 * - seal: the CPU to encrypt and hash the same objects, without writing them (part of both store
 *   figures).
 * - link: putMany with `writeProtocol: 'link'`: temporary files in a batch folder, syncfs, link()
 *   to the final names, syncfs.
 * - exclusive-create: putMany with `writeProtocol: 'exclusive-create'`: each object written at its
 *   final name with O_EXCL, one syncfs.
 *
 * The variants run in turn, `--rounds` times, each in a fresh folder under `--dir` (on the disk
 * under test: not a tmpfs). CPU is process.cpuUsage (user + system) of this process; the `sync`
 * helper's own CPU and the kernel's write-back are not in it.
 *
 *   node --import tsx bench/objects.bench.ts [--objects 20000] [--batch 500] [--size 1500] [--rounds 3] [--dir <path>]
 */
import { createHash, randomBytes } from 'node:crypto';
import { writeFile as writeFileCallback } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';

import { mapLimited } from '../src/platform/concurrency.js';
import {
  InMemoryDataKeyStore,
  createKeyring,
  createLocalMasterKeyProvider,
  type Keyring,
} from '../src/platform/crypto/index.js';
import { createBatchSync } from '../src/platform/objects/fs-batch-sync.js';
import { createFilesystemObjectStore } from '../src/platform/objects/index.js';
import type { PutManyItem } from '../src/platform/objects/object-store.types.js';
import { loadAverage, printTable } from './support/figures.js';

const { values } = parseArgs({
  options: {
    objects: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '500' },
    size: { type: 'string', default: '1500' },
    rounds: { type: 'string', default: '3' },
    dir: { type: 'string', default: os.tmpdir() },
  },
});
const objectCount = Number(values.objects);
const batchSize = Number(values.batch);
const bodySize = Number(values.size);
const rounds = Number(values.rounds);
const tenantId = 'ten_bench';

type Variant = 'bare' | 'seal' | 'link' | 'exclusive-create';
interface Figure {
  readonly seconds: number;
  readonly cpuMicros: number;
}

/** Objects shaped like the archive's: a JSON raw record, keyed by day, source call id, version and digest. */
function makeItems(): PutManyItem[] {
  return Array.from({ length: objectCount }, (_, i) => {
    const raw = { source: 'generic', callId: `call_${i}`, pad: randomBytes(bodySize).toString('base64') };
    const body = Buffer.from(JSON.stringify(raw).slice(0, bodySize), 'utf8');
    const digest = createHash('sha256').update(body).digest('hex').slice(0, 16);
    const day = String(1 + (Math.floor(i / batchSize) % 28)).padStart(2, '0');
    return {
      key: `${tenantId}/generic/2026/10/${day}/call_${i}_v1_${digest}.json`,
      body,
      options: { contentType: 'application/json', tenantId },
    };
  });
}

const batchesOf = <T>(items: readonly T[]): T[][] => {
  const batches: T[][] = [];
  for (let from = 0; from < items.length; from += batchSize)
    batches.push(items.slice(from, from + batchSize));
  return batches;
};

const writeFile = promisify(writeFileCallback);

async function measure(fn: () => Promise<void>): Promise<Figure> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuMicros: used.user + used.system };
}

async function runVariant(
  variant: Variant,
  items: PutManyItem[],
  keyring: Keyring,
  dir: string,
): Promise<Figure> {
  const root = await mkdtemp(path.join(dir, `sb-objects-bench-${variant}-`));
  try {
    if (variant === 'seal') {
      const seal = await keyring.objectSealer(tenantId);
      return await measure(async () => {
        for (const batch of batchesOf(items)) {
          for (const item of batch) {
            createHash('sha256').update(item.body).digest('hex');
            seal(item.body);
          }
          await new Promise((resolve) => setImmediate(resolve));
        }
      });
    }
    if (variant === 'bare') {
      const sync = createBatchSync(root);
      try {
        return await measure(async () => {
          for (const batch of batchesOf(items)) {
            const paths = batch.map((item) => path.join(root, ...item.key.split('/')));
            for (const folder of new Set(paths.map((p) => path.dirname(p))))
              await mkdir(folder, { recursive: true });
            await mapLimited([...batch.keys()], 16, (index) =>
              writeFile(paths[index] ?? '', batch[index]?.body ?? Buffer.alloc(0), {
                flag: 'wx',
                mode: 0o600,
              }),
            );
            await sync.sync(paths);
          }
        });
      } finally {
        sync.close();
      }
    }
    const store = createFilesystemObjectStore({ root, keyring, writeProtocol: variant });
    try {
      return await measure(async () => {
        for (const batch of batchesOf(items)) await store.putMany(batch);
      });
    } finally {
      await store.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const median = (numbers: number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function main(): Promise<void> {
  const keyring = createKeyring({
    store: new InMemoryDataKeyStore(),
    masterKey: createLocalMasterKeyProvider(randomBytes(32)),
  });
  const items = makeItems();
  const variants: Variant[] = ['bare', 'seal', 'link', 'exclusive-create'];
  const figures = new Map<Variant, Figure[]>(variants.map((v) => [v, []]));
  console.log(
    `Filesystem object store, ${objectCount.toLocaleString('en')} objects of ${bodySize} B in batches of ${batchSize}, ` +
      `${rounds} rounds, under ${values.dir}`,
  );
  const loadBefore = loadAverage();
  // Warm-up: the keyring's data key, the sync helper, the JIT.
  await runVariant('exclusive-create', items.slice(0, batchSize), keyring, values.dir);
  for (let round = 1; round <= rounds; round += 1) {
    for (const variant of variants) {
      const figure = await runVariant(variant, items, keyring, values.dir);
      figures.get(variant)?.push(figure);
      console.log(
        `  round ${round} ${variant.padEnd(16)} ${(objectCount / figure.seconds).toFixed(0).padStart(7)} objects/s ` +
          `${(figure.cpuMicros / objectCount).toFixed(1).padStart(6)} µs CPU/object  load ${loadAverage()}`,
      );
    }
  }
  const bareRate = median((figures.get('bare') ?? []).map((f) => objectCount / f.seconds));
  const bareCpu = median((figures.get('bare') ?? []).map((f) => f.cpuMicros / objectCount));
  printTable(
    ['variant (median of rounds)', 'objects/s', 'CPU µs/object', 'rate vs bare', 'CPU vs bare'],
    variants.map((variant) => {
      const rate = median((figures.get(variant) ?? []).map((f) => objectCount / f.seconds));
      const cpu = median((figures.get(variant) ?? []).map((f) => f.cpuMicros / objectCount));
      return [
        variant,
        variant === 'seal' ? '-' : rate.toFixed(0),
        cpu.toFixed(1),
        variant === 'seal' ? '-' : `${((rate / bareRate) * 100).toFixed(0)}%`,
        `${(cpu / bareCpu).toFixed(2)}x`,
      ];
    }),
  );
  console.log(`Load average: before ${loadBefore}, after ${loadAverage()} (${os.cpus().length} CPUs)`);
}

await main();
