import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import { regionSchema } from '../leads/leads.schemas.js';
import type { ConsentService, ConsentView } from './consent.types.js';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};
const tags = ['campaigns'];

export const consentChannels = ['call', 'ai_voice', 'sms', 'email'] as const;
export const consentSources = [
  'web_form',
  'paper',
  'verbal_recorded',
  'ivr',
  'sms_reply',
  'import',
  'api',
] as const;
export const withdrawalHows = [
  'web_form',
  'paper',
  'verbal_recorded',
  'ivr',
  'sms_stop',
  'voice_agent',
  'opt_out_intent',
  'api',
  'manual',
] as const;

/** Text PostgreSQL stores: no NUL. */
const text = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must have at most ${max} characters`)
    .refine((v) => !v.includes('\u0000'), 'must not contain a NUL character (U+0000)');

const phoneSchema = z.string().min(3).max(64).describe('E.164 (+12015550123), or national with region');
const purposeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits or _ (marketing, service)');

export const consentSchema = z
  .object({
    id: z.string(),
    phone: z.string(),
    purpose: z.string(),
    channel: z.enum(consentChannels).describe('ai_voice: calls with an artificial or AI voice'),
    givenAt: z.iso.datetime(),
    source: z.enum(consentSources),
    textShown: z.string(),
    request: z.string().nullable(),
    requestObjectKey: z.string().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    withdrawnAt: z.iso.datetime().nullable(),
    withdrawnHow: z.enum(withdrawalHows).nullable(),
    withdrawnBy: z.string().nullable(),
    status: z.enum(['in_force', 'not_yet', 'withdrawn', 'expired']),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Consent' });

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const consentView = (c: ConsentView) => ({
  ...c,
  givenAt: c.givenAt.toISOString(),
  expiresAt: iso(c.expiresAt),
  withdrawnAt: iso(c.withdrawnAt),
  createdAt: c.createdAt.toISOString(),
});

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with Z or an offset' });

/** Mounted at /api/v1/campaigns/consents. */
export function consentRoutes(consents: ConsentService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/',
      {
        config: { permission: 'leads:write' },
        schema: {
          tags,
          summary: 'Record a consent: who, to what purpose and channel, when, how, the text shown',
          body: z.strictObject({
            phone: phoneSchema,
            region: regionSchema.optional(),
            purpose: purposeSchema,
            channel: z.enum(consentChannels),
            givenAt: instant,
            source: z.enum(consentSources),
            textShown: text(10_000),
            request: text(100_000).optional().describe('A copy of the request (stored sealed)'),
            requestObjectKey: text(1024).optional(),
            expiresAt: instant.nullable().optional(),
          }),
          response: { 201: consentSchema, ...problems },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const given = await consents.give(request.ctx, {
          ...b,
          givenAt: new Date(b.givenAt),
          expiresAt: b.expiresAt ? new Date(b.expiresAt) : null,
        });
        return reply.code(201).send(consentView(given));
      },
    );
    app.get(
      '/',
      {
        config: { permission: 'leads:read' },
        schema: {
          tags,
          summary: "A number's consent history, newest first",
          querystring: z.strictObject({ phone: phoneSchema, region: regionSchema.optional() }),
          response: { 200: z.object({ consents: z.array(consentSchema) }), ...problems },
        },
      },
      async (request) => ({
        consents: (await consents.listByNumber(request.ctx, request.query.phone, request.query.region)).map(
          consentView,
        ),
      }),
    );
    app.post(
      '/withdrawals',
      {
        config: { permission: 'leads:write' },
        schema: {
          tags,
          summary: "Withdraw a number's consents (all, or one purpose and/or channel)",
          body: z.strictObject({
            phone: phoneSchema,
            region: regionSchema.optional(),
            purpose: purposeSchema.optional(),
            channel: z.enum(consentChannels).optional(),
            how: z.enum(withdrawalHows),
            at: instant.optional(),
          }),
          response: { 200: z.object({ withdrawn: z.array(consentSchema) }), ...problems },
        },
      },
      async (request) => {
        const b = request.body;
        const withdrawn = await consents.withdraw(request.ctx, {
          ...b,
          at: b.at === undefined ? undefined : new Date(b.at),
        });
        return { withdrawn: withdrawn.map(consentView) };
      },
    );
    app.post(
      '/:consentId/withdraw',
      {
        config: { permission: 'leads:write' },
        schema: {
          tags,
          summary: 'Withdraw one consent record',
          params: z.object({ consentId: z.string().max(100) }),
          body: z.strictObject({ how: z.enum(withdrawalHows), at: instant.optional() }),
          response: { 200: consentSchema, ...problems, 409: problemSchema },
        },
      },
      async (request) =>
        consentView(
          await consents.withdrawOne(
            request.ctx,
            request.params.consentId,
            request.body.how,
            request.body.at === undefined ? undefined : new Date(request.body.at),
          ),
        ),
    );
    await Promise.resolve();
  };
}
