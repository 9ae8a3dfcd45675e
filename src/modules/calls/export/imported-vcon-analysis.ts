import { AppError } from '../../../platform/errors.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import { readArchiveObject, type ArchiveLocator, type ArchiveSealing } from '../ingest/archive-sealing.js';
import type { CallRecordV1 } from '../call-record.js';
import { openVcon } from '../connectors/vcon-forms.js';
import type { VconAnalysis, VconContribution, VconContributor, VconKeyedAnalysis } from '../contract.js';

/*
 * A call imported from a vCon keeps the vCon's analysis (transcripts, summaries, sentiment of other
 * vendors) whole in the archived raw payload the record points at; the record itself lists them
 * without bodies (attributes.vcon.analysis). This contributor puts them back into the call's vCon
 * export, as they were, so an import and an export lose no analysis. Their dialog indexes are moved
 * to the dialogs the export writes: a recording dialog of the source becomes the export's dialog of
 * the recording read from it (sourceRecordingId `dialog/<n>`); without a recording (a recording
 * dialog with neither url nor body) the call's one dialog.
 */

const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;

async function archivedVcon(
  deps: { readonly archive: ObjectStore; readonly sealing: ArchiveSealing },
  tenantId: string,
  locator: ArchiveLocator,
): Promise<Record<string, unknown> | null> {
  let bytes: Buffer | null;
  try {
    bytes = await readArchiveObject(deps, tenantId, locator, MAX_ARCHIVE_BYTES);
  } catch (error) {
    // Erased with a data subject: the export goes on without the source's analysis.
    if (error instanceof AppError && error.code === 'CALLS_RAW_ERASED') return null;
    throw error;
  }
  if (!bytes) return null;
  const stored = JSON.parse(bytes.toString('utf8')) as {
    raw?: { format?: unknown; document?: unknown };
  };
  const document = stored.raw?.format === 'json' ? stored.raw.document : undefined;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return null;
  const opened = openVcon(document);
  return opened.ok ? (opened.vcon as Record<string, unknown>) : null;
}

const isIndex = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** The keys (`call:<n>`) of the export's dialogs that stand for the source's dialog `position`. */
function dialogKeyOf(record: CallRecordV1, position: number): string | null {
  if (record.recordings.length === 0) return 'call:0';
  const at = record.recordings.findIndex((r) => r.sourceRecordingId === `dialog/${position}`);
  return at < 0 ? null : `call:${at}`;
}

/** The source vCon's analysis entries, as a contribution to its export. */
export function importedAnalysis(
  record: CallRecordV1,
  vcon: Record<string, unknown>,
): VconContribution | null {
  const entries = Array.isArray(vcon.analysis) ? (vcon.analysis as unknown[]) : [];
  const analysis: VconAnalysis[] = [];
  const keyedAnalysis: VconKeyedAnalysis[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { dialog, ...rest } = entry as Record<string, unknown>;
    if (typeof rest.type !== 'string' || rest.type === '') continue;
    // The draft requires a vendor; vcon-server 0.0.1 files sometimes leave it out.
    const body = {
      ...rest,
      type: rest.type,
      vendor: typeof rest.vendor === 'string' && rest.vendor !== '' ? rest.vendor : 'unknown',
    };
    const positions = (Array.isArray(dialog) ? dialog : [dialog]).filter(isIndex);
    if (positions.length === 0) {
      analysis.push(body);
      continue;
    }
    const dialogKeys = [...new Set(positions.flatMap((p) => dialogKeyOf(record, p) ?? []))];
    if (dialogKeys.length === 0) dialogKeys.push('call:0');
    keyedAnalysis.push({ dialogKeys, analysis: body });
  }
  if (analysis.length === 0 && keyedAnalysis.length === 0) return null;
  return { dialog: [], analysis, attachments: [], keyedAnalysis };
}

/**
 * Registered by calls itself, first: the analysis of vCons it imported. The bodies come from the
 * archived raw payload, so the caller needs what reading that needs (calls:raw).
 */
export function createImportedAnalysisContributor(deps: {
  readonly archive: ObjectStore;
  readonly sealing: ArchiveSealing;
  /** Where a call's raw payload is archived (its index row: logical key, segment, SHA-256). */
  readonly locate: (tenantId: string, callId: string) => Promise<ArchiveLocator | null>;
}): VconContributor {
  return async (ctx, access, calls) => {
    const answer = new Map<string, VconContribution>();
    if (!access.permissions.has('calls:raw')) return answer;
    for (const call of calls) {
      if (call.record.source !== 'vcon' || !call.record.rawObjectKey) continue;
      const locator = (await deps.locate(ctx.tenantId, call.callId)) ?? { key: call.record.rawObjectKey };
      const vcon = await archivedVcon(deps, ctx.tenantId, locator);
      const contribution = vcon ? importedAnalysis(call.record, vcon) : null;
      if (contribution) answer.set(call.callId, contribution);
    }
    return answer;
  };
}
