import type { ObjectHead, ObjectStore, PutObjectOptions, PutObjectResult } from './object-store.types.js';

/**
 * Calls `onCreated` after every put that created an object (not after an identical
 * re-put), with the facts the put established. Intended for the `objects.created.v1` event.
 *
 * If `onCreated` fails, put fails too, although the object exists: a retry of that put
 * returns created=false and will not call `onCreated` again. Make `onCreated` durable (an
 * outbox insert) rather than best effort, or reconcile from `list()`.
 */
export function withCreatedEvents(
  store: ObjectStore,
  onCreated: (head: ObjectHead) => Promise<void>,
): ObjectStore {
  return {
    ...bind(store),
    async put(key, body, options = {}) {
      const result = await store.put(key, body, options);
      if (result.created) await onCreated(createdHead(result, options));
      return result;
    },
    async putMany(items) {
      const results = await store.putMany(items);
      for (const [index, result] of results.entries()) {
        const options = items[index]?.options ?? {};
        if (result.created) await onCreated(createdHead(result, options));
      }
      return results;
    },
  };
}

/**
 * Calls `onDeleted` after every delete that removed an object, with the caller's reason,
 * so retention and erasure leave an audit trail.
 */
export function withDeletionAudit(
  store: ObjectStore,
  onDeleted: (event: { key: string; reason: string }) => Promise<void>,
): ObjectStore {
  return {
    ...bind(store),
    async delete(key, options) {
      const result = await store.delete(key, options);
      if (result.deleted) await onDeleted({ key, reason: options.reason });
      return result;
    },
  };
}

function createdHead(result: PutObjectResult, options: PutObjectOptions): ObjectHead {
  return {
    key: result.key,
    size: result.size,
    sha256: result.sha256,
    contentType: options.contentType ?? 'application/octet-stream',
    metadata: { ...options.metadata },
    createdAt: new Date(),
    ...(options.retainUntil ? { retainUntil: options.retainUntil } : {}),
    ...(options.tenantId !== undefined ? { tenantId: options.tenantId } : {}),
  };
}

/** Methods bound to the inner store, so decorators can be stacked in any order. */
function bind(store: ObjectStore): ObjectStore {
  return {
    kind: store.kind,
    put: (key, body, options) => store.put(key, body, options),
    putMany: (items) => store.putMany(items),
    get: (key) => store.get(key),
    head: (key) => store.head(key),
    list: (prefix) => store.list(prefix),
    delete: (key, options) => store.delete(key, options),
    signedUrl: (key, options) => store.signedUrl(key, options),
    close: () => store.close(),
  };
}
