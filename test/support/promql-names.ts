/** Words of PromQL that are neither metrics nor functions. */
const keywords = new Set(['and', 'or', 'unless', 'offset', 'bool', 'inf', 'nan', 'atan2']);

/**
 * The metric names a PromQL expression selects (also one with Grafana's `$variables`): what is
 * left once strings, label matchers, ranges, grouping clauses and variables are taken out, minus
 * function names (followed by a parenthesis), keywords and the letters of numbers (`10m`, `1e9`).
 * Enough for the expressions of our dashboards and alerts; not a PromQL parser.
 */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{[^}]*\}|\$\w+/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const name = match[0];
    const before = bare[match.index - 1] ?? ' ';
    const after = bare.slice(match.index + name.length).trimStart();
    if (/[0-9.]/.test(before) || after.startsWith('(') || keywords.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}
