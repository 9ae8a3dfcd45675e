import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { createBatchSync } from './fs-batch-sync.js';

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function fileIn(): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'sb-batch-sync-'));
  created.push(dir);
  const file = join(dir, 'a');
  await writeFile(file, 'a');
  return { dir, file };
}

describe.runIf(process.platform === 'linux')('batch sync', () => {
  it('syncs with syncfs on Linux, concurrent callers sharing the helper', async () => {
    const { dir, file } = await fileIn();
    const sync = createBatchSync(dir);
    await Promise.all(Array.from({ length: 5 }, () => sync.sync([file, dir])));
    expect(sync.mode()).toBe('syncfs');
    sync.close();
  });

  it('falls back to an fsync of each path, for good, when the helper cannot sync', async () => {
    const { dir, file } = await fileIn();
    // The helper syncs the store's root; a root that does not exist makes `sync -f` fail.
    const sync = createBatchSync(join(dir, 'missing'));
    await sync.sync([file, dir]);
    expect(sync.mode()).toBe('fsync');
    await sync.sync([file]);
    // The fallback syncs the paths themselves, so a missing one is an error, never silence.
    await expect(sync.sync([join(dir, 'gone')])).rejects.toMatchObject({ code: 'ENOENT' });
    sync.close();
  });
});
