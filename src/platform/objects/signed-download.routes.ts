import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../errors.js';
import type { FilesystemObjectStore } from './fs-object.store.js';
import { ObjectNotFoundError } from './object-store.errors.js';

/**
 * Serves the filesystem store's signed download URLs (`/objects/<key>?expires=&sig=`). S3 and
 * Azure sign their own URLs and never come here. The signature is the authorisation: the route is
 * public, and whoever created the link (an audited API call) decided who may have it.
 */
export function signedDownloadRoutes(store: FilesystemObjectStore): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { '*': string }; Querystring: { expires?: string; sig?: string } }>(
      '/*',
      { config: { public: true } },
      async (request, reply) => {
        // The router has decoded the path once already (the signer encoded each segment once): a
        // second decode would turn a key's own `%3A` into `:` and fail the signature.
        const key = request.params['*'];
        const { expires = '', sig = '' } = request.query;
        if (!store.verifyObjectSignature(key, expires, sig)) {
          throw new AppError(
            'OBJECTS_LINK_INVALID',
            'forbidden',
            'This download link is invalid or has expired.',
          );
        }
        try {
          const object = await store.get(key);
          void reply.header(
            'content-type',
            object.contentType === '' ? 'application/octet-stream' : object.contentType,
          );
          void reply.header('content-length', String(object.size));
          void reply.header('cache-control', 'private, no-store');
          void reply.header(
            'content-disposition',
            `attachment; filename="${key.split('/').pop() ?? 'download'}"`,
          );
          return await reply.send(object.body);
        } catch (error) {
          if (error instanceof ObjectNotFoundError)
            throw new AppError('OBJECTS_NOT_FOUND', 'not_found', 'The object no longer exists.');
          throw error;
        }
      },
    );
    await Promise.resolve();
  };
}
