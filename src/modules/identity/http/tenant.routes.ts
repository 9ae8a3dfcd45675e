import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { TenantsService } from '../contract.js';

const tenantSchema = z
  .object({
    id: z.string().describe('Tenant id (ten_...)'),
    slug: z.string(),
    name: z.string(),
    timeZone: z.string().describe('IANA time zone used for local-time reports'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Tenant' });

export function tenantRoutes(tenants: TenantsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'tenant:read' },
        schema: {
          tags: ['identity'],
          summary: 'The tenant of the caller',
          response: { 200: tenantSchema, 401: problemSchema, 403: problemSchema },
        },
      },
      async (request) => {
        const tenant = await tenants.current(request.ctx);
        return { id: tenant.id, slug: tenant.slug, name: tenant.name, timeZone: tenant.timeZone, createdAt: tenant.createdAt.toISOString() };
      },
    );
    await Promise.resolve();
  };
}
