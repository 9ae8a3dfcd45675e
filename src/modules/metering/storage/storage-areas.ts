import { callRecordIngestedV1 } from '../../calls/index.js';

/**
 * Which module owns an area of the object store (the first folder under the tenant). The call
 * archive files each source under its own name (`<tenant>/asterisk/2024/05/01/…`), so every call
 * source is an area of calls. An area no module is known to write is `other`, still measured.
 */
const callSources: ReadonlySet<string> = new Set(callRecordIngestedV1.schema.shape.source.options);

const areaModules: Readonly<Record<string, string>> = {
  exports: 'calls',
  audio: 'conversations',
  'redacted-audio': 'conversations',
  enriched: 'conversations',
  final: 'conversations',
  campaigns: 'campaigns',
  catalog: 'catalog',
  orders: 'orders',
  privacy: 'privacy',
  audit: 'audit',
};

export function moduleOfArea(area: string): string {
  if (callSources.has(area)) return 'calls';
  return Object.hasOwn(areaModules, area) ? (areaModules[area] ?? 'other') : 'other';
}

/** Areas kept apart per tenant and day at most; the rest (a writer gone astray) is summed as `(more)`. */
export const MAX_AREAS = 100;
export const MORE_AREAS = '(more)';
/** An object directly under the tenant, in no folder. */
export const NO_AREA = '(root)';
