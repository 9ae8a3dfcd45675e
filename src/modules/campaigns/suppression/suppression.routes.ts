import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answerBeforeBodyEnds, problemSchema } from '../../../platform/http/index.js';
import { CampaignsErrors } from '../errors.js';
import { regionSchema } from '../leads/leads.schemas.js';
import type { DncEntry, RegistryCopy, SuppressionService } from './suppression.types.js';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};
const tags = ['campaigns'];

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must have at most ${max} characters`)
    .refine((v) => !v.includes('\u0000'), 'must not contain a NUL character (U+0000)');

const phoneSchema = z.string().min(3).max(64).describe('E.164 (+12015550123), or national with region');

const evidenceSchema = z.strictObject({
  quote: text(2000).optional(),
  recordingId: text(100).optional(),
  analysisId: text(100).optional(),
  callId: text(100).optional(),
  note: text(2000).optional(),
});

export const dncEntrySchema = z
  .object({
    id: z.string(),
    kind: z.enum(['number', 'pattern']),
    number: z.string().nullable(),
    pattern: z.string().nullable(),
    reason: z.string(),
    source: z.enum(['manual', 'import', 'opt_out_intent', 'voice_agent', 'sms_stop']),
    evidence: evidenceSchema.nullable(),
    addedBy: z.string(),
    createdAt: z.iso.datetime(),
    removedAt: z.iso.datetime().nullable(),
    removedBy: z.string().nullable(),
    removedReason: z.string().nullable(),
  })
  .meta({ id: 'DncEntry' });

export const registryCopySchema = z
  .object({
    id: z.string(),
    registry: z.string(),
    region: z.string(),
    downloadedAt: z.iso.datetime(),
    ageDays: z.number().int(),
    state: z.enum(['importing', 'current', 'replaced', 'failed']),
    entryCount: z.number().int(),
    linesRejected: z.number().int(),
    importedBy: z.string(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'DncRegistryCopy' });

const entryView = (e: DncEntry) => ({
  ...e,
  createdAt: e.createdAt.toISOString(),
  removedAt: e.removedAt?.toISOString() ?? null,
});
const copyView = (c: RegistryCopy) => ({
  ...c,
  downloadedAt: c.downloadedAt.toISOString(),
  createdAt: c.createdAt.toISOString(),
  finishedAt: c.finishedAt?.toISOString() ?? null,
});

/** Mounted at /api/v1/campaigns/dnc. */
export function dncRoutes(suppression: SuppressionService): FastifyPluginAsyncZod {
  const params = z.object({ entryId: z.string().max(100) });
  return async (app) => {
    app.post(
      '/',
      {
        config: { permission: 'dnc:write' },
        schema: {
          tags,
          summary: 'Put a number or a pattern (+4420*, +1555???1234) on the do-not-call list',
          body: z
            .strictObject({
              number: phoneSchema.optional(),
              region: regionSchema.optional(),
              pattern: z
                .string()
                .regex(/^\+[0-9?]{1,15}\*?$/, "must be '+' then digits or '?', optionally ending in '*'")
                .optional(),
              reason: text(500),
              evidence: evidenceSchema.optional(),
            })
            .refine((b) => (b.number === undefined) !== (b.pattern === undefined), {
              path: ['number'],
              message: 'give either number or pattern, not both',
            }),
          response: { 201: dncEntrySchema, ...problems, 409: problemSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(entryView(await suppression.add(request.ctx, request.body))),
    );
    app.get(
      '/',
      {
        config: { permission: 'leads:read' },
        schema: {
          tags,
          summary: 'The do-not-call list, newest first',
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(500).default(100),
            cursor: z.string().max(200).optional(),
            includeRemoved: z.enum(['true', 'false']).optional(),
          }),
          response: {
            200: z.object({ entries: z.array(dncEntrySchema), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => {
        const page = await suppression.list(request.ctx, {
          limit: request.query.limit,
          cursor: request.query.cursor,
          includeRemoved: request.query.includeRemoved === 'true',
        });
        return { entries: page.entries.map(entryView), nextCursor: page.nextCursor };
      },
    );
    app.get(
      '/check',
      {
        config: { permission: 'leads:read' },
        schema: {
          tags,
          summary: 'Whether a number is suppressed: the entries and registry copies that list it',
          querystring: z.strictObject({ number: phoneSchema, region: regionSchema.optional() }),
          response: {
            200: z.object({
              number: z.string(),
              suppressed: z.boolean(),
              entries: z.array(dncEntrySchema),
              registries: z.array(z.object({ registry: z.string(), listed: z.boolean() })),
            }),
            ...problems,
          },
        },
      },
      async (request) => {
        const check = await suppression.check(request.ctx, request.query.number, request.query.region);
        return { ...check, entries: check.entries.map(entryView), registries: [...check.registries] };
      },
    );
    app.delete(
      '/:entryId',
      {
        config: { permission: 'dnc:write' },
        schema: {
          tags,
          summary: 'Take an entry off the do-not-call list (kept with who and why; audited)',
          params,
          body: z.strictObject({ reason: text(500) }),
          response: { 200: dncEntrySchema, ...problems },
        },
      },
      async (request) =>
        entryView(await suppression.remove(request.ctx, request.params.entryId, request.body.reason)),
    );
    await Promise.resolve();
  };
}

const registryDescription = `The request body is the registry file itself (text/plain or text/csv): one number a line, national
numbers read in \`region\`; of a CSV row the first column is taken, and the FTC's \`area code,number\` rows
are joined. Blank lines and # comments are skipped; other lines that are not numbers are counted as
rejected. The copy replaces the registry's current one when the whole file is read.`;

/** Mounted at /api/v1/campaigns/dnc-registries. */
export function dncRegistryRoutes(suppression: SuppressionService): FastifyPluginAsyncZod {
  return async (app) => {
    // The file is streamed by the handler, never buffered by Fastify (text/plain's own parser too).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => {
      done(null);
    });
    app.post(
      '/:registry/copies',
      {
        config: { permission: 'dnc:write' },
        bodyLimit: 1024 * 1024 * 1024,
        schema: {
          tags,
          summary:
            'Import a national do-not-call registry copy (us-national-dnc, uk-tps) from a file of numbers',
          description: registryDescription,
          consumes: ['text/plain', 'text/csv'],
          params: z.object({
            registry: z
              .string()
              .regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be a registry id such as us-national-dnc or uk-tps'),
          }),
          querystring: z.strictObject({
            region: regionSchema,
            downloadedAt: z.iso.datetime({
              offset: true,
              message: 'must be an ISO 8601 instant with Z or an offset',
            }),
          }),
          response: { 201: registryCopySchema, ...problems, 415: problemSchema },
        },
      },
      async (request, reply) => {
        const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        if (type !== 'text/plain' && type !== 'text/csv') {
          answerBeforeBodyEnds(reply);
          throw CampaignsErrors.unsupportedFile('headers.content-type', 'must be text/plain or text/csv');
        }
        const downloadedAt = new Date(request.query.downloadedAt);
        if (downloadedAt.getTime() > Date.now() + 60_000) {
          throw CampaignsErrors.invalidRegistryImport([
            { field: 'querystring.downloadedAt', message: 'must not be in the future' },
          ]);
        }
        const copy = await suppression.importRegistry(request.ctx, {
          registry: request.params.registry,
          region: request.query.region,
          downloadedAt,
          file: request.raw as AsyncIterable<Buffer>,
        });
        return reply.code(201).send(copyView(copy));
      },
    );
    app.get(
      '/',
      {
        config: { permission: 'leads:read' },
        schema: {
          tags,
          summary:
            "The current copy of each national registry, with its age (the dialer refuses a region's calls past 31 days)",
          response: { 200: z.object({ registries: z.array(registryCopySchema) }), ...problems },
        },
      },
      async (request) => ({ registries: (await suppression.registries(request.ctx)).map(copyView) }),
    );
    await Promise.resolve();
  };
}
