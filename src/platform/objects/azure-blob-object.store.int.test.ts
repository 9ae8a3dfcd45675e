import { describe, expect, it } from 'vitest';

import { createAzureBlobObjectStore } from './azure-blob-object.store.js';
import { describeObjectStoreContract } from './object-store.contract.js';
import { startAzurite } from './testing/azurite.fixture.js';

describeObjectStoreContract('azure-blob (Azurite)', async () => {
  const azurite = await startAzurite();
  const store = createAzureBlobObjectStore({
    connectionString: azurite.connectionString,
    container: azurite.container,
    prefix: 'sb/',
    listPageSize: 3,
    onWarning: () => undefined,
  });
  return {
    store,
    atomicWriteOnce: true,
    listPageSize: 3,
    async corrupt(key) {
      const blob = azurite.containerClient.getBlockBlobClient(`sb/${key}`);
      const props = await blob.getProperties();
      const bytes = await blob.downloadToBuffer();
      bytes[0] = (bytes[0] ?? 0) ^ 0xff;
      await blob.upload(bytes, bytes.length, {
        metadata: props.metadata,
        blobHTTPHeaders: { blobContentType: props.contentType },
      });
    },
    async teardown() {
      await store.close();
      await azurite.stop();
    },
  };
});

describe('azure-blob retention on Azurite', () => {
  it('falls back to adapter-enforced retention when immutability policies are not implemented', async () => {
    const azurite = await startAzurite();
    try {
      const warnings: string[] = [];
      const store = createAzureBlobObjectStore({
        connectionString: azurite.connectionString,
        container: azurite.container,
        onWarning: (message) => warnings.push(message),
      });
      const retainUntil = new Date(Date.now() + 86_400_000);
      await store.put('held/a', Buffer.from('a'), { retainUntil });
      await store.put('held/b', Buffer.from('b'), { retainUntil });
      expect(warnings).toHaveLength(1); // detected once, then remembered
      await expect(store.delete('held/a', { reason: 'test' })).rejects.toMatchObject({
        code: 'OBJECTS_RETAINED',
      });

      const strict = createAzureBlobObjectStore({
        connectionString: azurite.connectionString,
        container: azurite.container,
        immutability: 'required',
      });
      await expect(strict.put('held/c', Buffer.from('c'), { retainUntil })).rejects.toMatchObject({
        name: 'ObjectStoreError',
      });
    } finally {
      await azurite.stop();
    }
  });
});
