import { ObjectExistsError, type ObjectStore } from '../../../platform/objects/index.js';

/*
 * What an analysis leaves in the object store, per recording and analysis, beside each other:
 *   <tenant>/final/<recording>/<analysis>.json        the conversation document (switchboard.conversation/1)
 *   <tenant>/final/<recording>/<analysis>.call.jsonl  its call row (one line)
 *   <tenant>/final/<recording>/<analysis>.rules.jsonl its QA rule rows (one line per rule; empty without a scorecard)
 * The object store is write-once: each analysis (a re-analysis, a re-score) writes a set of its
 * own, the earlier sets stay readable, and the current analysis's `final_key` names its document.
 */

const base = (tenantId: string, recordingId: string, analysisId: string) =>
  `${tenantId}/final/${recordingId}/${analysisId}`;
export const finalKey = (tenantId: string, recordingId: string, analysisId: string) =>
  `${base(tenantId, recordingId, analysisId)}.json`;
export const callRowsKey = (tenantId: string, recordingId: string, analysisId: string) =>
  `${base(tenantId, recordingId, analysisId)}.call.jsonl`;
export const ruleRowsKey = (tenantId: string, recordingId: string, analysisId: string) =>
  `${base(tenantId, recordingId, analysisId)}.rules.jsonl`;

/**
 * Puts `body` at `key` unless an object is there already: a retried step of the same analysis
 * finds its first write, which stands (write-once).
 */
export async function putOnce(
  objects: ObjectStore,
  key: string,
  body: Buffer,
  options: { readonly contentType: string; readonly tenantId: string },
): Promise<void> {
  try {
    await objects.put(key, body, options);
  } catch (error) {
    if (!(error instanceof ObjectExistsError)) throw error;
  }
}

/** Removes every result object of a recording, of all its analyses (erasure, retention); answers the keys removed. */
export async function eraseResultObjects(
  objects: ObjectStore,
  tenantId: string,
  recordingId: string,
  reason: string,
): Promise<string[]> {
  const keys: string[] = [];
  for await (const head of objects.list(`${tenantId}/final/${recordingId}/`)) keys.push(head.key);
  const removed: string[] = [];
  for (const key of keys) if ((await objects.delete(key, { reason })).deleted) removed.push(key);
  return removed;
}
