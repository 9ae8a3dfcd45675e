import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Platform } from '../../app/platform.js';
import type { ColumnMapping, LeadImport, LeadImportDetail, LeadList } from '../../modules/campaigns/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { printable, stdoutOutput, table, type CliOutput } from '../cli-output.js';
import { tenantContext, withPlatform } from '../cli-context.js';

/** The options of `switchboard leads import`, as commander parsed them. */
export interface LeadsImportOptions {
  tenant: string;
  list: string;
  mapping?: string;
  preset?: string;
  createList?: boolean;
  /** false with --no-wait. */
  wait: boolean;
}

/** How often the job is read while waiting; tests shorten it. */
export interface PollSettings {
  readonly intervalMs: number;
}

const FINISHED: ReadonlySet<LeadImport['state']> = new Set(['completed', 'failed']);
/** Bytes read from the start of the file to estimate its rows. */
const SAMPLE_BYTES = 64 * 1024;
const REJECTIONS_SHOWN = 10;

/** The list named by id (`list_...`) or name; created with --create-list when no list has the name. */
async function listFor(
  platform: Platform,
  ctx: RequestContext,
  options: LeadsImportOptions,
): Promise<{ list: LeadList; created: boolean }> {
  const lists = await platform.modules.campaigns.lists.list(ctx);
  const ref = options.list.trim();
  const found = lists.find((l) => l.id === ref) ?? lists.find((l) => l.name === ref);
  if (found) return { list: found, created: false };
  if (options.createList && !ref.startsWith('list_') && ref.length > 0)
    return { list: await platform.modules.campaigns.lists.create(ctx, { name: ref }), created: true };
  throw new AppError(
    'CLI_LIST_NOT_FOUND',
    'not_found',
    ref.startsWith('list_') || !ref
      ? `No lead list '${printable(options.list)}' in tenant ${options.tenant}. See them with: switchboard leads lists --tenant ${options.tenant}`
      : `No lead list named '${printable(options.list)}' in tenant ${options.tenant}. Pass --create-list to create it, or see the lists with: switchboard leads lists --tenant ${options.tenant}`,
  );
}

async function mappingFor(
  platform: Platform,
  ctx: RequestContext,
  options: LeadsImportOptions,
): Promise<ColumnMapping> {
  if (options.mapping !== undefined && options.preset !== undefined)
    throw new AppError(
      'CLI_INVALID_OPTION',
      'invalid_input',
      '--mapping and --preset cannot be given together (a saved mapping may name its preset itself)',
    );
  if (options.mapping !== undefined)
    return (await platform.modules.campaigns.mappings.get(ctx, options.mapping, '--mapping')).mapping;
  // commander has checked the preset against the names; the import refuses an unknown one again.
  if (options.preset !== undefined) return { preset: options.preset as ColumnMapping['preset'] };
  return {};
}

/**
 * The rows the file probably holds: its size over the bytes per row of its first rows (exact when
 * the sample is the whole file). undefined for a workbook or a file without line breaks: a counter then.
 */
export async function estimateRows(file: string, size: number): Promise<number | undefined> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const sample = buffer.subarray(0, bytesRead);
    if (sample[0] === 0x50 && sample[1] === 0x4b) return undefined; // PK: an XLSX workbook (a ZIP).
    let lines = 0;
    let lastBreak = -1;
    for (let i = 0; i < sample.length; i++)
      if (sample[i] === 0x0a) {
        lines++;
        lastBreak = i;
      }
    if (bytesRead >= size) return lines + (lastBreak < sample.length - 1 ? 1 : 0);
    if (lines === 0) return undefined;
    return Math.max(1, Math.round(size / ((lastBreak + 1) / lines)));
  } finally {
    await handle.close();
  }
}

/** Shows the job's progress until it finishes: a bar on a terminal, plain lines otherwise. */
async function follow(
  platform: Platform,
  ctx: RequestContext,
  job: LeadImport,
  estimate: number | undefined,
  out: CliOutput,
  poll: PollSettings,
): Promise<LeadImport> {
  const bar = !out.isTTY
    ? undefined
    : estimate === undefined
      ? new SingleBar(
          { format: ' {value} rows read | {state} | {duration}s', stream: out.stream },
          Presets.shades_classic,
        )
      : new SingleBar(
          {
            format: ' {bar} {percentage}% | {value}/~{total} rows | {state} | ETA {eta}s',
            stream: out.stream,
          },
          Presets.shades_classic,
        );
  bar?.start(estimate ?? 0, 0, { state: job.state });
  let current: LeadImport = job;
  let printed = '';
  try {
    for (;;) {
      current = await platform.modules.campaigns.imports.get(ctx, job.id, { limit: 1 });
      if (bar) {
        if (estimate !== undefined && current.rowsRead > bar.getTotal()) bar.setTotal(current.rowsRead);
        bar.update(current.rowsRead, { state: current.state });
      } else {
        const progress =
          estimate === undefined || FINISHED.has(current.state)
            ? `${current.rowsRead} rows read`
            : `${current.rowsRead} of ~${Math.max(estimate, current.rowsRead)} rows read`;
        const text = `${current.state}: ${progress}`;
        if (text !== printed) out.line(text);
        printed = text;
      }
      if (FINISHED.has(current.state)) break;
      await new Promise((resolve) => setTimeout(resolve, poll.intervalMs));
    }
    if (bar && current.state === 'completed') bar.setTotal(current.rowsRead);
  } finally {
    bar?.stop();
  }
  return current;
}

function report(detail: LeadImportDetail, out: CliOutput): void {
  const invalid = detail.rowsRejected - detail.rowsDuplicate;
  out.line(
    `Import ${detail.id} ${detail.state}: ${detail.rowsRead} rows read, ${detail.rowsAccepted} accepted, ` +
      `${invalid} rejected, ${detail.rowsDuplicate} duplicates.`,
  );
  const scan = detail.scan.result ?? 'not scanned';
  out.line(`Virus scan: ${scan}${detail.scan.detail ? ` (${printable(detail.scan.detail)})` : ''}`);
  if (detail.failureReason) out.line(`Failed: ${printable(detail.failureReason)}`);
  if (detail.rejections.length > 0) {
    const more = detail.nextRejectionsAfter !== null ? ` (the first ${REJECTIONS_SHOWN})` : '';
    out.line(`Rejections${more}:`);
    for (const row of table(
      ['ROW', 'FIELD', 'REASON'],
      detail.rejections.map((r) => [String(r.row), r.field, r.reason]),
    ))
      out.line(`  ${row}`);
    if (detail.nextRejectionsAfter !== null)
      out.line(
        `  All of them: GET /api/v1/campaigns/leads/imports/${detail.id}?rejectionsAfter=${detail.nextRejectionsAfter}, or the console.`,
      );
  }
}

/**
 * `switchboard leads import` on a platform and tenant: starts the import through the imports
 * service (the API's path: sniffed, size-limited, stored, scanned, read in batches), then follows
 * the job. Answers the exit code: 1 when the job failed.
 */
export async function runLeadsImport(
  platform: Platform,
  ctx: RequestContext,
  file: string,
  options: LeadsImportOptions,
  out: CliOutput = stdoutOutput,
  poll: PollSettings = { intervalMs: 500 },
): Promise<number> {
  const size = (await stat(file)).size;
  const mapping = await mappingFor(platform, ctx, options);
  const { list, created } = await listFor(platform, ctx, options);
  if (created) out.line(`Created lead list ${list.id} '${printable(list.name)}'.`);
  const job = await platform.modules.campaigns.imports.start(ctx, {
    listId: list.id,
    fileName: path.basename(file),
    mapping,
    file: createReadStream(file) as AsyncIterable<Buffer>,
  });
  out.line(
    `Started import ${job.id} of ${path.basename(file)} (${job.sniffedType}, ${job.sizeBytes} bytes) into '${printable(list.name)}' (${list.id}).`,
  );
  if (!options.wait) {
    out.line(
      `Not waiting: a running worker finishes it. Follow it with GET /api/v1/campaigns/leads/imports/${job.id} or in the console.`,
    );
    return 0;
  }
  const estimate = job.sniffedType === 'xlsx' ? undefined : await estimateRows(file, size);
  await follow(platform, ctx, job, estimate, out, poll);
  const detail = await platform.modules.campaigns.imports.get(ctx, job.id, { limit: REJECTIONS_SHOWN });
  report(detail, out);
  return detail.state === 'failed' ? 1 : 0;
}

/** `switchboard leads lists`: each list's id, name and lead count. */
export async function runLeadsLists(
  platform: Platform,
  ctx: RequestContext,
  out: CliOutput = stdoutOutput,
): Promise<void> {
  const lists = await platform.modules.campaigns.lists.list(ctx);
  if (lists.length === 0) {
    out.line('No lead lists. Create one with: switchboard leads import <file> --list <name> --create-list');
    return;
  }
  for (const row of table(
    ['ID', 'NAME', 'LEADS'],
    lists.map((l) => [l.id, l.name, String(l.leadCount)]),
  ))
    out.line(row);
}

export function importLeads(file: string, options: LeadsImportOptions): Promise<void> {
  return withPlatform(async (platform) => {
    const ctx = await tenantContext(platform, options.tenant);
    process.exitCode = await runLeadsImport(platform, ctx, file, options);
  });
}

export function listLeadLists(options: { tenant: string }): Promise<void> {
  return withPlatform(async (platform) => {
    await runLeadsLists(platform, await tenantContext(platform, options.tenant));
  });
}
