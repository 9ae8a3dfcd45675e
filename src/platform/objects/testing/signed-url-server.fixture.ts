import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';

import type { FilesystemObjectStore } from '../fs-object.store.js';

/**
 * Test stand-in for the HTTP route that serves the filesystem store's signed URLs (the
 * real one belongs to the HTTP kernel). It does what that route must: decode the key from
 * the path, verify the signature, stream the object.
 */
export interface SignedUrlServer {
  readonly baseUrl: string;
  setStore(store: FilesystemObjectStore): void;
  close(): Promise<void>;
}

export async function startSignedUrlServer(): Promise<SignedUrlServer> {
  let store: FilesystemObjectStore | undefined;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = /^\/objects\/(.+)$/.exec(url.pathname);
    const key = match?.[1]?.split('/').map(decodeURIComponent).join('/');
    const expires = url.searchParams.get('expires') ?? '';
    const sig = url.searchParams.get('sig') ?? '';
    if (!store || key === undefined || !store.verifyObjectSignature(key, expires, sig)) {
      response.writeHead(403).end();
      return;
    }
    store
      .get(key)
      .then(
        async (object) => {
          response.writeHead(200, { 'content-type': object.contentType, 'content-length': object.size });
          await pipeline(object.body, response);
        },
        () => response.writeHead(404).end(),
      )
      .catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    setStore(next) {
      store = next;
    },
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
