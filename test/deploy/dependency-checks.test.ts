import { describe, expect, it } from 'vitest';
import { judgeAudit } from '../../tools/dependency-audit.judge.js';
import { judgeLicence, judgePackage } from '../../tools/licence-policy.js';

/*
 * The CI checks of the dependencies: the licence policy of `npm run licenses` and the reading of
 * `npm audit --json` by `npm run audit:deps`. The audit answers below are npm's documented JSON
 * shapes; the 405 is what this machine's registry mirror answered (it serves GET only).
 */

describe('licence policy (npm run licenses)', () => {
  it.each([
    ['MIT', 'allowed'],
    ['Apache-2.0', 'allowed'],
    ['MIT*', 'allowed'],
    ['(MIT OR GPL-3.0-or-later)', 'allowed'],
    ['(MIT AND Zlib)', 'allowed'],
    ['Apache-2.0 WITH LLVM-exception', 'allowed'],
    ['MPL-2.0', 'weak-copyleft'],
    ['(MIT AND GPL-3.0-only)', 'denied'],
    ['GPL-2.0', 'denied'],
    ['LGPL-3.0-or-later', 'denied'],
    ['AGPL-3.0-only', 'denied'],
    ['SSPL-1.0', 'denied'],
    ['CC-BY-NC-4.0', 'denied'],
    ['(GPL-2.0 OR LGPL-2.1)', 'denied'],
    ['Custom: https://example.com/licence.txt', 'unknown'],
    ['UNKNOWN', 'unknown'],
    ['(MIT', 'unknown'],
  ])('%s is %s', (expression, verdict) => {
    expect(judgeLicence(expression)).toBe(verdict);
  });

  it('takes a reviewed finding for a package whose licence is not an SPDX identifier, per version', () => {
    expect(judgePackage('buffers@0.1.1', 'UNKNOWN')).toMatchObject({ licence: 'MIT', verdict: 'allowed' });
    expect(judgePackage('buffers@0.2.0', 'UNKNOWN')).toMatchObject({ verdict: 'unknown' });
    expect(judgePackage('two@1.0.0', ['MIT', 'GPL-3.0'])).toMatchObject({ verdict: 'denied' });
    expect(judgePackage('none@1.0.0', undefined)).toMatchObject({ licence: 'UNKNOWN', verdict: 'unknown' });
  });
});

describe('dependency audit (npm run audit:deps)', () => {
  it('says the audit was not checked when the endpoint refuses, instead of passing it as clean', () => {
    const answer = JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
      method: 'POST',
      statusCode: 405,
      body: '',
      error: { summary: '', detail: '' },
    });
    const verdict = judgeAudit(answer);
    expect(verdict.outcome).toBe('unreachable');
    expect(verdict.lines[0]).toMatch(/NOT CHECKED.*405 Method Not Allowed.*\(HTTP 405\)/);
    expect(
      judgeAudit('', 'npm error network request failed, reason: getaddrinfo ENOTFOUND').lines[0],
    ).toMatch(/NOT CHECKED.*ENOTFOUND/);
  });

  it('fails on high and critical advisories, naming the packages, and passes moderate ones', () => {
    const report = (vulnerabilities: Record<string, { severity: string; fixAvailable: boolean }>) =>
      JSON.stringify({
        auditReportVersion: 2,
        vulnerabilities,
        metadata: {
          vulnerabilities: {
            info: 0,
            low: 0,
            moderate: Object.values(vulnerabilities).filter((v) => v.severity === 'moderate').length,
            high: Object.values(vulnerabilities).filter((v) => v.severity === 'high').length,
            critical: 0,
            total: Object.keys(vulnerabilities).length,
          },
        },
      });
    const vulnerable = judgeAudit(
      report({
        'fast-xml-parser': { severity: 'high', fixAvailable: true },
        debug: { severity: 'moderate', fixAvailable: false },
      }),
    );
    expect(vulnerable.outcome).toBe('vulnerable');
    expect(vulnerable.lines.join('\n')).toContain(
      'high: fast-xml-parser (a fix is available: npm audit fix)',
    );
    expect(vulnerable.lines.join('\n')).not.toContain('debug');
    const moderate = judgeAudit(report({ debug: { severity: 'moderate', fixAvailable: false } }));
    expect(moderate).toMatchObject({ outcome: 'clean' });
    expect(moderate.lines[0]).toContain('1 moderate');
  });
});
