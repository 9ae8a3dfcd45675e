import type { AuditLog } from '../audit/index.js';
import type { RequestContext } from '../context.js';
import type { Keyring } from '../crypto/index.js';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';

export interface SecretInfo {
  readonly name: string;
  readonly updatedAt: Date;
  readonly updatedBy: string;
  /** When the credential stops working at its issuer, if the tenant said; null otherwise. */
  readonly expiresAt: Date | null;
}

export interface PutSecretOptions {
  /** When the credential stops working at its issuer; a new value without one has none. */
  readonly expiresAt?: Date | null;
}

/**
 * Write-only from the outside: the API can set, list (names only) and delete secrets, never read
 * them. Reading is a capability handed by the composition root to the one component that needs a
 * given secret (the Teams connector gets a reader for `teams.*`, nothing else).
 */
export interface SecretsStore {
  put(ctx: RequestContext, name: string, value: string, options?: PutSecretOptions): Promise<void>;
  list(ctx: RequestContext): Promise<SecretInfo[]>;
  remove(ctx: RequestContext, name: string): Promise<void>;
  /** A reader limited to secrets whose names start with one of `prefixes`. */
  reader(prefixes: readonly string[]): SecretReader;
}

export interface SecretReader {
  read(ctx: Pick<RequestContext, 'tenantId'>, name: string): Promise<string | undefined>;
  /** The names set among those this reader may read, without decrypting anything. */
  names(ctx: Pick<RequestContext, 'tenantId'>): Promise<string[]>;
}

export const secretNamePattern = /^[a-z0-9][a-z0-9._-]{0,99}$/;

type SecretsTables = {
  'secrets.tenant_secrets': {
    tenantId: string;
    name: string;
    ciphertext: string;
    updatedAt: Date;
    updatedBy: string;
    expiresAt: Date | null;
  };
};

export const SecretsErrors = {
  notFound: (name: string) => new AppError('SECRETS_NOT_FOUND', 'not_found', `No secret named '${name}'.`),
  invalidName: () =>
    new AppError(
      'SECRETS_INVALID_NAME',
      'invalid_input',
      'A secret name is lower-case letters, digits, dots, dashes and underscores.',
      {
        fields: [{ field: 'name', message: 'must match ^[a-z0-9][a-z0-9._-]{0,99}$' }],
      },
    ),
} as const;

export function createSecretsStore(deps: {
  database: Database;
  keyring: Keyring;
  audit: AuditLog;
}): SecretsStore {
  const { database, keyring, audit } = deps;
  const checkName = (name: string) => {
    if (!secretNamePattern.test(name)) throw SecretsErrors.invalidName();
  };
  return {
    async put(ctx, name, value, options = {}) {
      checkName(name);
      const expiresAt = options.expiresAt ?? null;
      const ciphertext = await keyring.encryptToString(ctx.tenantId, value, `secret:${name}`);
      await database.withTenant<SecretsTables, void>(ctx, async (trx) => {
        await trx
          .insertInto('secrets.tenant_secrets')
          .values({
            tenantId: ctx.tenantId,
            name,
            ciphertext,
            updatedAt: new Date(),
            updatedBy: ctx.actor.id,
            expiresAt,
          })
          .onConflict((oc) =>
            oc
              .columns(['tenantId', 'name'])
              .doUpdateSet({ ciphertext, updatedAt: new Date(), updatedBy: ctx.actor.id, expiresAt }),
          )
          .execute();
        await audit.append(trx, ctx, {
          action: 'settings.secret_written',
          target: { type: 'secret', id: name },
          ...(expiresAt ? { details: { expiresAt: expiresAt.toISOString() } } : {}),
        });
      });
    },
    async list(ctx) {
      return database.withTenant<SecretsTables, SecretInfo[]>(ctx, (trx) =>
        trx
          .selectFrom('secrets.tenant_secrets')
          .select(['name', 'updatedAt', 'updatedBy', 'expiresAt'])
          .orderBy('name')
          .execute(),
      );
    },
    async remove(ctx, name) {
      checkName(name);
      const removed = await database.withTenant<SecretsTables, boolean>(ctx, async (trx) => {
        const result = await trx
          .deleteFrom('secrets.tenant_secrets')
          .where('name', '=', name)
          .executeTakeFirst();
        if (result.numDeletedRows > 0n)
          await audit.append(trx, ctx, {
            action: 'settings.secret_deleted',
            target: { type: 'secret', id: name },
          });
        return result.numDeletedRows > 0n;
      });
      if (!removed) throw SecretsErrors.notFound(name);
    },
    reader(prefixes) {
      return {
        async read(ctx, name) {
          if (!prefixes.some((p) => name.startsWith(p)))
            throw new Error(`this component may not read the secret '${name}'`);
          const row = await database.withTenant<SecretsTables, { ciphertext: string } | undefined>(
            ctx,
            (trx) =>
              trx
                .selectFrom('secrets.tenant_secrets')
                .select('ciphertext')
                .where('name', '=', name)
                .executeTakeFirst(),
          );
          return row ? keyring.decryptToString(ctx.tenantId, row.ciphertext, `secret:${name}`) : undefined;
        },
        async names(ctx) {
          const rows = await database.withTenant<SecretsTables, { name: string }[]>(ctx, (trx) =>
            trx.selectFrom('secrets.tenant_secrets').select('name').execute(),
          );
          return rows.map((row) => row.name).filter((name) => prefixes.some((p) => name.startsWith(p)));
        },
      };
    },
  };
}
