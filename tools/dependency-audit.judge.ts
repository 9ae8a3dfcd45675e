/*
 * Reads `npm audit --json` (npm 7 and later: `{ vulnerabilities: { <name>: { severity, via,
 * fixAvailable } }, metadata: { vulnerabilities: { info, low, moderate, high, critical, total } } }`,
 * or `{ error: { code, summary } }` / `{ message, statusCode }` when the audit endpoint failed).
 */

export interface AuditVerdict {
  readonly outcome: 'clean' | 'vulnerable' | 'unreachable';
  readonly lines: string[];
}

interface AuditJson {
  vulnerabilities?: Record<string, { severity?: string; via?: unknown[]; fixAvailable?: unknown }>;
  metadata?: { vulnerabilities?: Record<string, number> };
  error?: { code?: string; summary?: string };
  message?: string;
  statusCode?: number;
}

const failing = new Set(['high', 'critical']);

export function judgeAudit(stdout: string, stderr = ''): AuditVerdict {
  let json: AuditJson;
  try {
    json = JSON.parse(stdout) as AuditJson;
  } catch {
    return unreachable(stderr.trim().split('\n').at(-1) ?? 'npm audit printed no JSON');
  }
  const counts = json.metadata?.vulnerabilities;
  if (!counts) {
    const reason = json.message ?? json.error?.summary ?? json.error?.code ?? 'no audit report in the answer';
    return unreachable(json.statusCode ? `${reason} (HTTP ${json.statusCode})` : reason);
  }
  const serious = Object.entries(json.vulnerabilities ?? {}).filter(([, v]) => failing.has(v.severity ?? ''));
  const summary = ['critical', 'high', 'moderate', 'low', 'info']
    .map((s) => `${counts[s] ?? 0} ${s}`)
    .join(', ');
  const lines = [`dependency audit (production dependencies, package-lock.json): ${summary}`];
  for (const [name, v] of serious)
    lines.push(
      `  ${v.severity ?? '?'}: ${name}${v.fixAvailable ? ' (a fix is available: npm audit fix)' : ''}`,
    );
  return serious.length > 0
    ? {
        outcome: 'vulnerable',
        lines: [...lines, `dependency audit: ${serious.length} package(s) at high or critical`],
      }
    : { outcome: 'clean', lines: [...lines, 'dependency audit: ok'] };
}

function unreachable(reason: string): AuditVerdict {
  return {
    outcome: 'unreachable',
    lines: [
      `dependency audit: NOT CHECKED - the registry's audit endpoint could not be used: ${reason}`,
      'No advisory was looked up. Run `npm run audit:deps` where the registry is reachable (AUDIT_REQUIRED=1 makes this a failure).',
    ],
  };
}
