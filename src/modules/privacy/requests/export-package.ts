import { ZipArchive } from 'archiver';
import type { ModulePrivacy, SubjectExportPart } from '../../../platform/privacy/index.js';

/** One participant's contribution to an access package. */
export interface ModuleExport {
  readonly module: string;
  readonly privacy: Pick<ModulePrivacy, 'holds' | 'retention'>;
  readonly parts: readonly SubjectExportPart[];
}

/** A spreadsheet must not run what a person typed: cells that start like a formula get a leading quote. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : JSON.stringify(value);
  if (/^[=@\t\r]/.test(text) || /^[+-][^0-9]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV: a header of every key found in the rows (in the order first seen), CRLF line ends. */
export function toCsv(rows: readonly Readonly<Record<string, unknown>>[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const lines = [
    columns.map(csvCell).join(','),
    ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name that stays inside its module's folder. */
function safeName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return cleaned.length > 0 ? cleaned.slice(0, 100) : 'data';
}

export function readme(input: {
  readonly requestId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly modules: readonly ModuleExport[];
}): string {
  const lines = [
    'Your data',
    '=========',
    '',
    `Access request ${input.requestId}, prepared ${input.createdAt.toISOString()}.`,
    `This package can be downloaded until ${input.expiresAt.toISOString()}.`,
    '',
    'Each folder is one part of the service. Every file comes twice: as JSON (for programs)',
    'and as CSV (for spreadsheets), with the same rows.',
    '',
  ];
  for (const entry of input.modules) {
    lines.push(`${entry.module}/`, `  What it holds: ${entry.privacy.holds}`);
    if (entry.parts.length === 0) lines.push('  Nothing about you was found here.');
    for (const part of entry.parts)
      lines.push(`  ${safeName(part.name)}.json / .csv: ${part.rows.length} row(s)`);
    if (entry.privacy.retention.length > 0) {
      lines.push('  Kept even after an erasure request, and why:');
      for (const rule of entry.privacy.retention) lines.push(`    - ${rule.what}: ${rule.reason}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The zip of an access request: `<module>/<name>.json` and `.csv` per part, and README.txt. */
export async function buildExportZip(input: Parameters<typeof readme>[0]): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    archive.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.on('end', () => resolve(Buffer.concat(chunks)));
    archive.on('error', reject);
    archive.on('warning', reject);
  });
  const date = input.createdAt;
  archive.append(readme(input), { name: 'README.txt', date });
  for (const entry of input.modules) {
    const used = new Set<string>();
    for (const part of entry.parts) {
      let name = safeName(part.name);
      for (let n = 2; used.has(name); n++) name = `${safeName(part.name)}-${n}`;
      used.add(name);
      archive.append(`${JSON.stringify(part.rows, null, 2)}\n`, {
        name: `${entry.module}/${name}.json`,
        date,
      });
      archive.append(toCsv(part.rows), { name: `${entry.module}/${name}.csv`, date });
    }
  }
  await archive.finalize();
  return done;
}
