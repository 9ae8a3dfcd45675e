import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerBeforeBodyEnds,
  isMultipartForm,
  MultipartError,
  problemSchema,
  readMultipartForm,
} from '../../../platform/http/index.js';
import { currencySchema, moneySchema } from '../../../platform/money.js';
import type { Product } from '../contract.js';
import type { Categories } from './categories.service.js';
import type { ProductImports } from './product-import.service.js';
import { productCreateSchema, productStatusSchema, productUpdateSchema } from './product.schemas.js';
import type { createProductSearch } from './product.search.js';
import { ProductsErrors } from './products.errors.js';
import type { Products } from './products.service.js';

const tags = ['catalog'];
const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};

const imageSchema = z.object({
  id: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  alt: z.string().nullable(),
});
export const productSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: productStatusSchema,
  categoryId: z.string().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  prices: z.array(moneySchema).readonly(),
  images: z.array(imageSchema).readonly(),
  available: z.number().int(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const categorySchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  path: z.array(z.string()).readonly(),
  productCount: z.number().int(),
});
const listQuery = z.strictObject({
  q: z.string().max(200).optional(),
  categoryId: z.string().max(100).optional(),
  status: productStatusSchema.optional(),
  currency: currencySchema.optional(),
  priceMin: z.coerce.number().int().min(0).optional(),
  priceMax: z.coerce.number().int().min(0).optional(),
  availability: z.enum(['in_stock', 'out_of_stock']).optional(),
  sort: z.enum(['relevance', 'name', 'newest', 'price']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
const searchResultSchema = z.object({
  items: z.array(productSchema),
  facets: z.object({
    categories: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().int() })),
    priceBands: z.array(
      z.object({
        fromMinor: z.number().int(),
        toMinor: z.number().int().nullable(),
        count: z.number().int(),
      }),
    ),
    availability: z.object({ inStock: z.number().int(), outOfStock: z.number().int() }),
    basedOn: z
      .object({ rows: z.number().int(), capped: z.boolean() })
      .describe('Facets count at most this many of the best matches'),
  }),
  nextCursor: z.string().nullable(),
  total: z.object({ count: z.number().int(), exact: z.boolean() }),
});
const importSchema = z.object({
  id: z.string(),
  state: z.enum(['queued', 'running', 'completed', 'failed']),
  rowsTotal: z.number().int(),
  rowsDone: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  failureReason: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  rejections: z.array(z.object({ row: z.number().int(), field: z.string(), reason: z.string() })).readonly(),
});
const productParams = z.object({ productId: z.string().max(100) });
const imageParams = productParams.extend({ imageId: z.string().max(100) });
const categoryParams = z.object({ categoryId: z.string().max(100) });

type Search = ReturnType<typeof createProductSearch>;

function closing(reply: FastifyReply, error: unknown): unknown {
  answerBeforeBodyEnds(reply);
  if (error instanceof MultipartError)
    return ProductsErrors.invalidUpload([{ field: 'body', message: error.message }]);
  return error;
}

/** Reads a multipart form: the `file` part streamed to `take`, `alt` (a field) before it when given. */
async function readForm<T>(
  request: { raw: Parameters<typeof readMultipartForm>[0]; headers: Parameters<typeof readMultipartForm>[1] },
  reply: FastifyReply,
  take: (file: AsyncIterable<Buffer>, fields: Record<string, string>) => Promise<T>,
): Promise<T> {
  if (!isMultipartForm(request.headers['content-type']))
    throw closing(
      reply,
      ProductsErrors.unsupportedImage('headers.content-type', 'must be multipart/form-data with a boundary'),
    );
  const fields: Record<string, string> = {};
  try {
    for await (const part of readMultipartForm(request.raw, request.headers, {
      parts: 4,
      fieldBytes: 4096,
    })) {
      if (part.name === 'file' && part.kind === 'file') return await take(part.body, fields);
      if (part.kind === 'field') {
        const chunks: Buffer[] = [];
        for await (const chunk of part.body) chunks.push(chunk);
        fields[part.name] = Buffer.concat(chunks).toString('utf8');
      }
    }
  } catch (error) {
    throw closing(reply, error);
  }
  throw closing(
    reply,
    ProductsErrors.invalidUpload([{ field: 'file', message: 'is required (a file part named file)' }]),
  );
}

/** Mounted at /api/v1/catalog/products (imports at …/products/imports, registered first). */
export function productsRoutes(deps: {
  products: Products;
  search: Search;
  imports: ProductImports;
}): FastifyPluginAsyncZod {
  const { products, search, imports } = deps;
  return async (app) => {
    app.addContentTypeParser('multipart/form-data', (_request, _payload, done) => {
      done(null);
    });
    app.get(
      '/',
      {
        config: { permission: 'products:read' },
        schema: {
          tags,
          summary: 'Search and list products, with facets',
          querystring: listQuery,
          response: { 200: searchResultSchema, ...problems },
        },
      },
      async (request) => search.search(request.ctx, request.query),
    );
    app.post(
      '/',
      {
        config: { permission: 'products:write' },
        schema: {
          tags,
          summary: 'Create a product',
          body: productCreateSchema,
          response: { 201: productSchema, ...problems, 409: problemSchema, 422: problemSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await products.create(request.ctx, request.body)),
    );
    app.post(
      '/imports',
      {
        config: { permission: 'products:write' },
        schema: {
          tags,
          summary:
            'Import products from CSV (sku,name,description,status,category,price_<CUR>…,attr_<name>…), in the background',
          consumes: ['multipart/form-data'],
          response: {
            202: importSchema,
            ...problems,
            413: problemSchema,
            415: problemSchema,
            422: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const job = await readForm(request, reply, (file) => imports.start(request.ctx, file));
        return reply.code(202).header('location', `/api/v1/catalog/products/imports/${job.id}`).send(job);
      },
    );
    app.get(
      '/imports/:importId',
      {
        config: { permission: 'products:read' },
        schema: {
          tags,
          summary: 'Progress and rejections of a product import',
          params: z.object({ importId: z.string().max(100) }),
          response: { 200: importSchema, ...problems },
        },
      },
      async (request) => imports.get(request.ctx, request.params.importId),
    );
    app.get(
      '/:productId',
      {
        config: { permission: 'products:read' },
        schema: {
          tags,
          summary: 'One product',
          params: productParams,
          response: { 200: productSchema, ...problems },
        },
      },
      async (request) => products.get(request.ctx, request.params.productId),
    );
    app.patch(
      '/:productId',
      {
        config: { permission: 'products:write' },
        schema: {
          tags,
          summary: 'Change a product (naming the version it read)',
          params: productParams,
          body: productUpdateSchema,
          response: { 200: productSchema, ...problems, 409: problemSchema, 422: problemSchema },
        },
      },
      async (request) => products.update(request.ctx, request.params.productId, request.body),
    );
    app.delete(
      '/:productId',
      {
        config: { permission: 'products:write' },
        schema: {
          tags,
          summary: 'Archive a product',
          params: productParams,
          response: { 200: productSchema, ...problems },
        },
      },
      async (request) => products.archive(request.ctx, request.params.productId),
    );
    app.post(
      '/:productId/images',
      {
        config: { permission: 'products:write' },
        schema: {
          tags,
          summary: 'Add an image (PNG, JPEG, WebP or GIF, at most 10 MB; parts alt then file)',
          params: productParams,
          consumes: ['multipart/form-data'],
          response: { 201: imageSchema, ...problems, 413: problemSchema, 415: problemSchema },
        },
      },
      async (request, reply) => {
        const image = await readForm(request, reply, (file, fields) => {
          const alt = fields.alt?.trim() ?? '';
          if (alt.length > 500 || alt.includes('\u0000'))
            throw ProductsErrors.invalidUpload([
              { field: 'alt', message: 'must be at most 500 characters of text' },
            ]);
          return products.addImage(request.ctx, request.params.productId, file, alt || null);
        });
        return reply.code(201).send(image);
      },
    );
    app.get(
      '/:productId/images/:imageId',
      {
        config: { permission: 'products:read' },
        schema: {
          tags,
          summary: 'The bytes of an image',
          params: imageParams,
          response: {
            200: { description: 'The image', content: { 'image/*': { schema: z.string() } } },
            ...problems,
          },
        },
      },
      async (request, reply) => {
        const image = await products.openImage(request.ctx, request.params.productId, request.params.imageId);
        // A stream: Fastify sends it without serialising.
        return reply
          .type(image.contentType)
          .header('x-content-type-options', 'nosniff')
          .send(image.body as unknown as string);
      },
    );
    app.delete(
      '/:productId/images/:imageId',
      {
        config: { permission: 'products:write' },
        schema: {
          tags,
          summary: 'Remove an image',
          params: imageParams,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await products.removeImage(request.ctx, request.params.productId, request.params.imageId);
        return reply.code(204).send(null);
      },
    );
    await Promise.resolve();
  };
}

/** Mounted at /api/v1/catalog/categories. */
export function categoriesRoutes(categories: Categories): FastifyPluginAsyncZod {
  const body = z.strictObject({
    name: z.string().trim().min(1).max(200),
    parentId: z.string().max(100).nullable().optional(),
  });
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'products:read' },
        schema: {
          tags,
          summary: 'The category tree, with paths',
          response: { 200: z.object({ items: z.array(categorySchema) }), ...problems },
        },
      },
      async (request) => ({ items: await categories.list(request.ctx) }),
    );
    app.post(
      '/',
      {
        config: { permission: 'products:write' },
        schema: {
          tags,
          summary: 'Create a category',
          body,
          response: { 201: categorySchema, ...problems, 409: problemSchema, 422: problemSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await categories.create(request.ctx, request.body)),
    );
    app.patch(
      '/:categoryId',
      {
        config: { permission: 'products:write' },
        schema: {
          tags,
          summary: 'Rename or move a category (no cycles)',
          params: categoryParams,
          body: body.partial(),
          response: { 200: categorySchema, ...problems, 409: problemSchema, 422: problemSchema },
        },
      },
      async (request) => categories.update(request.ctx, request.params.categoryId, request.body),
    );
    app.delete(
      '/:categoryId',
      {
        config: { permission: 'products:write' },
        schema: {
          tags,
          summary: 'Remove a category without children or products',
          params: categoryParams,
          response: { 204: z.null(), ...problems, 409: problemSchema },
        },
      },
      async (request, reply) => {
        await categories.remove(request.ctx, request.params.categoryId);
        return reply.code(204).send(null);
      },
    );
    await Promise.resolve();
  };
}

/** Mounted at /ext/v1/catalog/products and /ext/v1/catalog/categories: active products only. */
export function externalCatalogRoutes(deps: { products: Products; search: Search; categories: Categories }): {
  products: FastifyPluginAsyncZod;
  categories: FastifyPluginAsyncZod;
} {
  const activeOr404 = (product: Product) => {
    if (product.status !== 'active') throw ProductsErrors.productNotFound();
    return product;
  };
  return {
    products: async (app) => {
      app.get(
        '/',
        {
          config: { permission: 'portal:read' },
          schema: {
            tags,
            summary: 'Search the active products, with facets',
            querystring: listQuery.omit({ status: true }),
            response: { 200: searchResultSchema, ...problems },
          },
        },
        async (request) => deps.search.search(request.ctx, { ...request.query, activeOnly: true }),
      );
      app.get(
        '/:productId',
        {
          config: { permission: 'portal:read' },
          schema: {
            tags,
            summary: 'One active product',
            params: productParams,
            response: { 200: productSchema, ...problems },
          },
        },
        async (request) => activeOr404(await deps.products.get(request.ctx, request.params.productId)),
      );
      await Promise.resolve();
    },
    categories: async (app) => {
      app.get(
        '/',
        {
          config: { permission: 'portal:read' },
          schema: {
            tags,
            summary: 'The category tree (counts of active products)',
            response: { 200: z.object({ items: z.array(categorySchema) }), ...problems },
          },
        },
        async (request) => ({ items: await deps.categories.list(request.ctx, { activeOnly: true }) }),
      );
      await Promise.resolve();
    },
  };
}
