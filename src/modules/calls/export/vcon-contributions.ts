import type { AuditContext } from '../../../platform/audit/index.js';
import type { CallRecordV1 } from '../call-record.js';
import type {
  VconCallView,
  VconContribution,
  VconContributor,
  VconContributors,
  VconExportAccess,
} from '../contract.js';
import { toVcon, type VconDialog, type VconDocument } from '../vcon.js';

/**
 * The extension point of the vCon export: modules that depend on calls (conversations) register
 * a contributor at create time; every export with a caller asks each of them, in registration
 * order, for what to append to the calls of a page. Calls itself knows nothing of recordings.
 */
export interface VconContributionRegistry extends VconContributors {
  /** Whether anything is registered (an export without contributors skips the views). */
  readonly size: number;
  /** Every contributor's contributions per call id, in registration order. */
  collect(
    ctx: AuditContext,
    access: VconExportAccess,
    calls: readonly VconCallView[],
  ): Promise<ReadonlyMap<string, readonly VconContribution[]>>;
}

export function createVconContributions(): VconContributionRegistry {
  const contributors = new Map<string, VconContributor>();
  return {
    get size() {
      return contributors.size;
    },
    register(name, contributor) {
      if (contributors.has(name)) throw new Error(`a vCon contributor named '${name}' is registered already`);
      contributors.set(name, contributor);
    },
    async collect(ctx, access, calls) {
      const byCall = new Map<string, VconContribution[]>();
      if (calls.length === 0) return byCall;
      for (const contributor of contributors.values()) {
        const answer = await contributor(ctx, access, calls);
        for (const [callId, contribution] of answer) {
          const list = byCall.get(callId) ?? [];
          list.push(contribution);
          byCall.set(callId, list);
        }
      }
      return byCall;
    },
  };
}

/** The draft's placeholder for a call that was set up but not recorded: a "recording" dialog without content. */
function isPlaceholder(dialog: VconDialog | undefined): boolean {
  return (
    dialog !== undefined &&
    dialog.type === 'recording' &&
    dialog.url === undefined &&
    dialog.body === undefined
  );
}

const shift = (index: number | number[] | undefined, by: number) =>
  index === undefined ? undefined : Array.isArray(index) ? index.map((i) => i + by) : index + by;

/**
 * Appends contributions to a vCon: dialogs after the existing ones (replacing the lone placeholder
 * of an unrecorded call once a real recording arrives), their analysis and attachments with
 * dialog indexes moved to match.
 */
export function withContributions(
  document: VconDocument,
  record: CallRecordV1,
  contributions: readonly VconContribution[],
): VconDocument {
  if (contributions.length === 0) return document;
  // Keyed analysis of the call's own dialogs counts them as they are before contributions.
  const adds = contributions.some((c) => c.dialog.length > 0);
  const dropPlaceholder =
    adds &&
    record.recordings.length === 0 &&
    document.dialog.length === 1 &&
    isPlaceholder(document.dialog[0]);
  const dialog = dropPlaceholder ? [] : [...document.dialog];
  const analysis = [...document.analysis];
  const attachments = [...document.attachments];
  const keyed = new Map<string, number>(dialog.map((_, index) => [`call:${index}`, index]));
  for (const contribution of contributions) {
    const offset = dialog.length;
    dialog.push(...contribution.dialog);
    contribution.dialogKeys?.forEach((key, index) => {
      if (key !== null && index < contribution.dialog.length) keyed.set(key, offset + index);
    });
    for (const entry of contribution.analysis) {
      const moved = shift(entry.dialog, offset);
      analysis.push(moved === undefined ? entry : { ...entry, dialog: moved });
    }
    for (const entry of contribution.attachments)
      attachments.push({ ...entry, dialog: entry.dialog + offset });
  }
  // The placeholder stood for the call's recording: the first recording that replaced it takes its key.
  if (dropPlaceholder && dialog.length > 0) keyed.set('call:0', 0);
  for (const contribution of contributions) {
    for (const entry of contribution.keyedAnalysis ?? []) {
      const found = entry.dialogKeys.flatMap((key) => {
        const index = keyed.get(key);
        return index === undefined ? [] : [index];
      });
      if (found.length === 0) continue;
      analysis.push({ ...entry.analysis, dialog: found.length === 1 ? found[0] : found });
    }
  }
  return { ...document, dialog, analysis, attachments };
}

/** What a contributor is shown of a call: the record and the parties of its vCon. */
export function vconView(callId: string, record: CallRecordV1, document: VconDocument): VconCallView {
  return { callId, record, parties: document.parties };
}

/** The vCons of a page of calls, each with what the contributors add for the caller. */
export async function contributedVcons(
  registry: VconContributionRegistry,
  ctx: AuditContext,
  access: VconExportAccess,
  records: readonly CallRecordV1[],
): Promise<VconDocument[]> {
  const built = records.map((record) => ({ record, document: toVcon(record) }));
  if (registry.size === 0) return built.map(({ document }) => document);
  const contributions = await registry.collect(
    ctx,
    access,
    built.map(({ record, document }) => vconView(record.id, record, document)),
  );
  return built.map(({ record, document }) =>
    withContributions(document, record, contributions.get(record.id) ?? []),
  );
}
