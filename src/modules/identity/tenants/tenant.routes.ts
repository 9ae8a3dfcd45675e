import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { Tenant, TenantsService } from '../contract.js';
import { authProblems } from '../identity.schemas.js';

const tenantSchema = z
  .object({
    id: z.string().describe('Tenant id (ten_...)'),
    slug: z.string(),
    name: z.string(),
    timeZone: z.string().describe('IANA time zone used for local-time reports'),
    mfaRequiredForAdmins: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Tenant' });

const view = (t: Tenant) => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  timeZone: t.timeZone,
  mfaRequiredForAdmins: t.mfaRequiredForAdmins,
  createdAt: t.createdAt.toISOString(),
});

export function tenantRoutes(tenants: TenantsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'tenant:read' },
        schema: {
          tags: ['tenant'],
          summary: 'The tenant of the caller',
          response: { 200: tenantSchema, ...authProblems },
        },
      },
      async (request) => view(await tenants.current(request.ctx)),
    );
    app.patch(
      '/',
      {
        config: { permission: 'settings:write' },
        schema: {
          tags: ['tenant'],
          summary: "Change the tenant's settings",
          description:
            'A merge patch: the fields given change, the others stay. An empty object changes nothing and returns the tenant. ' +
            'A field this route does not know is refused with 400 naming it, so a misspelt one is not silently ignored.',
          body: z
            .strictObject({
              name: z.string().min(1).max(200),
              timeZone: z.string().min(1).max(64),
              mfaRequiredForAdmins: z.boolean().describe('Owners and admins must use a second factor'),
            })
            .partial(),
          response: { 200: tenantSchema, 400: problemSchema, ...authProblems },
        },
      },
      async (request) => view(await tenants.update(request.ctx, request.body)),
    );
    await Promise.resolve();
  };
}
