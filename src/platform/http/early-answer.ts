import type { FastifyReply } from 'fastify';

const lingerMs = 2_000;

/**
 * Marks an answer sent before the request's body was read to its end: a refusal of an upload's
 * metadata, or a preview of a file's first rows. Closing the connection at once would reset it
 * while the client is still sending, and a reset throws away the answer the client has not read
 * yet: it would see EPIPE or ECONNRESET instead of the problem that names its field. So, once the
 * answer is out, the rest of the body is read and dropped for a short while (what web servers call
 * a lingering close), then the connection is closed if the client is still sending.
 */
export function answerBeforeBodyEnds(reply: FastifyReply): void {
  const request = reply.request.raw;
  reply.raw.once('finish', () => {
    if (request.complete) return;
    // Destroying the request destroys its socket (and is what a test's injected request supports).
    const timer = setTimeout(() => request.destroy(), lingerMs);
    timer.unref();
    const stop = () => clearTimeout(timer);
    request.once('end', stop);
    request.once('close', stop);
    request.resume();
  });
}
