import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { markdownAnchors } from '../support/markdown-anchors.js';

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

interface Rule {
  readonly alert?: string;
  readonly expr: string;
  readonly annotations?: Readonly<Record<string, string>>;
}
interface RuleTest {
  readonly alert_rule_test?: readonly {
    readonly alertname: string;
    readonly exp_alerts: readonly unknown[];
  }[];
}

async function alerts(): Promise<Rule[]> {
  const file = parse(await readFile(`${rulesDir}alerts.yml`, 'utf8')) as {
    groups: { rules: Rule[] }[];
  };
  return file.groups.flatMap((group) => group.rules).filter((rule) => rule.alert !== undefined);
}

describe.skipIf(!havePromtool)(
  'Prometheus alert rules, checked by promtool (skipped without promtool: apt-get install -y prometheus)',
  () => {
    it('are valid rules, every one of them', async () => {
      expect(await run('check', 'rules', 'alerts.yml')).toContain(
        `SUCCESS: ${(await alerts()).length} rules found`,
      );
    });

    it('fire as their unit tests say, each alert at the moment its condition has lasted long enough, and only then', async () => {
      expect(await run('test', 'rules', 'alerts.test.yml')).toContain('SUCCESS');
    });
  },
);

describe('Prometheus alert rules', () => {
  it('each has a unit test in which it fires, and one in which it stays silent', async () => {
    const tests = (parse(await readFile(`${rulesDir}alerts.test.yml`, 'utf8')) as { tests: RuleTest[] })
      .tests;
    const cases = tests.flatMap((test) => test.alert_rule_test ?? []);
    for (const { alert } of await alerts()) {
      const own = cases.filter((c) => c.alertname === alert);
      expect(
        own.some((c) => c.exp_alerts.length > 0),
        `${alert}: no test where it fires`,
      ).toBe(true);
      expect(
        own.some((c) => c.exp_alerts.length === 0),
        `${alert}: no test where it stays silent`,
      ).toBe(true);
    }
  });

  it('each links to its runbook: a section of docs/operations.md that exists', async () => {
    const anchors = markdownAnchors(await readFile(`${docsDir}operations.md`, 'utf8'));
    for (const rule of await alerts()) {
      const link = rule.annotations?.runbook_url ?? '';
      expect(link, rule.alert).toMatch(/^docs\/operations\.md#[a-z0-9-]+$/);
      expect(anchors, `${rule.alert}: ${link}`).toContain(link.split('#')[1]);
    }
  });
});
