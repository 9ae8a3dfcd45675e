import type { Readable } from 'node:stream';
import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { PlatformErrors } from '../../../platform/errors.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import { connectorOptionsQuery, toConnectorOptions } from '../connectors/connector-options.js';
import {
  CALL_FILE_FORMATS,
  FILE_FORMAT_SOURCES,
  isCallFileFormat,
} from '../connectors/connector-registry.js';
import { readCallFile } from '../connectors/file-readers.js';
import { transformBatches, type CallWrites, type TransformOutcome } from './call-transform.js';

/** The connector options of a file, as the ingest API's query string takes them. */
export interface CallFileOptions {
  /** IANA zone of local timestamps; default the tenant's. */
  readonly timeZone?: string | undefined;
  readonly usegmtime?: boolean | undefined;
  readonly columns?: string | undefined;
  readonly defaultCountry?: string | undefined;
  readonly ownNumbers?: string | undefined;
  readonly extensionMaxDigits?: string | number | undefined;
}

export interface CallFileImport {
  /** One of CALL_FILE_FORMATS. */
  readonly format: string;
  readonly options?: CallFileOptions;
  /** Called after each batch is committed, with the file's totals so far. */
  readonly onBatch?: (totals: ImportTotals) => void;
}

/** What became of a file's items: records indexed (new, updated, unchanged), quarantined, skipped. */
export type ImportTotals = TransformOutcome;

/**
 * Imports one file into the tenant of `ctx`, streamed batch by batch in constant memory, through
 * the step the bus consumer of `calls.raw.*` runs for every payload (transformItems: archive, index,
 * quarantine, `calls.record.ingested.v1`). A bad format or option is refused before anything is read,
 * naming the option.
 */
export type ImportCallFile = (
  ctx: RequestContext,
  file: Readable,
  input: CallFileImport,
) => Promise<ImportTotals>;

export function createFileImport(deps: {
  readonly database: Database;
  readonly writes: CallWrites;
  readonly objects: ObjectStore;
  readonly bus: Bus;
  readonly timeZoneOf: (ctx: RequestContext) => Promise<string>;
}): ImportCallFile {
  return async (ctx, file, input) => {
    const { format } = input;
    if (!isCallFileFormat(format)) {
      throw PlatformErrors.validation([
        { field: 'format', message: `'${format}' is not one of ${CALL_FILE_FORMATS.join(', ')}` },
      ]);
    }
    const query = connectorOptionsQuery.safeParse({
      ...input.options,
      timeZone: input.options?.timeZone ?? (await deps.timeZoneOf(ctx)),
    });
    if (!query.success) {
      throw PlatformErrors.validation(
        query.error.issues.map((issue) => ({
          field: String(issue.path[0] ?? 'options'),
          message: issue.message,
        })),
      );
    }
    const connectorOptions = toConnectorOptions(format, query.data);
    return transformBatches(
      deps,
      ctx,
      FILE_FORMAT_SOURCES[format],
      readCallFile(file, format, connectorOptions),
      {
        connectorOptions,
        ...(input.onBatch ? { onBatch: input.onBatch } : {}),
      },
    );
  };
}
