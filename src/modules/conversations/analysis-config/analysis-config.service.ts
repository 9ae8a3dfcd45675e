import type { z } from 'zod';
import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { FieldProblem } from '../../../platform/errors.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { ConversationsTables, ConversationsTransaction } from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import {
  findConfig,
  findVersion,
  insertConfig,
  insertVersion,
  listConfigs,
  listVersions,
  updateConfigPointers,
  type ConfigRow,
  type VersionRow,
} from './analysis-config.repo.js';
import {
  configKinds,
  type AnalysisConfigKind,
  type ConfigBody,
  type ConfigBodyInput,
} from './config-kinds.js';
import { insightValidator, validateInsightResult, type InsightValidation } from './insight-schema.js';

/** One configuration (a scorecard, an insight schema, a category set) and its version pointers. */
export interface ConfigSummary {
  readonly id: string;
  readonly kind: AnalysisConfigKind;
  /** The newest version's name. */
  readonly name: string;
  readonly latestVersion: number;
  /** Null until a version was activated. */
  readonly activeVersion: number | null;
  readonly activatedBy: string | null;
  readonly activatedAt: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One version as it was saved. */
export interface ConfigVersion<K extends AnalysisConfigKind = AnalysisConfigKind> extends ConfigSummary {
  readonly version: number;
  readonly isActive: boolean;
  readonly body: ConfigBody<K>;
  readonly versionCreatedBy: string;
  readonly versionCreatedAt: string;
}

export interface VersionInfo {
  readonly version: number;
  readonly name: string;
  readonly isActive: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** Which version to read: a number, the newest, or the active one. */
export type VersionSelector = number | 'latest' | 'active';

export interface AnalysisConfigService {
  list(ctx: RequestContext, kind: AnalysisConfigKind): Promise<ConfigSummary[]>;
  get<K extends AnalysisConfigKind>(
    ctx: RequestContext,
    kind: K,
    id: string,
    version?: VersionSelector,
  ): Promise<ConfigVersion<K>>;
  versions(ctx: RequestContext, kind: AnalysisConfigKind, id: string): Promise<VersionInfo[]>;
  /** A new configuration whose version 1 is the body; version 1 is active at once (audited). */
  create<K extends AnalysisConfigKind>(
    ctx: AuditContext,
    kind: K,
    body: ConfigBodyInput<K>,
  ): Promise<ConfigVersion<K>>;
  /** A new version (the newest + 1); active only when `activate` (audited). */
  addVersion<K extends AnalysisConfigKind>(
    ctx: AuditContext,
    kind: K,
    id: string,
    body: ConfigBodyInput<K>,
    options?: { readonly activate?: boolean },
  ): Promise<ConfigVersion<K>>;
  /** Makes an existing version the active one, an older one included (audited). */
  activate<K extends AnalysisConfigKind>(
    ctx: AuditContext,
    kind: K,
    id: string,
    version: number,
  ): Promise<ConfigVersion<K>>;
  /** Validates an analyser's result against an insight schema version (the active one by default). */
  validateInsights(
    ctx: RequestContext,
    schemaId: string,
    result: unknown,
    version?: VersionSelector,
  ): Promise<InsightValidation & { readonly version: number }>;
}

export interface AnalysisConfigDeps {
  readonly database: Database;
  readonly audit: AuditLog;
}

const LIST_LIMIT = 500;

/** Parses a body of the kind, naming every problem by its field under `body.`. */
export function parseConfigBody<K extends AnalysisConfigKind>(kind: K, body: unknown): ConfigBody<K> {
  const schema: z.ZodType = configKinds[kind].body;
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw ConversationsErrors.invalidAnalysisConfig(
      parsed.error.issues.map((issue): FieldProblem => ({
        field: ['body', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  if (kind === 'insight_schema') {
    try {
      insightValidator(parsed.data as ConfigBody<'insight_schema'>);
    } catch (error) {
      throw ConversationsErrors.invalidAnalysisConfig([
        { field: 'body.fields', message: `do not compile to a JSON Schema: ${(error as Error).message}` },
      ]);
    }
  }
  return parsed.data as ConfigBody<K>;
}

export function createAnalysisConfig(deps: AnalysisConfigDeps): AnalysisConfigService {
  const { database, audit } = deps;
  const inTenant = <T>(ctx: RequestContext, fn: (trx: ConversationsTransaction) => Promise<T>) =>
    database.withTenant<ConversationsTables, T>(ctx, fn);

  const uuidOf = (kind: AnalysisConfigKind, id: string) => {
    const uuid = fromPublicId(configKinds[kind].prefix, id);
    if (!uuid) throw ConversationsErrors.analysisConfigNotFound(configKinds[kind].noun);
    return uuid;
  };
  const summary = (row: ConfigRow): ConfigSummary => ({
    id: toPublicId(configKinds[row.kind].prefix, row.id),
    kind: row.kind,
    name: row.name,
    latestVersion: row.latestVersion,
    activeVersion: row.activeVersion,
    activatedBy: row.activatedBy,
    activatedAt: row.activatedAt?.toISOString() ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
  const view = <K extends AnalysisConfigKind>(config: ConfigRow, version: VersionRow): ConfigVersion<K> => ({
    ...summary(config),
    version: version.version,
    isActive: config.activeVersion === version.version,
    body: version.body as ConfigBody<K>,
    versionCreatedBy: version.createdBy,
    versionCreatedAt: version.createdAt.toISOString(),
  });
  const load = async (
    trx: ConversationsTransaction,
    kind: AnalysisConfigKind,
    id: string,
    forUpdate = false,
  ) => {
    const config = await findConfig(trx, kind, uuidOf(kind, id), forUpdate);
    if (!config) throw ConversationsErrors.analysisConfigNotFound(configKinds[kind].noun);
    return config;
  };
  const versionOf = async (
    trx: ConversationsTransaction,
    config: ConfigRow,
    selector: VersionSelector,
    field: string,
  ): Promise<VersionRow> => {
    const number =
      selector === 'latest' ? config.latestVersion : selector === 'active' ? config.activeVersion : selector;
    if (number === null)
      throw ConversationsErrors.analysisConfigVersionNotFound(field, 0, config.latestVersion);
    const row = await findVersion(trx, config.id, number);
    if (!row) throw ConversationsErrors.analysisConfigVersionNotFound(field, number, config.latestVersion);
    return row;
  };
  const auditTarget = (config: ConfigRow) => ({
    type: `conversations.${configKinds[config.kind].audit}`,
    id: toPublicId(configKinds[config.kind].prefix, config.id),
  });

  return {
    list: (ctx, kind) =>
      inTenant(ctx, async (trx) => (await listConfigs(trx, kind, LIST_LIMIT)).map(summary)),

    get: (ctx, kind, id, version = 'latest') =>
      inTenant(ctx, async (trx) => {
        const config = await load(trx, kind, id);
        return view(config, await versionOf(trx, config, version, 'query.version'));
      }),

    versions: (ctx, kind, id) =>
      inTenant(ctx, async (trx) => {
        const config = await load(trx, kind, id);
        return (await listVersions(trx, config.id)).map((row) => ({
          version: row.version,
          name: row.name,
          isActive: row.version === config.activeVersion,
          createdBy: row.createdBy,
          createdAt: row.createdAt.toISOString(),
        }));
      }),

    create: (ctx, kind, input) => {
      const body = parseConfigBody(kind, input);
      return inTenant(ctx, async (trx) => {
        const id = newUuid();
        const config = await insertConfig(trx, {
          id,
          tenantId: ctx.tenantId,
          kind,
          name: body.name,
          latestVersion: 1,
          activeVersion: 1,
          activatedBy: ctx.actor.id,
          activatedAt: new Date(),
          createdBy: ctx.actor.id,
        });
        const version = await insertVersion(trx, {
          tenantId: ctx.tenantId,
          configId: id,
          version: 1,
          name: body.name,
          body,
          createdBy: ctx.actor.id,
        });
        await audit.append(trx, ctx, {
          action: `conversations.${configKinds[kind].audit}.version_created`,
          target: auditTarget(config),
          details: { version: 1, activated: true },
        });
        return view(config, version);
      });
    },

    addVersion: (ctx, kind, id, input, options = {}) => {
      const body = parseConfigBody(kind, input);
      return inTenant(ctx, async (trx) => {
        // Locked: two saves at once get versions n+1 and n+2, never the same number.
        const current = await load(trx, kind, id, true);
        const number = current.latestVersion + 1;
        const version = await insertVersion(trx, {
          tenantId: ctx.tenantId,
          configId: current.id,
          version: number,
          name: body.name,
          body,
          createdBy: ctx.actor.id,
        });
        const config = await updateConfigPointers(trx, current.id, {
          name: body.name,
          latestVersion: number,
          ...(options.activate
            ? { activeVersion: number, activatedBy: ctx.actor.id, activatedAt: new Date() }
            : {}),
        });
        await audit.append(trx, ctx, {
          action: `conversations.${configKinds[kind].audit}.version_created`,
          target: auditTarget(config),
          details: { version: number, activated: options.activate === true },
        });
        return view(config, version);
      });
    },

    activate: (ctx, kind, id, number) =>
      inTenant(ctx, async (trx) => {
        const current = await load(trx, kind, id, true);
        const version = await versionOf(trx, current, number, 'body.version');
        const config = await updateConfigPointers(trx, current.id, {
          activeVersion: number,
          activatedBy: ctx.actor.id,
          activatedAt: new Date(),
        });
        await audit.append(trx, ctx, {
          action: `conversations.${configKinds[kind].audit}.activated`,
          target: auditTarget(config),
          details: { version: number, previous: current.activeVersion },
        });
        return view(config, version);
      }),

    async validateInsights(ctx, schemaId, result, version = 'active') {
      const schema = await this.get(ctx, 'insight_schema', schemaId, version);
      return { ...validateInsightResult(schema.body, result), version: schema.version };
    },
  };
}
