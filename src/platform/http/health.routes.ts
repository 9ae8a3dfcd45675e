import type { FastifyPluginAsync } from 'fastify';

/** A dependency that must answer for the platform to take traffic (database, bus, object store). */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

const checkTimeoutMs = 2_000;

async function run(
  check: ReadinessCheck,
): Promise<{ name: string; ok: boolean; error?: string; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
      }),
    ]);
    return { name: check.name, ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      name: check.name,
      ok: false,
      error: (error as Error).message,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes: FastifyPluginAsync<{ checks: readonly ReadinessCheck[] }> = async (
  app,
  { checks },
) => {
  await Promise.resolve();
  // Liveness: the process answers. Deliberately checks nothing else, so a database outage does
  // not make an orchestrator restart healthy processes in a loop.
  app.get('/healthz', { config: { public: true }, logLevel: 'warn' }, () => ({ status: 'ok' }));

  app.get('/readyz', { config: { public: true }, logLevel: 'warn' }, async (_request, reply) => {
    const results = await Promise.all(checks.map(run));
    const ready = results.every((r) => r.ok);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks: results });
  });
};
