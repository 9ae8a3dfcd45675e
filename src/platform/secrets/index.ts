export {
  createSecretsStore,
  SecretsErrors,
  secretNamePattern,
  type SecretsStore,
  type SecretReader,
  type SecretInfo,
} from './secrets.store.js';
export { secretsRoutes } from './secrets.routes.js';
export { secretsMigrations } from './secrets.migrations.js';
