import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../../../platform/context.js';
import { problemSchema } from '../../../platform/http/index.js';
import type { UsersService } from '../../identity/index.js';
import type { Customer } from '../contract.js';
import { CustomersErrors } from '../errors.js';
import { problems, versionFrom } from './profiles.routes.js';
import {
  addressInSchema,
  addressSchema,
  consentStateSchema,
  customerSchema,
  myChangesSchema,
  myConsentsInSchema,
  preferencesSchema,
  view,
} from './profiles.schemas.js';
import type { ProfilesService } from './profiles.service.js';

const tags = ['portal'];

/**
 * Mounted at /ext/v1/me: the signed-in client's own profile (`portal:read`, `portal:profile:write`).
 * The first request creates the profile from the client's account (e-mail, display name).
 */
export function meRoutes(
  profiles: ProfilesService,
  users: () => Pick<UsersService, 'get'>,
): FastifyPluginAsyncZod {
  async function mine(ctx: RequestContext): Promise<Customer> {
    if (ctx.actor.type !== 'user' || !ctx.actor.id.startsWith('usr_')) throw CustomersErrors.notAClient();
    const userId = ctx.actor.id;
    const user = await users()
      .get(ctx, userId)
      .catch(() => undefined);
    // An erased account's access token lives out its minutes: it must not make the person a new profile.
    if (user?.status === 'disabled') throw CustomersErrors.accountDisabled();
    return profiles.findOrCreateForUser(ctx, {
      userId,
      email: user?.email ?? null,
      name: user?.displayName ?? null,
    });
  }

  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'portal:read' },
        schema: {
          tags,
          summary: 'My profile (created on first use)',
          response: { 200: customerSchema, ...problems },
        },
      },
      async (request, reply) => {
        const customer = await mine(request.ctx);
        void reply.header('etag', `"${String(customer.version)}"`);
        return view.customer(customer);
      },
    );

    app.patch(
      '/',
      {
        config: { permission: 'portal:profile:write' },
        schema: {
          tags,
          summary: 'Change my profile; If-Match: "<version>" (412 when stale)',
          body: myChangesSchema,
          response: { 200: customerSchema, ...problems, 409: problemSchema, 412: problemSchema },
        },
      },
      async (request, reply) => {
        const { version, ...changes } = request.body;
        const me = await mine(request.ctx);
        const customer = await profiles.update(request.ctx, me.id, changes, {
          ifMatch: versionFrom(request.headers['if-match']),
          version,
        });
        void reply.header('etag', `"${String(customer.version)}"`);
        return view.customer(customer);
      },
    );

    app.get(
      '/addresses',
      {
        config: { permission: 'portal:read' },
        schema: {
          tags,
          summary: 'My addresses',
          response: { 200: z.object({ items: z.array(addressSchema) }), ...problems },
        },
      },
      async (request) => ({
        items: (await profiles.addresses.list(request.ctx, (await mine(request.ctx)).id)).map(view.address),
      }),
    );

    app.post(
      '/addresses',
      {
        config: { permission: 'portal:profile:write' },
        schema: {
          tags,
          summary: 'Add an address',
          body: addressInSchema,
          response: { 201: addressSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            view.address(
              await profiles.addresses.add(request.ctx, (await mine(request.ctx)).id, request.body),
            ),
          ),
    );

    app.delete(
      '/addresses/:addressId',
      {
        config: { permission: 'portal:profile:write' },
        schema: {
          tags,
          summary: 'Remove one of my addresses',
          params: z.object({ addressId: z.string().max(100) }),
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await profiles.addresses.remove(request.ctx, (await mine(request.ctx)).id, request.params.addressId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/consents',
      {
        config: { permission: 'portal:read' },
        schema: {
          tags,
          summary: 'My consents and their history',
          response: { 200: consentStateSchema, ...problems },
        },
      },
      async (request) =>
        view.consents(await profiles.consents.list(request.ctx, (await mine(request.ctx)).id)),
    );

    app.put(
      '/consents',
      {
        config: { permission: 'portal:profile:write' },
        schema: {
          tags,
          summary: 'Give or withdraw consents (each change is appended to the history, method portal)',
          body: myConsentsInSchema,
          response: { 200: consentStateSchema, ...problems },
        },
      },
      async (request) =>
        view.consents(
          await profiles.consents.record(
            request.ctx,
            (await mine(request.ctx)).id,
            request.body.consents.map((c) => ({
              ...c,
              method: 'portal' as const,
              source: c.source ?? 'portal',
            })),
          ),
        ),
    );

    app.get(
      '/preferences',
      {
        config: { permission: 'portal:read' },
        schema: {
          tags,
          summary: 'My contact preferences',
          response: { 200: preferencesSchema, ...problems },
        },
      },
      async (request) =>
        view.preferences(await profiles.preferences.get(request.ctx, (await mine(request.ctx)).id)),
    );

    app.put(
      '/preferences',
      {
        config: { permission: 'portal:profile:write' },
        schema: {
          tags,
          summary: 'Replace my contact preferences',
          body: preferencesSchema,
          response: { 200: preferencesSchema, ...problems },
        },
      },
      async (request) =>
        view.preferences(
          await profiles.preferences.put(request.ctx, (await mine(request.ctx)).id, request.body, 'portal'),
        ),
    );
    await Promise.resolve();
  };
}
