/**
 * A label from a catalogue's list of known keys (`m.types`, `m.modules`) for a key that comes from
 * the server and may be one the console does not know yet: undefined then, so the caller can show
 * the key itself.
 */
export function labelIn(labels: object, key: string): string | undefined {
  const value: unknown = (labels as Readonly<Record<string, unknown>>)[key];
  return typeof value === 'string' ? value : undefined;
}
