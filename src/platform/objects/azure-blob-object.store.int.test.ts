import { BlobServiceClient, type BlockBlobClient, type ContainerClient } from '@azure/storage-blob';
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

describe('azure-blob write-once without a look first', () => {
  it('uploads a small body straight away, and only a refusal costs a getProperties', async () => {
    const azurite = await startAzurite();
    try {
      const looked: string[] = [];
      // Counts getProperties (the HEAD) on the blob clients the store makes.
      const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
      const counting = new Proxy(service, {
        get(target, name, receiver) {
          if (name !== 'getContainerClient') return Reflect.get(target, name, receiver) as unknown;
          return (containerName: string) =>
            new Proxy(target.getContainerClient(containerName), {
              get(container: ContainerClient, member, containerReceiver) {
                if (member !== 'getBlockBlobClient')
                  return Reflect.get(container, member, containerReceiver) as unknown;
                return (blobName: string): BlockBlobClient => {
                  const blob = container.getBlockBlobClient(blobName);
                  const getProperties = blob.getProperties.bind(blob);
                  blob.getProperties = (...args) => {
                    looked.push(blobName);
                    return getProperties(...args);
                  };
                  return blob;
                };
              },
            });
        },
      });
      const store = createAzureBlobObjectStore({ serviceClient: counting, container: azurite.container });
      const items = Array.from({ length: 4 }, (_, i) => ({
        key: `b/${i}.json`,
        body: Buffer.from(`{"n":${i}}`),
      }));
      expect((await store.putMany(items)).map((r) => r.created)).toEqual([true, true, true, true]);
      expect(looked).toEqual([]);
      expect((await store.putMany(items)).map((r) => r.created)).toEqual([false, false, false, false]);
      expect(looked).toHaveLength(4);
      await expect(store.put('b/0.json', Buffer.from('different'))).rejects.toMatchObject({
        code: 'OBJECTS_EXISTS',
      });
      await store.close();
    } finally {
      await azurite.stop();
    }
  });
});
