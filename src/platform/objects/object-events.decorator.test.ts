import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { createFilesystemObjectStore } from './fs-object.store.js';
import { withCreatedEvents, withDeletionAudit } from './object-events.decorator.js';
import type { ObjectHead } from './object-store.types.js';

const roots: string[] = [];
const tempStore = async () => {
  const root = await mkdtemp(join(tmpdir(), 'sb-objects-'));
  roots.push(root);
  return createFilesystemObjectStore({ root });
};
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describe('object store decorators', () => {
  it('reports created objects once, not identical re-puts', async () => {
    const created: ObjectHead[] = [];
    const store = withCreatedEvents(await tempStore(), (head) => {
      created.push(head);
      return Promise.resolve();
    });
    await store.put('ten_1/a.json', Buffer.from('{}'), {
      contentType: 'application/json',
      metadata: { source: 'x' },
    });
    await store.put('ten_1/a.json', Buffer.from('{}'));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      key: 'ten_1/a.json',
      size: 2,
      contentType: 'application/json',
      metadata: { source: 'x' },
    });
    expect(created[0]?.sha256).toBe((await store.head('ten_1/a.json'))?.sha256);
  });

  it('surfaces a failing event handler to the caller', async () => {
    const store = withCreatedEvents(await tempStore(), () => Promise.reject(new Error('outbox down')));
    await expect(store.put('a', Buffer.from('x'))).rejects.toThrow('outbox down');
  });

  it('records the reason of every deletion and stacks with other decorators', async () => {
    const deleted: { key: string; reason: string }[] = [];
    const created: string[] = [];
    const store = withDeletionAudit(
      withCreatedEvents(await tempStore(), (head) => {
        created.push(head.key);
        return Promise.resolve();
      }),
      (event) => {
        deleted.push(event);
        return Promise.resolve();
      },
    );
    await store.put('a', Buffer.from('x'));
    await store.delete('a', { reason: 'retention rp_1 expired' });
    await store.delete('a', { reason: 'again' });
    expect(created).toEqual(['a']);
    expect(deleted).toEqual([{ key: 'a', reason: 'retention rp_1 expired' }]);
  });
});
