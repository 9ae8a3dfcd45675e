import { createHash } from 'node:crypto';
import { ObjectExistsError, type ObjectStore } from '../../../platform/objects/index.js';

/*
 * What an analysis leaves in the object store, per recording, beside each other under final/:
 *   <tenant>/final/<recording>.json        the conversation document (switchboard.conversation/1)
 *   <tenant>/final/<recording>.call.jsonl  its call row (one line)
 *   <tenant>/final/<recording>.rules.jsonl its QA rule rows (one line per rule; empty without a scorecard)
 * One set per recording, holding the current analysis. The object store is write-once, so a newer
 * analysis replaces an object by deleting it (with the reason) and putting the new bytes.
 */

export const finalKey = (tenantId: string, recordingId: string) => `${tenantId}/final/${recordingId}.json`;
export const callRowsKey = (tenantId: string, recordingId: string) =>
  `${tenantId}/final/${recordingId}.call.jsonl`;
export const ruleRowsKey = (tenantId: string, recordingId: string) =>
  `${tenantId}/final/${recordingId}.rules.jsonl`;

/** Every key a recording's results may have: what erasure removes. */
export const resultKeys = (tenantId: string, recordingId: string) => [
  finalKey(tenantId, recordingId),
  callRowsKey(tenantId, recordingId),
  ruleRowsKey(tenantId, recordingId),
];

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

/**
 * Puts `body` at `key`, replacing what is there: the same bytes again are left alone (a retried
 * step); other bytes are deleted first, with `reason`. A writer that raced in between is replaced too.
 */
export async function replaceObject(
  objects: ObjectStore,
  key: string,
  body: Buffer,
  options: { readonly contentType: string; readonly tenantId: string; readonly reason: string },
): Promise<void> {
  const put = () => objects.put(key, body, { contentType: options.contentType, tenantId: options.tenantId });
  for (let attempt = 0; ; attempt += 1) {
    const head = await objects.head(key);
    if (head && head.sha256 === sha256(body)) return;
    if (head) await objects.delete(key, { reason: options.reason });
    try {
      await put();
      return;
    } catch (error) {
      if (!(error instanceof ObjectExistsError) || attempt >= 2) throw error;
    }
  }
}

/** Removes a recording's result objects (erasure, retention); answers the keys that existed. */
export async function eraseResultObjects(
  objects: ObjectStore,
  tenantId: string,
  recordingId: string,
  reason: string,
): Promise<string[]> {
  const removed: string[] = [];
  for (const key of resultKeys(tenantId, recordingId)) {
    if ((await objects.delete(key, { reason })).deleted) removed.push(key);
  }
  return removed;
}
