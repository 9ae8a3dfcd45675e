import type { AuditLog } from './audit/index.js';
import type { Authenticator } from './auth/index.js';
import type { Bus } from './bus/index.js';
import type { Config } from './config/index.js';
import type { RequestContext } from './context.js';
import type { Keyring, MasterKeyProvider, SubjectKeys } from './crypto/index.js';
import type { Database, MigrationSet } from './db/index.js';
import type { RouteMount } from './http/index.js';
import type { ModuleJobs, Workflows } from './jobs/index.js';
import type { ObjectStore } from './objects/index.js';
import type { SecretReader, SecretsStore } from './secrets/index.js';
import { kernelClassification } from './db/kernel.classification.js';
import {
  classificationRegistry,
  type ClassificationRegistry,
  type ModulePrivacy,
  type PrivacyParticipant,
  type PrivacyParticipants,
  type SchemaClassification,
} from './privacy/index.js';
import type { Logger, Registry } from './telemetry/index.js';
import type { Redis } from 'ioredis';

/**
 * A module is a value: `defineModule({ name, migrations, dependsOn, create })`, listed once in
 * the registry (`src/app/modules.ts`). The kernel migrates the registry in order, then calls each
 * `create(deps)` with the kernel's services and the api of the modules it depends on, mounts the
 * routes it returns and hands its handlers and jobs to the worker runtime.
 */

/** What the kernel hands every module: shared infrastructure, never another module's internals. */
export interface KernelDeps {
  readonly logger: Logger;
  /** The platform's Prometheus registry, for a module's own counters and gauges. */
  readonly metrics: Registry;
  readonly database: Database;
  /** Per-tenant data keys: envelope encryption and blind indexes of what the module stores. */
  readonly keyring: Keyring;
  /**
   * Crypto-shredding: per-data-subject keys for personal fields and objects (src/platform/crypto/
   * subject-keys.contract.ts). Seal what is about a person under their identifiers' keys; erasure
   * destroys the keys.
   */
  readonly subjectKeys: SubjectKeys;
  /** Every module taking part in the privacy contract; call it while serving, never inside `create`. */
  readonly privacyParticipants: PrivacyParticipants;
  /**
   * The data classification of every schema (the kernel's and each module's, by schema name): what
   * the console masks and the logs redact. Complete only once every module is created, like
   * privacyParticipants.
   */
  dataClassification(): ClassificationRegistry;
  /** The master key and the ones it replaced, for a module that wraps keys of its own (identity's signing keys). */
  readonly masterKey: MasterKeyProvider;
  readonly previousMasterKeys: readonly MasterKeyProvider[];
  readonly auditLog: AuditLog;
  readonly bus: Bus;
  /** The object store; every new tenant object is announced as objects.object.created.v1 (the blob trigger). */
  readonly objects: ObjectStore;
  /** The same store without the announcement, for bulk writers that announce their work otherwise (the call archive). */
  readonly quietObjects: ObjectStore;
  /** A short-lived signed link to an object (tests see every link through CreatePlatformOptions.signObjectUrl). */
  signedObjectUrl(objectKey: string, options: { readonly expiresInSeconds: number }): Promise<string>;
  /**
   * Durable workflows: define them in `create` (before the platform launches them). Runs on
   * `start` and `worker`; `api` only starts them; undefined for CLI commands.
   */
  readonly workflows: Workflows | undefined;
  /**
   * The shared Redis client when REDIS_URL is set (caches every replica must drop together, locks);
   * undefined otherwise, and a module falls back to in-process state (one replica).
   */
  readonly redis: Redis | undefined;
  /** How outbound HTTP is fetched, when the platform was given a way (tests route it to local fakes); else the global fetch. */
  readonly fetch: typeof fetch | undefined;
}

/** The secrets a module's definition asked for: reading and writing under its prefixes only. */
export interface ModuleSecrets extends SecretReader {
  put(ctx: RequestContext, name: string, value: string): Promise<void>;
}

/**
 * An event type a module offers to tenants' outbound webhooks (`conversations.analysis.completed.v1`).
 * Only declared types can be subscribed: internal traffic (raw payloads, object announcements) never
 * leaves the installation by accident. Its data is sent as published, so it carries ids and key facts.
 */
export interface WebhookEventDeclaration {
  readonly type: string;
  /** One sentence for the API's list of subscribable types. */
  readonly description: string;
}

/** What `create(deps)` receives: the kernel's services, the module's settings, the apis it depends on. */
export type ModuleDeps<Settings, Needs extends readonly AnyModuleDefinition[]> = KernelDeps & {
  /** Every event type the modules of the registry declared for webhooks (`webhookEvents`), in registry order. */
  readonly webhookEvents: readonly WebhookEventDeclaration[];
  /** What the definition's `settings(config)` picked from the configuration. */
  readonly settings: Settings;
  /** The api of each module in `dependsOn`, by name. */
  readonly modules: ApisOf<Needs>;
  /** Tenant secrets under the definition's `secrets.read` / `secrets.write` prefixes. */
  readonly secrets: ModuleSecrets;
};

export type { ModulePrivacy } from './privacy/index.js';

/** What a module's `create(deps)` returns to the kernel. */
export interface PlatformModule<Api = unknown> extends ModuleJobs {
  /** Its public services: what modules that depend on it, the CLI, benchmarks and tests use (`platform.modules.<name>`). */
  readonly api: Api;
  /** API routes, mounted under /api/v1 (or /ext/v1) + prefix; `root` routes at the prefix itself. */
  readonly routes?: readonly RouteMount[];
  /** How callers prove who they are (identity: bearer tokens, API keys), tried in registry order after the platform's own. */
  readonly authenticators?: readonly Authenticator[];
  /** Runs once before the HTTP app is built, in processes that serve HTTP (identity makes sure a signing key exists). */
  beforeServing?(): Promise<void>;
  /**
   * Ends what the module keeps open across requests (live streams, mail transports, LISTEN
   * connections) when the platform closes: before the HTTP server stops, so that open streams do
   * not hold it up. Runs once, in every role.
   */
  close?(): Promise<void>;
  /**
   * Its part in data-subject requests (find, export, erase, restrict): required of every module
   * whose classification marks a personal column (a test checks). See docs/privacy.md.
   */
  readonly privacy?: ModulePrivacy;
}

export interface ModuleDefinition<
  Name extends string,
  Api,
  Settings,
  Needs extends readonly AnyModuleDefinition[],
> {
  /** Lower-case; also the name of its PostgreSQL schema and the key of its api in `platform.modules`. */
  readonly name: Name;
  /** Its schema's hand-written migrations, run after the kernel's and those of the modules before it. */
  readonly migrations?: MigrationSet;
  /** Modules whose api it uses; the registry lists them before it. */
  readonly dependsOn?: Needs;
  /** Name prefixes of the tenant secrets it may read and write (`teams.`); none when absent. */
  readonly secrets?: { readonly read?: readonly string[]; readonly write?: readonly string[] };
  /** Permissions of its routes that administer the tenant: the admin IP allow-list applies to them. */
  readonly adminPermissions?: readonly string[];
  /**
   * How sensitive each column of its schema is (`db/<module>.classification.ts`): a test fails on a
   * column left out. Drives log redaction and the console's masking. See src/platform/privacy.
   */
  readonly classification?: SchemaClassification;
  /** Event types it publishes that tenants may subscribe to with outbound webhooks. */
  readonly webhookEvents?: readonly WebhookEventDeclaration[];
  /** Picks what it reads from the configuration (given to create as `deps.settings`). */
  settings?(config: Config): Settings;
  create(deps: ModuleDeps<Settings, Needs>): PlatformModule<Api>;
}

/** Any module definition, whatever its api, settings and dependencies. */
export type AnyModuleDefinition = ModuleDefinition<string, unknown, unknown, readonly AnyModuleDefinition[]>;

/** The api a definition's module offers. */
export type ApiOf<D extends AnyModuleDefinition> = ReturnType<D['create']>['api'];

/** The apis of a list of definitions, keyed by module name. */
export type ApisOf<Ds extends readonly AnyModuleDefinition[]> = {
  readonly [D in Ds[number] as D['name']]: ApiOf<D>;
};

/** Defines a module; only gives the definition its types (api, settings, the apis it depends on). */
export function defineModule<
  const Name extends string,
  Api,
  Settings = undefined,
  const Needs extends readonly AnyModuleDefinition[] = readonly [],
>(definition: ModuleDefinition<Name, Api, Settings, Needs>): ModuleDefinition<Name, Api, Settings, Needs> {
  return definition;
}

/** The migrations of the modules, in registry order. */
export function migrationsOf(definitions: readonly AnyModuleDefinition[]): MigrationSet[] {
  return definitions.flatMap((definition) => (definition.migrations ? [definition.migrations] : []));
}

export interface AssembledModules<Apis> {
  /** Each module's api by name (`platform.modules`). */
  readonly apis: Apis;
  /** What each `create` returned, in registry order: routes, handlers, jobs, authenticators. */
  readonly instances: readonly PlatformModule[];
  /** Every module's admin permissions. */
  readonly adminPermissions: ReadonlySet<string>;
  /** The modules that take part in the privacy contract, in registry order. */
  readonly privacyParticipants: readonly PrivacyParticipant[];
}

function secretsFor(
  store: SecretsStore,
  name: string,
  access: AnyModuleDefinition['secrets'],
): ModuleSecrets {
  const reader = store.reader(access?.read ?? []);
  const writable = access?.write ?? [];
  return {
    read: (ctx, secret) => reader.read(ctx, secret),
    names: (ctx) => reader.names(ctx),
    put: (ctx, secret, value) =>
      writable.some((prefix) => secret.startsWith(prefix))
        ? store.put(ctx, secret, value)
        : Promise.reject(new Error(`the ${name} module may not write the secret '${secret}'`)),
  };
}

/**
 * Creates the registry's modules in order, then `extra` ones (tests bring modules of their own). A
 * module comes after those it depends on and each name is used once; otherwise start-up stops
 * here with the registry's mistake named.
 */
export function assembleModules<const Ds extends readonly AnyModuleDefinition[]>(
  registry: Ds,
  kernel: Omit<KernelDeps, 'privacyParticipants' | 'dataClassification'> & {
    readonly config: Config;
    readonly secretsStore: SecretsStore;
  },
  extra: readonly AnyModuleDefinition[] = [],
): AssembledModules<ApisOf<Ds>> {
  const { config, secretsStore, ...rest } = kernel;
  const definitions = [...registry, ...extra];
  const apis = new Map<string, unknown>();
  const instances: PlatformModule[] = [];
  const known: { participants?: readonly PrivacyParticipant[] } = {};
  const kernelDeps: KernelDeps = {
    ...rest,
    privacyParticipants: () => {
      if (!known.participants)
        throw new Error('privacy participants are known only once every module is created');
      return known.participants;
    },
    dataClassification: () => classificationRegistry(kernelClassification, definitions),
  };
  const webhookEvents = definitions.flatMap((definition) => definition.webhookEvents ?? []);
  for (const definition of definitions) {
    if (apis.has(definition.name))
      throw new Error(`two modules are named '${definition.name}' (src/app/modules.ts)`);
    const modules: Record<string, unknown> = {};
    for (const need of definition.dependsOn ?? []) {
      if (!apis.has(need.name)) {
        throw new Error(
          `the ${definition.name} module depends on ${need.name}, which must come before it in src/app/modules.ts`,
        );
      }
      modules[need.name] = apis.get(need.name);
    }
    const instance = definition.create({
      ...kernelDeps,
      settings: definition.settings?.(config),
      modules,
      webhookEvents,
      secrets: secretsFor(secretsStore, definition.name, definition.secrets),
    });
    apis.set(definition.name, instance.api);
    instances.push(instance);
  }
  const participants = definitions.flatMap((definition, index) => {
    const privacy = instances[index]?.privacy;
    return privacy ? [{ module: definition.name, privacy }] : [];
  });
  known.participants = participants;
  return {
    privacyParticipants: participants,
    // The loop above gives each name its own definition's api; the types cannot follow a loop.
    apis: Object.fromEntries(apis) as ApisOf<Ds>,
    instances,
    adminPermissions: new Set(definitions.flatMap((definition) => definition.adminPermissions ?? [])),
  };
}
