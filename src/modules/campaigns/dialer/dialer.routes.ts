import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import { problemSchema } from '../../../platform/http/index.js';
import { SKIP_REASONS } from '../dialing/pre-dial-check.js';
import { CampaignsErrors } from '../errors.js';
import type { Dialer } from './dialer.service.js';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};
const tags = ['campaigns'];

export const dryRunSchema = z
  .object({
    campaignId: z.string(),
    at: z.iso.datetime(),
    evaluated: z.number().int(),
    wouldDial: z.array(
      z.object({
        leadId: z.string(),
        listId: z.string(),
        attemptNumber: z.number().int(),
        timeZone: z
          .string()
          .nullable()
          .describe('null: the window held in every one of several candidate zones'),
      }),
    ),
    skipped: z.partialRecord(z.enum(SKIP_REASONS), z.number().int()),
    examples: z.array(z.object({ leadId: z.string(), reason: z.enum(SKIP_REASONS), detail: z.string() })),
  })
  .meta({ id: 'CampaignDryRun' });

/** Mounted at /api/v1/campaigns/campaigns. */
export function dialerRoutes(dialer: Pick<Dialer, 'pickCallable'>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/:campaignId/dry-run',
      {
        config: { permission: 'campaigns:read' },
        schema: {
          tags,
          summary:
            'Which leads the dialer would call at an instant, and why the others not; stores and dials nothing',
          params: z.strictObject({ campaignId: z.string().max(100) }),
          querystring: z.strictObject({
            at: z.iso
              .datetime({ offset: true, message: 'must be an ISO 8601 instant with Z or an offset' })
              .optional()
              .describe('The instant to evaluate (default now)'),
            limit: z.coerce
              .number({ message: 'must be a whole number from 1 to 1000' })
              .int('must be a whole number from 1 to 1000')
              .min(1, 'must be a whole number from 1 to 1000')
              .max(1000, 'must be a whole number from 1 to 1000')
              .default(100),
          }),
          response: { 200: dryRunSchema, ...problems },
        },
      },
      async (request) => {
        const campaignUuid = fromPublicId('cmp', request.params.campaignId);
        if (campaignUuid === undefined) throw CampaignsErrors.campaignNotFound();
        const at = request.query.at ? new Date(request.query.at) : new Date();
        const pick = await dialer.pickCallable(request.ctx, campaignUuid, {
          now: at,
          limit: request.query.limit,
          record: false,
        });
        return {
          campaignId: request.params.campaignId,
          at: at.toISOString(),
          evaluated: pick.evaluated,
          wouldDial: pick.callable.map((c) => ({
            leadId: toPublicId('lead', c.leadId),
            listId: toPublicId('list', c.listId),
            attemptNumber: c.attemptNumber,
            timeZone: c.timeZone,
          })),
          skipped: pick.skipped,
          examples: pick.examples.map((e) => ({ ...e, leadId: toPublicId('lead', e.leadId) })),
        };
      },
    );
    await Promise.resolve();
  };
}
