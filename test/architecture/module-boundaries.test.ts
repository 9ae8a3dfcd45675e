import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
// The project's own ESLint configuration; type information is not needed for import rules, and a
// file that exists only in this test could not have it.
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
});

/** The boundary problems ESLint reports for `code` as if it were the file at `file`. */
async function boundaryProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'switchboard/module-boundaries')
    .map((m) => m.message);
}

const importing = (specifier: string) =>
  `import * as imported from '${specifier}';\nexport const used = imported;\n`;

describe('the door of a module (ESLint switchboard/module-boundaries)', () => {
  it('refuses a CLI command reaching inside a module, and names the door', async () => {
    expect(
      await boundaryProblems(
        'src/cli/commands/probe.command.ts',
        importing('../../modules/calls/ingest/transform.handler.js'),
      ),
    ).toEqual([
      "'../../modules/calls/ingest/transform.handler.js' reaches inside the calls module: import its door, src/modules/calls/index.js.",
    ]);
    expect(
      await boundaryProblems('src/cli/commands/probe.command.ts', importing('../../modules/calls/index.js')),
    ).toEqual([]);
  });

  it('refuses a module reaching into another module, at any depth, but not into itself', async () => {
    expect(
      await boundaryProblems(
        'src/modules/calls/teams/probe.ts',
        importing('../../identity/service/users.service.js'),
      ),
    ).toHaveLength(1);
    expect(
      await boundaryProblems(
        'src/modules/calls/probe.ts',
        `export * from '../identity/repo/identity.tables.js';\n`,
      ),
    ).toHaveLength(1);
    expect(
      await boundaryProblems('src/modules/calls/teams/probe.ts', importing('../../identity/index.js')),
    ).toEqual([]);
    expect(
      await boundaryProblems('src/modules/calls/teams/probe.ts', importing('../ingest/transform.handler.js')),
    ).toEqual([]);
  });

  it('keeps the kernel free of modules and of the app', async () => {
    expect(
      await boundaryProblems('src/platform/db/probe.ts', importing('../../app/modules.js')),
    ).toHaveLength(1);
    expect(
      await boundaryProblems('src/platform/db/probe.ts', importing('../../modules/calls/index.js')),
    ).toHaveLength(1);
    expect(
      await boundaryProblems(
        'src/platform/db/probe.ts',
        `const lazy = () => import('../../app/platform.js');\nexport { lazy };\n`,
      ),
    ).toHaveLength(1);
  });

  it('keeps modules from importing the app, and their testing/ folder from the test harness', async () => {
    expect(
      await boundaryProblems('src/modules/identity/probe.ts', importing('../../app/platform.js')),
    ).toHaveLength(1);
    expect(
      await boundaryProblems(
        'src/modules/identity/testing/probe.ts',
        importing('../../../../test/support/test-platform.js'),
      ),
    ).toHaveLength(1);
    expect(
      await boundaryProblems(
        'src/modules/identity/tenants/probe.int.test.ts',
        importing('../../../../test/support/test-platform.js'),
      ),
    ).toEqual([]);
  });

  it('lets tests and benchmarks use a testing/ door, and production code never', async () => {
    expect(
      await boundaryProblems('bench/probe.bench.ts', importing('../src/modules/calls/testing/index.js')),
    ).toEqual([]);
    expect(
      await boundaryProblems(
        'test/probe/probe.int.test.ts',
        importing('../../src/modules/calls/testing/index.js'),
      ),
    ).toEqual([]);
    expect(
      await boundaryProblems(
        'bench/probe.bench.ts',
        importing('../src/modules/calls/testing/call-record.fixtures.js'),
      ),
    ).toHaveLength(1);
    expect(
      await boundaryProblems(
        'src/cli/commands/probe.command.ts',
        importing('../../modules/calls/testing/index.js'),
      ),
    ).toEqual([
      "'../../modules/calls/testing/index.js' is test code (a testing/ folder): only tests and benchmarks import it.",
    ]);
  });
});
