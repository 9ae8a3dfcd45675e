import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractTar, packDirectory, tarHeader } from './backup.tar.js';

const execFileAsync = promisify(execFile);

describe('the .tar form of a backup', () => {
  let dir: string;
  const files: Record<string, Buffer> = {
    'manifest.json': Buffer.from('{"format":"switchboard-backup"}\n'),
    'KEYS.md': Buffer.from('# keys\n'),
    'database/tables/0001.copy.gz': randomBytes(70_000),
    'objects/ab/empty.sbo': Buffer.alloc(0),
    [`objects/${'d'.repeat(60)}/${'f'.repeat(70)}.sbo`]: randomBytes(513),
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-tar-'));
    for (const [name, bytes] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, 'in', name)), { recursive: true });
      await writeFile(path.join(dir, 'in', name), bytes);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('packs a folder that extracts to the same bytes, manifest first, readable by tar', async () => {
    const archive = path.join(dir, 'backup.tar');
    await packDirectory(path.join(dir, 'in'), archive, ['manifest.json', 'KEYS.md']);
    await extractTar(archive, path.join(dir, 'out'));
    for (const [name, bytes] of Object.entries(files))
      expect(await readFile(path.join(dir, 'out', name)), name).toEqual(bytes);
    const { stdout } = await execFileAsync('tar', ['-tf', archive]);
    expect(stdout.trim().split('\n')).toEqual([
      'manifest.json',
      'KEYS.md',
      'database/tables/0001.copy.gz',
      'objects/ab/empty.sbo',
      `objects/${'d'.repeat(60)}/${'f'.repeat(70)}.sbo`,
    ]);
  });

  it('writes sizes past 8 GiB in base-256', () => {
    const header = tarHeader('database/switchboard.pgdump', 9 * 1024 ** 3, new Date(0));
    expect(header[124]).toBe(0x80);
    expect(Number(header.readBigUInt64BE(128))).toBe(9 * 1024 ** 3);
  });

  it('refuses an archive naming a file outside the folder', async () => {
    const archive = path.join(dir, 'evil.tar');
    const body = Buffer.from('x');
    await writeFile(
      archive,
      Buffer.concat([
        tarHeader('../escaped.txt', 1, new Date()),
        body,
        Buffer.alloc(511),
        Buffer.alloc(1024),
      ]),
    );
    await expect(extractTar(archive, path.join(dir, 'evil'))).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
    });
  });
});
