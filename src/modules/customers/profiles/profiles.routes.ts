import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../../../platform/errors.js';
import { problemSchema } from '../../../platform/http/index.js';
import {
  addressInSchema,
  addressSchema,
  consentInSchema,
  consentStateSchema,
  customerChangesSchema,
  customerSchema,
  ifMatchVersion,
  listQuerySchema,
  newCustomerSchema,
  preferencesSchema,
  view,
} from './profiles.schemas.js';
import type { ProfilesService } from './profiles.service.js';

export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  410: problemSchema,
  429: problemSchema,
};
const tags = ['customers'];
const params = z.object({ customerId: z.string().max(100) });

/** The If-Match of a request as a version, or a 400 naming the header. */
export function versionFrom(header: string | string[] | undefined): number | undefined {
  const version = ifMatchVersion(header);
  if (Number.isNaN(version))
    throw PlatformErrors.validation([
      { field: 'headers.if-match', message: 'must be the customer version, "3"' },
    ]);
  return version;
}

/** Mounted at /api/v1/customers (`customers:read` / `customers:write`). */
export function customersRoutes(profiles: ProfilesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: 'Customers, newest first; q finds by whole name words, e-mail or phone (blind indexes)',
          querystring: listQuerySchema,
          response: {
            200: z.object({ items: z.array(customerSchema), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => {
        const page = await profiles.list(request.ctx, request.query);
        return { items: page.items.map(view.customer), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags,
          summary: 'Add a customer',
          body: newCustomerSchema,
          response: { 201: customerSchema, ...problems },
        },
      },
      async (request, reply) => {
        const customer = await profiles.create(request.ctx, request.body);
        void reply.header('etag', `"${String(customer.version)}"`);
        return reply.code(201).send(view.customer(customer));
      },
    );

    app.get(
      '/settings',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: "The customers module's settings of the tenant",
          response: { 200: z.object({ defaultRegion: z.string() }), ...problems },
        },
      },
      async (request) => profiles.settings.get(request.ctx),
    );

    app.put(
      '/settings',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags,
          summary: 'Set how national phone numbers are read (ISO 3166 alpha-2 region)',
          body: z.strictObject({
            defaultRegion: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code'),
          }),
          response: { 200: z.object({ defaultRegion: z.string() }), ...problems },
        },
      },
      async (request) => profiles.settings.put(request.ctx, request.body),
    );

    app.get(
      '/:customerId',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: 'One customer (ETag: its version)',
          params,
          response: { 200: customerSchema, ...problems },
        },
      },
      async (request, reply) => {
        const customer = await profiles.get(request.ctx, request.params.customerId);
        void reply.header('etag', `"${String(customer.version)}"`);
        return view.customer(customer);
      },
    );

    app.patch(
      '/:customerId',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags,
          summary: 'Change (rectify) a customer; If-Match: "<version>" (412 when stale)',
          params,
          body: customerChangesSchema,
          response: { 200: customerSchema, ...problems, 409: problemSchema, 412: problemSchema },
        },
      },
      async (request, reply) => {
        const { version, ...changes } = request.body;
        const customer = await profiles.update(request.ctx, request.params.customerId, changes, {
          ifMatch: versionFrom(request.headers['if-match']),
          version,
        });
        void reply.header('etag', `"${String(customer.version)}"`);
        return view.customer(customer);
      },
    );

    app.get(
      '/:customerId/addresses',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: "A customer's addresses",
          params,
          response: { 200: z.object({ items: z.array(addressSchema) }), ...problems },
        },
      },
      async (request) => ({
        items: (await profiles.addresses.list(request.ctx, request.params.customerId)).map(view.address),
      }),
    );

    app.post(
      '/:customerId/addresses',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags,
          summary: 'Add an address',
          params,
          body: addressInSchema,
          response: { 201: addressSchema, ...problems, 409: problemSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            view.address(await profiles.addresses.add(request.ctx, request.params.customerId, request.body)),
          ),
    );

    app.delete(
      '/:customerId/addresses/:addressId',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags,
          summary: 'Remove an address',
          params: params.extend({ addressId: z.string().max(100) }),
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await profiles.addresses.remove(request.ctx, request.params.customerId, request.params.addressId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/:customerId/consents',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: "A customer's consents: where each purpose stands, and the append-only history",
          params,
          response: { 200: consentStateSchema, ...problems },
        },
      },
      async (request) => view.consents(await profiles.consents.list(request.ctx, request.params.customerId)),
    );

    app.post(
      '/:customerId/consents',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags,
          summary: 'Record a consent given or withdrawn (appended to the history)',
          params,
          body: consentInSchema,
          response: { 201: consentStateSchema, ...problems, 409: problemSchema },
        },
      },
      async (request, reply) => {
        const { at, ...entry } = request.body;
        const state = await profiles.consents.record(request.ctx, request.params.customerId, [
          { ...entry, at: at ? new Date(at) : undefined },
        ]);
        return reply.code(201).send(view.consents(state));
      },
    );

    app.get(
      '/:customerId/preferences',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: 'Contact preferences',
          params,
          response: { 200: preferencesSchema, ...problems },
        },
      },
      async (request) =>
        view.preferences(await profiles.preferences.get(request.ctx, request.params.customerId)),
    );

    app.put(
      '/:customerId/preferences',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags,
          summary: 'Replace contact preferences (marketing opt-ins are recorded as consents, method console)',
          params,
          body: preferencesSchema,
          response: { 200: preferencesSchema, ...problems, 409: problemSchema },
        },
      },
      async (request) =>
        view.preferences(
          await profiles.preferences.put(request.ctx, request.params.customerId, request.body, 'console'),
        ),
    );
    await Promise.resolve();
  };
}
