import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findImportCycles } from '../../tools/import-cycles.js';

describe('import cycles', () => {
  it('there are none in the code, tests, benchmarks and tools', async () => {
    expect(await findImportCycles(['src', 'test', 'bench', 'tools'])).toEqual([]);
  });

  it('a circle made only of types counts, and is reported as the path around it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-cycles-'));
    try {
      await writeFile(
        path.join(dir, 'database.ts'),
        "import { appRole } from './app-role.js';\nexport interface NoTables {}\nexport const role = appRole;\n",
      );
      await writeFile(
        path.join(dir, 'app-role.ts'),
        "import type { NoTables } from './database.js';\nexport const appRole = 'app';\nexport type T = NoTables;\n",
      );
      await writeFile(path.join(dir, 'tables.ts'), 'export interface Leaf {}\n');
      const cycles = await findImportCycles([dir]);
      expect(cycles).toHaveLength(1);
      expect(cycles[0]?.map((file) => path.basename(file))).toEqual([
        'app-role.ts',
        'database.ts',
        'app-role.ts',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
