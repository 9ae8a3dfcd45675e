import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { SingleBar, Presets } from 'cli-progress';
import type { ImportTotals } from '../../modules/calls/index.js';
import { AppError } from '../../platform/errors.js';
import { tenantContext, withPlatform } from '../cli-context.js';

/** The options of `switchboard import calls`, as commander parsed them. */
export interface ImportOptions {
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
  if (!(error instanceof AppError) || error.kind !== 'invalid_input' || error.fields.length === 0)
    return error;
  const flags = error.fields.map(
    (f) => `--${f.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${f.message}`,
  );
  return new AppError('CLI_INVALID_OPTION', 'invalid_input', flags.join('; '));
}

/**
 * `switchboard import calls`: streams files of any supported format through the calls module's one
 * ingest path (the transform handler's), batch by batch in constant memory, with a progress bar
 * over the bytes read. Loaded only when the command runs.
 */
export function importCalls(files: string[], options: ImportOptions): Promise<void> {
  return withPlatform(async (platform) => {
    const ctx = await tenantContext(platform, options.tenant);
    const tenant = await platform.modules.identity.tenants.current(ctx);
    const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
    const total = sizes.reduce((a, b) => a + b, 0);
    const bar =
      options.quiet || !process.stderr.isTTY
        ? undefined
        : new SingleBar(
            {
              format: ' {bar} {percentage}% | {value}/{total} bytes | {records} records | ETA {eta}s',
              stream: process.stderr,
            },
            Presets.shades_classic,
          );
    bar?.start(total, 0, { records: 0 });
    const totals: { -readonly [K in keyof ImportTotals]: number } = {
      records: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      quarantined: 0,
      skipped: 0,
    };
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
    if (totals.quarantined > 0)
      console.log('See the quarantined items: GET /api/v1/calls/quarantine or the console.');
  });
}
