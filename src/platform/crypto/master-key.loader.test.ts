import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { loadMasterKey } from './master-key.loader.js';

const created: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'sb-masterkey-'));
  created.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
});
const validKey = Buffer.alloc(32, 7).toString('base64');

describe('loadMasterKey', () => {
  it('uses the base64 key given as an argument', async () => {
    const loaded = await loadMasterKey({ masterKeyBase64: validKey, dataDir: await tempDir() });
    expect(loaded.origin).toBe('argument');
    expect(loaded.key.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it('rejects a key that is not 32 bytes, without echoing it', async () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    const promise = loadMasterKey({ masterKeyBase64: short, dataDir: await tempDir() });
    await expect(promise).rejects.toMatchObject({ code: 'CRYPTO_MASTER_KEY_INVALID' });
    await expect(promise).rejects.not.toThrow(short);
  });

  it('rejects text that is not base64', async () => {
    await expect(
      loadMasterKey({ masterKeyBase64: 'not base64 at all!', dataDir: await tempDir() }),
    ).rejects.toMatchObject({
      code: 'CRYPTO_MASTER_KEY_INVALID',
    });
  });

  it('generates a 0600 key file on first use and reads the same key afterwards', async () => {
    const dataDir = join(await tempDir(), 'nested', 'data');
    const first = await loadMasterKey({ dataDir });
    expect(first.origin).toBe('generated');
    const path = join(dataDir, 'master.key');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const second = await loadMasterKey({ dataDir, masterKeyBase64: '' });
    expect(second.origin).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('gives concurrent first starts the same key', async () => {
    const dataDir = await tempDir();
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadMasterKey({ dataDir })));
    for (const loaded of keys) expect(loaded.key.equals(keys[0]!.key)).toBe(true);
  });

  it('refuses a key file readable by group or others', async () => {
    const dataDir = await tempDir();
    const path = join(dataDir, 'master.key');
    await writeFile(path, `${validKey}\n`, { mode: 0o644 });
    await chmod(path, 0o644);
    await expect(loadMasterKey({ dataDir })).rejects.toMatchObject({
      code: 'CRYPTO_MASTER_KEY_INSECURE_FILE',
    });
    await expect(loadMasterKey({ dataDir })).rejects.toThrow(/chmod 600/);
    // The file was left alone for the operator to inspect.
    expect(await readFile(path, 'utf8')).toBe(`${validKey}\n`);
  });

  it('rejects a corrupt key file', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'master.key'), 'abcd\n', { mode: 0o600 });
    await expect(loadMasterKey({ dataDir })).rejects.toMatchObject({ code: 'CRYPTO_MASTER_KEY_INVALID' });
  });
});
