/**
 * Scaffolds a module in the shape every module follows (docs/architecture.md), so a new module
 * starts from the shape instead of from a copy of calls:
 *
 *   npm run new:module <name> [-- --no-register]
 *
 * It writes src/modules/<name>/ — door, contract, events, errors, module definition, migrations
 * and one example feature (items: a tenant table, routes, a service, a repo, an event it publishes
 * and a handler of it, an integration test) — and adds the module to the registry in
 * src/app/modules.ts unless --no-register is given. The example is there to be renamed and grown.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import prettier from 'prettier';

const repoRoot = path.resolve(import.meta.dirname, '..');

export interface ScaffoldOptions {
  /** Lower-case letters and digits, starting with a letter: the folder, the schema, the key in platform.modules. */
  readonly name: string;
  /** Add the module to src/app/modules.ts (default true). */
  readonly register?: boolean;
}

export interface Scaffolded {
  /** Repo-relative paths of the files written, the registry included when it was changed. */
  readonly files: readonly string[];
  readonly registered: boolean;
}

const namePattern = /^[a-z][a-z0-9]{1,30}$/;
const reserved = new Set(['platform', 'app', 'cli', 'kernel', 'public', 'pg', 'information']);

function templates(name: string): Record<string, string> {
  const Name = name.charAt(0).toUpperCase() + name.slice(1);
  const NAME = name.toUpperCase();
  const module = `${name}Module`;
  return {
    'index.ts': `
      export type * from './contract.js';
      export * from './events.js';
      export { ${module}, type ${Name}Api } from './${name}.module.js';
    `,

    'contract.ts': `
      import type { RequestContext } from '../../platform/context.js';

      /** An item of ${name}, as other modules and the API see it. */
      export interface Item {
        /** \`item_...\` */
        readonly id: string;
        readonly name: string;
        readonly createdAt: Date;
        /** When the handler of ${name}.item.created.v1 saw the item (the example consumer). */
        readonly announcedAt: Date | null;
      }

      /** Every method takes the request context first; no driver types cross this line. */
      export interface ItemsService {
        create(ctx: RequestContext, input: { readonly name: string }): Promise<Item>;
        list(ctx: RequestContext): Promise<Item[]>;
        get(ctx: RequestContext, itemId: string): Promise<Item>;
      }
    `,

    'events.ts': `
      import { z } from 'zod';

      /**
       * The events ${name} publishes: name and payload schema, versioned. Consumers import them from
       * the door and parse the data with the schema. Events carry ids and key facts, not whole objects.
       */
      export const itemCreatedV1 = {
        type: '${name}.item.created.v1',
        schema: z.object({ itemId: z.string() }),
      } as const;

      export type ItemCreated = z.infer<typeof itemCreatedV1.schema>;
    `,

    'errors.ts': `
      import { AppError } from '../../platform/errors.js';

      /** Every ${NAME}_* code of the module. The kind decides the HTTP status and whether the bus retries. */
      export const ${Name}Errors = {
        itemNotFound: () => new AppError('${NAME}_ITEM_NOT_FOUND', 'not_found', 'The item was not found.'),
      } as const;
    `,

    [`${name}.module.ts`]: `
      import { defineModule, type PlatformModule } from '../../platform/module.js';
      import type { ItemsService } from './contract.js';
      import { ${name}Migrations } from './db/migrations/index.js';
      import { itemCreatedHandler } from './items/item-created.handler.js';
      import { itemsRoutes } from './items/items.routes.js';
      import { createItemsService } from './items/items.service.js';

      /** What ${name} offers other modules, the CLI and tests (\`platform.modules.${name}\`). */
      export interface ${Name}Api {
        readonly items: ItemsService;
      }

      /** ${Name}: say here what the module owns. */
      export const ${module} = defineModule({
        name: '${name}',
        migrations: ${name}Migrations,
        create: ({ database, bus }): PlatformModule<${Name}Api> => {
          const items = createItemsService({ database, bus });
          return {
            api: { items },
            routes: [{ surface: 'internal', prefix: '/${name}/items', plugin: itemsRoutes(items) }],
            handlers: [itemCreatedHandler()],
          };
        },
      });
    `,

    [`db/${name}.tables.ts`]: `
      import type { Generated } from 'kysely';
      import type { TenantTransaction } from '../../../platform/db/index.js';

      /** Row types of the ${name} schema, camelCase (the CamelCasePlugin maps snake_case). */
      export type ItemsTable = {
        id: string;
        tenantId: string;
        name: string;
        createdAt: Generated<Date>;
        announcedAt: Date | null;
      };

      export type ${Name}Tables = {
        '${name}.items': ItemsTable;
      };

      /** A withTenant transaction over the module's tables: what its repo functions run in. */
      export type ${Name}Transaction = TenantTransaction<${Name}Tables>;
    `,

    'db/migrations/index.ts': `
      import { grantSchemaUsage, sqlMigration, tenantIsolation, type MigrationSet } from '../../../../platform/db/index.js';

      /** Hand-written and in order. A migration that was released is never edited: a change is a new one. */
      export const ${name}Migrations: MigrationSet = {
        schema: '${name}',
        migrations: [
          sqlMigration(
            '0001_items',
            \`
            \${grantSchemaUsage('${name}')}
            CREATE TABLE ${name}.items (
              id uuid PRIMARY KEY,
              tenant_id uuid NOT NULL,
              name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
              created_at timestamptz NOT NULL DEFAULT now(),
              announced_at timestamptz
            );
            \${tenantIsolation('${name}.items')}
            \`,
          ),
        ],
      };
    `,

    'items/items.repo.ts': `
      import type { Insertable, Selectable } from 'kysely';
      import type { ItemsTable, ${Name}Transaction } from '../db/${name}.tables.js';

      /** The SQL of the feature, and nothing else; row-level security narrows every query to the transaction's tenant. */

      export type ItemRow = Selectable<ItemsTable>;

      export async function insertItem(trx: ${Name}Transaction, row: Insertable<ItemsTable>): Promise<ItemRow> {
        return trx.insertInto('${name}.items').values(row).returningAll().executeTakeFirstOrThrow();
      }

      /** Newest first. */
      export async function listItems(trx: ${Name}Transaction): Promise<ItemRow[]> {
        return trx.selectFrom('${name}.items').selectAll().orderBy('createdAt', 'desc').execute();
      }

      export async function findItem(trx: ${Name}Transaction, id: string): Promise<ItemRow | undefined> {
        return trx.selectFrom('${name}.items').selectAll().where('id', '=', id).executeTakeFirst();
      }

      export async function markAnnounced(trx: ${Name}Transaction, id: string): Promise<void> {
        await trx.updateTable('${name}.items').set({ announcedAt: new Date() }).where('id', '=', id).where('announcedAt', 'is', null).execute();
      }
    `,

    'items/items.service.ts': `
      import type { Bus } from '../../../platform/bus/index.js';
      import type { Database } from '../../../platform/db/index.js';
      import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
      import type { Item, ItemsService } from '../contract.js';
      import type { ${Name}Tables } from '../db/${name}.tables.js';
      import { ${Name}Errors } from '../errors.js';
      import { itemCreatedV1, type ItemCreated } from '../events.js';
      import { findItem, insertItem, listItems, type ItemRow } from './items.repo.js';

      function toItem(row: ItemRow): Item {
        return { id: toPublicId('item', row.id), name: row.name, createdAt: row.createdAt, announcedAt: row.announcedAt };
      }

      export function createItemsService(deps: { readonly database: Database; readonly bus: Bus }): ItemsService {
        const { database, bus } = deps;
        return {
          async create(ctx, input) {
            const row = await database.withTenant<${Name}Tables, ItemRow>(ctx, async (trx) => {
              const inserted = await insertItem(trx, { id: newUuid(), tenantId: ctx.tenantId, name: input.name, announcedAt: null });
              // Through the outbox: the event is delivered if and only if the row commits.
              const data: ItemCreated = { itemId: toPublicId('item', inserted.id) };
              await bus.publish(trx, [{ type: itemCreatedV1.type, tenantId: ctx.tenantId, key: inserted.id, data }]);
              return inserted;
            });
            return toItem(row);
          },
          async list(ctx) {
            return (await database.withTenant<${Name}Tables, ItemRow[]>(ctx, listItems)).map(toItem);
          },
          async get(ctx, itemId) {
            const uuid = fromPublicId('item', itemId);
            const row = uuid ? await database.withTenant<${Name}Tables, ItemRow | undefined>(ctx, (trx) => findItem(trx, uuid)) : undefined;
            if (!row) throw ${Name}Errors.itemNotFound();
            return toItem(row);
          },
        };
      }
    `,

    'items/items.routes.ts': `
      import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
      import { z } from 'zod';
      import { problemSchema } from '../../../platform/http/index.js';
      import type { Item, ItemsService } from '../contract.js';

      const itemSchema = z
        .object({ id: z.string(), name: z.string(), createdAt: z.iso.datetime(), announcedAt: z.iso.datetime().nullable() })
        .meta({ id: '${Name}Item' });

      const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 429: problemSchema };

      const view = (item: Item) => ({ ...item, createdAt: item.createdAt.toISOString(), announcedAt: item.announcedAt?.toISOString() ?? null });

      /** Mounted at /api/v1/${name}/items. The permissions are granted to roles in identity's roles.ts. */
      export function itemsRoutes(items: ItemsService): FastifyPluginAsyncZod {
        return async (app) => {
          app.post(
            '/',
            {
              config: { permission: '${name}:write' },
              schema: {
                tags: ['${name}'],
                summary: 'Add an item',
                body: z.strictObject({ name: z.string().min(1).max(200) }),
                response: { 201: itemSchema, ...problems },
              },
            },
            async (request, reply) => reply.code(201).send(view(await items.create(request.ctx, request.body))),
          );
          app.get(
            '/',
            {
              config: { permission: '${name}:read' },
              schema: { tags: ['${name}'], summary: 'The items, newest first', response: { 200: z.object({ items: z.array(itemSchema) }), ...problems } },
            },
            async (request) => ({ items: (await items.list(request.ctx)).map(view) }),
          );
          app.get(
            '/:itemId',
            {
              config: { permission: '${name}:read' },
              schema: { tags: ['${name}'], summary: 'One item', params: z.object({ itemId: z.string().max(100) }), response: { 200: itemSchema, ...problems } },
            },
            async (request) => view(await items.get(request.ctx, request.params.itemId)),
          );
          await Promise.resolve();
        };
      }
    `,

    'items/item-created.handler.ts': `
      import { fromPublicId } from '../../../platform/ids.js';
      import type { EventTrigger } from '../../../platform/jobs/index.js';
      import type { ${Name}Transaction } from '../db/${name}.tables.js';
      import { itemCreatedV1 } from '../events.js';
      import { markAnnounced } from './items.repo.js';

      /**
       * The example consumer: notes when an item's created event was handled. A real handler reacts to
       * another module's event, imported from that module's door. \`once\` records the event in the
       * group's inbox in the same transaction as the write, so a redelivery changes nothing.
       */
      export function itemCreatedHandler(): EventTrigger {
        return {
          group: '${name}-item-created',
          topics: [itemCreatedV1.type],
          async handle(ctx, event) {
            const { itemId } = itemCreatedV1.schema.parse(event.data);
            const id = fromPublicId('item', itemId);
            if (!id) return;
            await ctx.once((trx: ${Name}Transaction) => markAnnounced(trx, id));
          },
        };
      }
    `,

    'items/items.int.test.ts': `
      import { sql } from 'kysely';
      import { afterAll, beforeAll, describe, expect, it } from 'vitest';
      import { newUuid } from '../../../platform/ids.js';
      import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
      import { ${module} } from '../${name}.module.js';

      describe('${name} items', () => {
        let t: TestPlatform;
        const writer = { tenant: newUuid(), permissions: ['${name}:read', '${name}:write'] };

        beforeAll(async () => {
          // 'start' runs the module's handlers in this process too; extraModules mounts the module
          // whether or not src/app/modules.ts lists it yet.
          t = await createTestPlatform({ role: 'start', extraModules: [${module}] });
        });
        afterAll(() => t.close());

        it('migrates: its table exists, under row-level security', async () => {
          const { rows } = await sql<{ secured: boolean }>\`select relrowsecurity as secured from pg_class where oid = '${name}.items'::regclass\`.execute(
            t.platform.database.owner,
          );
          expect(rows[0]?.secured).toBe(true);
        });

        it('adds an item through its route, and handles the event it published', async () => {
          const created = await t.inject({ method: 'POST', url: '/api/v1/${name}/items', as: writer, payload: { name: 'First' } });
          expect(created.statusCode).toBe(201);
          const { id } = created.json<{ id: string }>();
          expect(id).toMatch(/^item_/);
          const announcedAt = async () => (await t.inject({ method: 'GET', url: \`/api/v1/${name}/items/\${id}\`, as: writer })).json<{ announcedAt: string | null }>().announcedAt;
          await expect.poll(announcedAt, { timeout: 20_000 }).not.toBeNull();
        });

        it('keeps tenants apart, and refuses what it must', async () => {
          const other = { tenant: newUuid(), permissions: ['${name}:read'] };
          expect((await t.inject({ method: 'GET', url: '/api/v1/${name}/items', as: other })).json()).toEqual({ items: [] });
          expect((await t.inject({ method: 'POST', url: '/api/v1/${name}/items', as: other, payload: { name: 'x' } })).statusCode).toBe(403);
          expect((await t.inject({ method: 'POST', url: '/api/v1/${name}/items', as: writer, payload: {} })).statusCode).toBe(400);
          expect((await t.inject({ method: 'GET', url: '/api/v1/${name}/items/item_nope', as: writer })).json()).toMatchObject({ code: '${NAME}_ITEM_NOT_FOUND' });
        });
      });
    `,
  };
}

/** Adds the module to the registry: an import beside the other modules' and an entry at the end of the list. */
export function addToRegistry(registry: string, name: string): string {
  const list = /export const modules = \[([^\]]*)\] as const;/.exec(registry);
  const imports = [...registry.matchAll(/^import .* from '\.\.\/modules\/[^']+';$/gm)];
  const last = imports.at(-1);
  if (!list || !last)
    throw new Error('src/app/modules.ts no longer has the expected shape: add the module to it by hand.');
  // One entry more, in the layout the list has: on one line, or one entry a line as prettier
  // writes it once the list is long.
  const entries = (list[1] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  entries.push(`${name}Module`);
  const multiLine = (list[1] ?? '').includes('\n');
  const withEntry = registry.replace(
    list[0],
    multiLine
      ? `export const modules = [\n${entries.map((entry) => `  ${entry},\n`).join('')}] as const;`
      : `export const modules = [${entries.join(', ')}] as const;`,
  );
  return withEntry.replace(
    last[0],
    `${last[0]}\nimport { ${name}Module } from '../modules/${name}/index.js';`,
  );
}

export async function scaffoldModule(options: ScaffoldOptions): Promise<Scaffolded> {
  const { name } = options;
  if (!namePattern.test(name) || reserved.has(name)) {
    throw new Error(
      `'${name}' cannot name a module: use 2 to 31 lower-case letters and digits, starting with a letter (orders, campaigns).`,
    );
  }
  const dir = path.join(repoRoot, 'src/modules', name);
  if (existsSync(dir)) throw new Error(`src/modules/${name} exists already.`);
  const config = (await prettier.resolveConfig(path.join(repoRoot, 'src/index.ts'))) ?? {};
  const files: string[] = [];
  for (const [file, text] of Object.entries(templates(name))) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    // The templates are indented for reading here; prettier gives them the house layout.
    await writeFile(
      target,
      await prettier.format(text.replace(/^ {6}/gm, '').trimStart(), { ...config, filepath: target }),
    );
    files.push(path.relative(repoRoot, target));
  }
  const registered = options.register ?? true;
  if (registered) {
    const registryFile = path.join(repoRoot, 'src/app/modules.ts');
    const updated = addToRegistry(await readFile(registryFile, 'utf8'), name);
    await writeFile(registryFile, await prettier.format(updated, { ...config, filepath: registryFile }));
    files.push(path.relative(repoRoot, registryFile));
  }
  return { files, registered };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const args = process.argv.slice(2);
  const name = args.find((arg) => !arg.startsWith('--'));
  if (!name) {
    process.stderr.write('usage: npm run new:module <name> [-- --no-register]\n');
    process.exit(2);
  }
  try {
    const { files, registered } = await scaffoldModule({ name, register: !args.includes('--no-register') });
    process.stdout.write(`${files.map((file) => `  ${file}`).join('\n')}\n\n`);
    process.stdout.write(
      registered
        ? `The ${name} module is in src/app/modules.ts. Next: grant ${name}:read and ${name}:write to roles (src/modules/identity/roles.ts), ` +
            `regenerate the console's API types (npm run api-types:generate), and run its test: npx vitest run src/modules/${name}\n`
        : `Not registered: add ${name}Module to src/app/modules.ts when it is ready. Its test runs either way: npx vitest run src/modules/${name}\n`,
    );
  } catch (error) {
    process.stderr.write(`new:module: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
