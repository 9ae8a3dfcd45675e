import type { SecretReader } from '../../../../platform/secrets/index.js';

/** Tenant secrets in memory, for adapter tests without a database. */
export function memorySecrets(values: Readonly<Record<string, string>>): SecretReader {
  return {
    read: (_ctx, name) => Promise.resolve(values[name]),
    names: () => Promise.resolve(Object.keys(values)),
  };
}
