export {
  createSecretsStore,
  SecretsErrors,
  secretNamePattern,
  type SecretsStore,
  type SecretReader,
  type SecretInfo,
  type PutSecretOptions,
} from './secrets.store.js';
export { secretsRoutes } from './secrets.routes.js';
export { secretsMigrations } from './secrets.migrations.js';
export { registerSecretsMetrics } from './secrets.metrics.js';
