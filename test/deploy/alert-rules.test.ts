import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const rulesDir = fileURLToPath(new URL('../../deploy/prometheus/', import.meta.url));
const docsDir = fileURLToPath(new URL('../../docs/', import.meta.url));

/** Debian's `prometheus` package ships promtool (apt-get install prometheus), or PROMTOOL_PATH. */
const promtool = process.env.PROMTOOL_PATH ?? 'promtool';
const havePromtool = spawnSync(promtool, ['--version']).status === 0;
if (!havePromtool) {
  process.stderr.write(
    'Skipping the promtool checks of deploy/prometheus: promtool is not installed (apt-get install -y prometheus).\n',
  );
}

async function run(...args: string[]): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)(promtool, args, { cwd: rulesDir });
  return stdout + stderr;
}

describe.skipIf(!havePromtool)(
  'Prometheus alert rules, checked by promtool (skipped without promtool: apt-get install -y prometheus)',
  () => {
    it('are valid rules', async () => {
      expect(await run('check', 'rules', 'alerts.yml')).toContain('SUCCESS: 2 rules found');
    });

    it('fire as their unit tests say: waiting letters after 5 minutes, rising ones while the fault goes on', async () => {
      expect(await run('test', 'rules', 'alerts.test.yml')).toContain('SUCCESS');
    });
  },
);

describe('Prometheus alert rules', () => {
  it('link to runbook sections that exist', async () => {
    const rules = await readFile(`${rulesDir}alerts.yml`, 'utf8');
    const links = [...rules.matchAll(/runbook_url: (\S+)/g)].map((m) => m[1] ?? '');
    expect(links.length).toBeGreaterThan(0);
    for (const link of new Set(links)) {
      const [file, anchor] = link.replace(/^docs\//, '').split('#');
      const headings = (await readFile(`${docsDir}${file ?? ''}`, 'utf8'))
        .split('\n')
        .filter((line) => line.startsWith('#'))
        .map((line) =>
          line
            .replace(/^#+\s*/, '')
            .toLowerCase()
            .replace(/[^a-z0-9 -]/g, '')
            .replaceAll(' ', '-'),
        );
      expect(headings, link).toContain(anchor);
    }
  });
});
