import { EventEmitter } from 'node:events';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';

const upgradesHandled = new WeakSet<object>();

/**
 * Registers @fastify/websocket in a route plugin. The plugin listens to the server's `upgrade`
 * event and routes each upgrade through the whole app, so it may listen once per server: the
 * second surface's routes (internal and external both have a socket) get its route handling with a
 * listener on nothing, and upgrades still reach them through the first.
 */
export async function registerWebsocket(app: FastifyInstance): Promise<void> {
  const first = !upgradesHandled.has(app.server);
  upgradesHandled.add(app.server);
  await app.register(fastifyWebsocket, {
    options: { maxPayload: 4096, ...(first ? {} : { server: new EventEmitter() as never }) },
    // Sockets are closed by the routes' own preClose (code 1001, "going away").
    preClose: (done) => done(),
  });
}
