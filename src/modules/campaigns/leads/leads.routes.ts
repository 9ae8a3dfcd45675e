import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FieldProblem } from '../../../platform/errors.js';
import {
  answerBeforeBodyEnds,
  isMultipartForm,
  MultipartError,
  problemSchema,
  readMultipartForm,
  type MultipartPart,
} from '../../../platform/http/index.js';
import type {
  ColumnMapping,
  ColumnMappingsService,
  LeadImportsService,
  LeadListsService,
  LeadsService,
} from '../contract.js';
import { CampaignsErrors } from '../errors.js';
import { columnMappingSchema } from './lead-mapping.js';
import {
  importPreviewSchema,
  leadDetailSchema,
  leadImportDetailSchema,
  leadImportSchema,
  leadListSchema,
  leadStatuses,
  leadSummarySchema,
  regionSchema,
  savedMappingSchema,
  views,
} from './leads.schemas.js';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};
const tags = ['campaigns'];

/** Mounted at /api/v1/campaigns/lists. */
export function leadListsRoutes(lists: LeadListsService): FastifyPluginAsyncZod {
  const body = z.strictObject({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullable().optional(),
    defaultRegion: regionSchema.nullable().optional(),
  });
  const params = z.object({ listId: z.string().max(100) });
  return async (app) => {
    app.post(
      '/',
      {
        config: { permission: 'leads:write' },
        schema: {
          tags,
          summary: 'Create a lead list',
          body,
          response: { 201: leadListSchema, ...problems, 409: problemSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(views.list(await lists.create(request.ctx, request.body))),
    );
    app.get(
      '/',
      {
        config: { permission: 'leads:read' },
        schema: {
          tags,
          summary: 'The lead lists, by name',
          response: { 200: z.object({ lists: z.array(leadListSchema) }), ...problems },
        },
      },
      async (request) => ({ lists: (await lists.list(request.ctx)).map(views.list) }),
    );
    app.get(
      '/:listId',
      {
        config: { permission: 'leads:read' },
        schema: { tags, summary: 'One lead list', params, response: { 200: leadListSchema, ...problems } },
      },
      async (request) => views.list(await lists.get(request.ctx, request.params.listId)),
    );
    app.patch(
      '/:listId',
      {
        config: { permission: 'leads:write' },
        schema: {
          tags,
          summary: 'Rename or describe a lead list',
          params,
          body: body.partial(),
          response: { 200: leadListSchema, ...problems, 409: problemSchema },
        },
      },
      async (request) => views.list(await lists.update(request.ctx, request.params.listId, request.body)),
    );
    app.delete(
      '/:listId',
      {
        config: { permission: 'leads:write' },
        schema: {
          tags,
          summary: 'Remove a lead list with its leads and imports',
          params,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await lists.remove(request.ctx, request.params.listId);
        return reply.code(204).send(null);
      },
    );
    await Promise.resolve();
  };
}

/** Mounted at /api/v1/campaigns/column-mappings. */
export function columnMappingsRoutes(mappings: ColumnMappingsService): FastifyPluginAsyncZod {
  const params = z.object({ mappingId: z.string().max(100) });
  return async (app) => {
    app.post(
      '/',
      {
        config: { permission: 'leads:write' },
        schema: {
          tags,
          summary: 'Save a column mapping for later imports',
          body: z.strictObject({ name: z.string().trim().min(1).max(200), mapping: columnMappingSchema }),
          response: { 201: savedMappingSchema, ...problems, 409: problemSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(views.mapping(await mappings.save(request.ctx, request.body.name, request.body.mapping))),
    );
    app.get(
      '/',
      {
        config: { permission: 'leads:read' },
        schema: {
          tags,
          summary: 'The saved column mappings',
          response: { 200: z.object({ mappings: z.array(savedMappingSchema) }), ...problems },
        },
      },
      async (request) => ({ mappings: (await mappings.list(request.ctx)).map(views.mapping) }),
    );
    app.get(
      '/:mappingId',
      {
        config: { permission: 'leads:read' },
        schema: {
          tags,
          summary: 'One saved column mapping',
          params,
          response: { 200: savedMappingSchema, ...problems },
        },
      },
      async (request) => views.mapping(await mappings.get(request.ctx, request.params.mappingId)),
    );
    app.delete(
      '/:mappingId',
      {
        config: { permission: 'leads:write' },
        schema: {
          tags,
          summary: 'Remove a saved column mapping',
          params,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await mappings.remove(request.ctx, request.params.mappingId);
        return reply.code(204).send(null);
      },
    );
    await Promise.resolve();
  };
}

const importOptionsSchema = z.strictObject({
  listId: z.string().min(1).max(100),
  /** A saved mapping (`lmap_...`), or `mapping` given here; neither: the header is read by its common names. */
  mappingId: z.string().max(100).optional(),
  mapping: columnMappingSchema.optional(),
  saveMappingAs: z.string().trim().min(1).max(200).optional(),
  /** Preview only: how many rows to map (default 10). */
  rows: z.number().int().min(1).max(50).optional(),
});

const OPTIONS_BYTES = 64 * 1024;

const uploadDescription = `multipart/form-data with two parts, in this order:
- \`options\`: JSON {listId, mappingId | mapping, saveMappingAs}; a mapping names the column of each lead field (by header, or by position), or a VICIdial preset (vicidial-standard, vicidial-stdrankowner, vicidial-minicsv, vicidial-minicsv02);
- \`file\`: the lead file (CSV, TSV, pipe- or semicolon-separated; its type is read from its bytes, never its name).
Refusals: 415 (not a lead file), 422 (empty; an XLSX workbook refused as a ZIP bomb or damaged, or without the mapping's sheet), 400 (options, naming each field; a mapping that does not fit the file), 413 (over the size limit), 404 (options.listId).`;

function closing(reply: FastifyReply, error: unknown): unknown {
  answerBeforeBodyEnds(reply);
  if (error instanceof MultipartError)
    return CampaignsErrors.invalidImport([{ field: 'body', message: error.message }]);
  return error;
}

async function readWhole(body: AsyncIterable<Buffer>, limit: number, field: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > limit)
      throw CampaignsErrors.invalidImport([{ field, message: `must be at most ${limit} bytes` }]);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The form's options part, parsed, its mapping resolved, and the file part after it. */
async function readUpload(
  parts: AsyncGenerator<MultipartPart>,
  mappings: ColumnMappingsService,
  ctx: Parameters<ColumnMappingsService['get']>[0],
) {
  const first = await parts.next();
  if (first.done || first.value.name !== 'options')
    throw CampaignsErrors.invalidImport([
      { field: 'options', message: 'is required, as the first part of the form' },
    ]);
  let json: unknown;
  try {
    json = JSON.parse((await readWhole(first.value.body, OPTIONS_BYTES, 'options')).toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError)
      throw CampaignsErrors.invalidImport([{ field: 'options', message: 'is not JSON' }]);
    throw error;
  }
  const parsed = importOptionsSchema.safeParse(json);
  if (!parsed.success) {
    const fields: FieldProblem[] = parsed.error.issues.slice(0, 20).map((issue) => ({
      field: ['options', ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    throw CampaignsErrors.invalidImport(fields);
  }
  const options = parsed.data;
  if (options.mapping && options.mappingId)
    throw CampaignsErrors.invalidImport([
      { field: 'options.mappingId', message: 'cannot be given with options.mapping' },
    ]);
  const mapping: ColumnMapping = options.mappingId
    ? (await mappings.get(ctx, options.mappingId, 'options.mappingId')).mapping
    : (options.mapping ?? {});
  const file = await parts.next();
  if (file.done || file.value.name !== 'file')
    throw CampaignsErrors.invalidImport([
      { field: 'file', message: 'is required, as the second part of the form' },
    ]);
  if (file.value.kind !== 'file')
    throw CampaignsErrors.invalidImport([
      { field: 'file', message: 'must be a file part: give it a filename= in its Content-Disposition' },
    ]);
  return { options, mapping, file: file.value };
}

/** Mounted at /api/v1/campaigns/leads/imports. */
export function leadImportsRoutes(
  imports: LeadImportsService,
  mappings: ColumnMappingsService,
): FastifyPluginAsyncZod {
  return async (app) => {
    // Uploads are streamed by the handlers, never buffered by Fastify.
    app.addContentTypeParser('multipart/form-data', (_request, _payload, done) => {
      done(null);
    });
    app.addContentTypeParser('*', (_request, _payload, done) => {
      done(null);
    });
    const refuseNonForm = (contentType: string | undefined, reply: FastifyReply) => {
      if (!isMultipartForm(contentType))
        throw closing(
          reply,
          CampaignsErrors.unsupportedFile(
            'headers.content-type',
            'must be multipart/form-data with a boundary (parts options, file)',
          ),
        );
    };

    app.post(
      '/',
      {
        config: { permission: 'leads:write' },
        schema: {
          tags,
          summary: 'Import a lead file into a list: stored, scanned and read in the background',
          description: uploadDescription,
          consumes: ['multipart/form-data'],
          response: {
            202: leadImportSchema,
            ...problems,
            409: problemSchema,
            413: problemSchema,
            415: problemSchema,
            422: problemSchema,
          },
        },
      },
      async (request, reply) => {
        refuseNonForm(request.headers['content-type'], reply);
        const parts = readMultipartForm(request.raw, request.headers, {
          parts: 2,
          fieldBytes: OPTIONS_BYTES,
        });
        try {
          const { options, mapping, file } = await readUpload(parts, mappings, request.ctx);
          const job = await imports.start(request.ctx, {
            listId: options.listId,
            fileName: file.filename ?? 'upload',
            mapping,
            saveMappingAs: options.saveMappingAs,
            file: file.body,
          });
          return await reply
            .code(202)
            .header('location', `/api/v1/campaigns/leads/imports/${job.id}`)
            .send(views.import(job));
        } catch (error) {
          throw closing(reply, error);
        }
      },
    );

    app.post(
      '/preview',
      {
        config: { permission: 'leads:write' },
        schema: {
          tags,
          summary: 'The first rows of a lead file as the mapping reads them; nothing is stored',
          description: uploadDescription,
          consumes: ['multipart/form-data'],
          response: {
            200: importPreviewSchema,
            ...problems,
            413: problemSchema,
            415: problemSchema,
            422: problemSchema,
          },
        },
      },
      async (request, reply) => {
        refuseNonForm(request.headers['content-type'], reply);
        const parts = readMultipartForm(request.raw, request.headers, {
          parts: 2,
          fieldBytes: OPTIONS_BYTES,
        });
        try {
          const { options, mapping, file } = await readUpload(parts, mappings, request.ctx);
          const preview = await imports.preview(request.ctx, {
            listId: options.listId,
            mapping,
            rows: options.rows ?? 10,
            file: file.body,
          });
          // The rest of the file is not read: it is dropped after the answer.
          answerBeforeBodyEnds(reply);
          return await reply.send(views.preview(preview));
        } catch (error) {
          throw closing(reply, error);
        } finally {
          await parts.return(undefined);
        }
      },
    );

    app.get(
      '/',
      {
        config: { permission: 'leads:read' },
        schema: {
          tags,
          summary: 'Lead imports, newest first',
          response: { 200: z.object({ imports: z.array(leadImportSchema) }), ...problems },
        },
      },
      async (request) => ({ imports: (await imports.list(request.ctx)).map(views.import) }),
    );

    app.get(
      '/:importId',
      {
        config: { permission: 'leads:read' },
        schema: {
          tags,
          summary: 'An import: its progress and the rows it rejected, with the reasons',
          params: z.object({ importId: z.string().max(100) }),
          querystring: z.object({
            rejectionsAfter: z.coerce.number().int().min(0).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
          response: { 200: leadImportDetailSchema, ...problems },
        },
      },
      async (request) =>
        views.importDetail(
          await imports.get(request.ctx, request.params.importId, {
            rejectionsAfter: request.query.rejectionsAfter,
            limit: request.query.limit,
          }),
        ),
    );
    await Promise.resolve();
  };
}

/** Mounted at /api/v1/campaigns/leads. */
export function leadsRoutes(leads: LeadsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'leads:read' },
        schema: {
          tags,
          summary:
            'Leads, newest first; by list, status, or number or e-mail (matched through a blind index)',
          querystring: z.object({
            listId: z.string().max(100).optional(),
            phone: z.string().min(1).max(64).optional().describe('E.164, or national with region'),
            region: regionSchema.optional(),
            email: z.string().min(3).max(254).optional(),
            status: z.enum(leadStatuses).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z.string().max(200).optional(),
          }),
          response: {
            200: z.object({ leads: z.array(leadSummarySchema), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => {
        const page = await leads.query(request.ctx, request.query);
        return { leads: page.leads.map(views.summary), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/export',
      {
        config: { permission: 'leads:export' },
        schema: {
          tags,
          summary: 'Export leads as CSV (audited; cells that could run as a formula are neutralised)',
          querystring: z.object({ listId: z.string().max(100).optional() }),
          response: {
            200: { description: 'The leads, newest first', content: { 'text/csv': { schema: z.string() } } },
            ...problems,
          },
        },
      },
      async (request, reply) => {
        // Everything that can refuse the request runs here, before the status line is sent.
        const lines = await leads.exportCsv(
          { ...request.ctx, clientIp: request.ip },
          { listId: request.query.listId },
        );
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="leads.csv"')
            .header('cache-control', 'no-store')
            // The schema documents the text; the body is a stream, which Fastify sends without serialising.
            .send(Readable.from(lines) as unknown as string)
        );
      },
    );

    app.get(
      '/:leadId',
      {
        config: { permission: 'leads:read' },
        schema: {
          tags,
          summary: 'One lead with its status history',
          params: z.object({ leadId: z.string().max(100) }),
          response: { 200: leadDetailSchema, ...problems },
        },
      },
      async (request) => views.detail(await leads.get(request.ctx, request.params.leadId)),
    );

    app.post(
      '/:leadId/status',
      {
        config: { permission: 'leads:write' },
        schema: {
          tags,
          summary: "Change a lead's status by hand (audited, a history row)",
          description:
            'Any status may become do_not_call; do_not_call is final, converted and invalid only become do_not_call. 409 names the statuses the lead can take. A do_not_call status is not the do-not-call list: add the number to /api/v1/campaigns/dnc to suppress it for every list.',
          params: z.object({ leadId: z.string().max(100) }),
          body: z.strictObject({
            status: z.enum(leadStatuses),
            note: z.string().trim().min(1).max(500).optional().describe('Kept in the status history'),
          }),
          response: { 200: leadDetailSchema, ...problems, 409: problemSchema },
        },
      },
      async (request) =>
        views.detail(await leads.changeStatus(request.ctx, request.params.leadId, request.body)),
    );
    await Promise.resolve();
  };
}
