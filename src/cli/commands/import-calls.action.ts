import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { SingleBar, Presets } from 'cli-progress';
import {
  connectorOptionsQuery,
  toConnectorOptions,
} from '../../modules/calls/connectors/connector-options.js';
import {
  CALL_FILE_FORMATS,
  FILE_FORMAT_SOURCES,
  isCallFileFormat,
  type CallFileFormat,
  type ConnectorOptions,
} from '../../modules/calls/connectors/connector-registry.js';
import { readCallFile } from '../../modules/calls/connectors/file-readers.js';
import type { ParsedItem } from '../../modules/calls/connectors/parse-result.js';
import { transformItems, type RunInTransaction } from '../../modules/calls/ingest/call-transform.js';
import { transformBatchSize } from '../../modules/calls/ingest/transform.handler.js';
import { tenantContext, withPlatform } from '../cli-context.js';
import type { ImportOptions } from './import.command.js';

/** The same checks as the ingest API's query string; a wrong option stops the import before it starts. */
function connectorOptionsOf(
  format: CallFileFormat,
  options: ImportOptions,
  tenantTimeZone: string,
): ConnectorOptions {
  const parsed = connectorOptionsQuery.safeParse({
    timeZone: options.timeZone ?? tenantTimeZone,
    usegmtime: options.usegmtime,
    columns: options.columns,
    defaultCountry: options.defaultCountry,
    ownNumbers: options.ownNumbers,
    extensionMaxDigits: options.extensionMaxDigits,
  });
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues
        .map(
          (issue) =>
            `--${String(issue.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${issue.message}`,
        )
        .join('; '),
    );
  }
  return toConnectorOptions(format, parsed.data);
}

/**
 * `switchboard import calls`: streams files of any supported format through the same archive,
 * index and quarantine steps as the ingest API, batch by batch in constant memory, with a
 * progress bar over the bytes read.
 */
export function importCalls(files: readonly string[], options: ImportOptions): Promise<void> {
  return withPlatform(async (platform) => {
    if (!isCallFileFormat(options.format)) {
      throw new Error(`unknown format '${options.format}'; use one of: ${CALL_FILE_FORMATS.join(', ')}`);
    }
    const format = options.format;
    const ctx = await tenantContext(platform, options.tenant);
    const tenant = await platform.identity.tenants.current(ctx);
    const connectorOptions = connectorOptionsOf(format, options, tenant.timeZone);
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
    const totals = { records: 0, created: 0, updated: 0, unchanged: 0, quarantined: 0, skipped: 0 };
    const run: RunInTransaction = (fn) => platform.database.withTenant(ctx, fn);
    let read = 0;
    for (const file of files) {
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          read += chunk.length;
          bar?.update(read, { records: totals.records });
          done(null, chunk);
        },
      });
      let batch: ParsedItem[] = [];
      const flush = async () => {
        const outcome = await transformItems(
          { writes: platform.calls.writes, objects: platform.quietObjects, bus: platform.bus },
          ctx,
          run,
          FILE_FORMAT_SOURCES[format],
          batch,
          { connectorOptions },
        );
        if (outcome)
          for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += outcome[key];
        batch = [];
      };
      for await (const item of readCallFile(createReadStream(file).pipe(counter), format, connectorOptions)) {
        batch.push(item);
        if (batch.length >= transformBatchSize) await flush();
      }
      if (batch.length > 0) await flush();
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
