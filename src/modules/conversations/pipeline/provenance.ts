import { createHash } from 'node:crypto';

/** A short stable hash of a step's configuration: the same settings give the same hash in any process. */
export function configHash(config: unknown): string {
  return createHash('sha256').update(stableJson(config)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted, so equal values serialise alike. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : item,
  );
}
