import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { CALL_FILE_FORMATS, type ImportTotals } from '../../modules/calls/index.js';
import { AppError } from '../../platform/errors.js';
import { tenantContext, withPlatform } from '../cli-context.js';

interface ImportOptions {
  tenant: string;
  format: string;
  timeZone?: string;
  usegmtime?: boolean;
  columns?: string;
  defaultCountry?: string;
  ownNumbers?: string;
  extensionMaxDigits?: string;
  quiet?: boolean;
}

/** An option the import refused, named as the flag that set it (`timeZone` is `--time-zone`). */
function asFlags(error: unknown): unknown {
  if (!(error instanceof AppError) || error.kind !== 'invalid_input' || error.fields.length === 0) return error;
  const flags = error.fields.map((f) => `--${f.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${f.message}`);
  return new AppError('CLI_INVALID_OPTION', 'invalid_input', flags.join('; '));
}

/**
 * `switchboard import calls`: streams files of any supported format through the same archive,
 * index and quarantine steps as the ingest API, batch by batch in constant memory, with a
 * progress bar over the bytes read.
 */
export function registerImportCommands(program: Command): void {
  program
    .command('import')
    .description('Import data from files')
    .command('calls')
    .description('Import call records from CDR files (streamed: files of any size in constant memory)')
    .requiredOption('--tenant <slug>', 'tenant slug or id')
    .requiredOption('--format <format>', `one of: ${CALL_FILE_FORMATS.join(', ')}`)
    .option('--time-zone <zone>', 'IANA zone of local timestamps (Asterisk without usegmtime, 3CX); default the tenant’s')
    .option('--usegmtime', 'asterisk-csv: the PBX writes UTC (cdr.conf usegmtime=yes)')
    .option('--columns <names>', 'column layout of a custom CSV, comma-separated (asterisk-custom-csv: cdr_custom fields or "header"; 3cx-csv; freeswitch-csv)')
    .option('--default-country <code>', 'region national numbers are read in (ISO 3166-1 alpha-2)')
    .option('--own-numbers <e164s>', "the tenant's own public numbers, comma-separated (calls to them are inbound)")
    .option('--extension-max-digits <n>', 'digit strings up to this length are extensions (default 6)')
    .option('--quiet', 'no progress bar')
    .argument('<files...>', 'files to import')
    .action((files: string[], options: ImportOptions) =>
      withPlatform(async (platform) => {
        const ctx = await tenantContext(platform, options.tenant);
        const tenant = await platform.modules.identity.tenants.current(ctx);
        const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
        const total = sizes.reduce((a, b) => a + b, 0);
        const bar = options.quiet || !process.stderr.isTTY ? undefined : new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} bytes | {records} records | ETA {eta}s', stream: process.stderr }, Presets.shades_classic);
        bar?.start(total, 0, { records: 0 });
        const totals: { -readonly [K in keyof ImportTotals]: number } = { records: 0, created: 0, updated: 0, unchanged: 0, quarantined: 0, skipped: 0 };
        let read = 0;
        for (const file of files) {
          let fileRecords = 0;
          const counter = new Transform({
            transform(chunk: Buffer, _encoding, done) {
              read += chunk.length;
              bar?.update(read, { records: totals.records + fileRecords });
              done(null, chunk);
            },
          });
          const imported = await platform.modules.calls
            .importFile(ctx, createReadStream(file).pipe(counter), {
              format: options.format,
              options: {
                timeZone: options.timeZone,
                usegmtime: options.usegmtime,
                columns: options.columns,
                defaultCountry: options.defaultCountry,
                ownNumbers: options.ownNumbers,
                extensionMaxDigits: options.extensionMaxDigits,
              },
              onBatch: (sofar) => {
                fileRecords = sofar.records;
              },
            })
            .catch((error: unknown) => {
              throw asFlags(error);
            });
          for (const key of Object.keys(totals) as (keyof ImportTotals)[]) totals[key] += imported[key];
        }
        bar?.update(total, { records: totals.records });
        bar?.stop();
        console.log(
          `Imported ${files.length} file(s) into ${tenant.slug}: ${totals.records} records ` +
            `(${totals.created} new, ${totals.updated} updated, ${totals.unchanged} duplicates), ` +
            `${totals.quarantined} quarantined, ${totals.skipped} skipped (not calls).`,
        );
        if (totals.quarantined > 0) console.log('See the quarantined items: GET /api/v1/calls/quarantine or the console.');
      }),
    );
}
