import { renderFeatureRoute } from '@/kit/route-testing';
import type { WireRequestWithTrail } from './privacy.api';
import { privacyRoutes } from './routes';

/** Test-only: the privacy pages under a memory router, as the console mounts them. */
export function renderPrivacyRoute(path: string) {
  return renderFeatureRoute(privacyRoutes, path);
}

const dayMs = 24 * 3600 * 1000;
/** An instant `days` from now (negative: in the past), at noon so that calendar days are whole. */
export function daysFromNow(days: number): string {
  const d = new Date(Date.now() + days * dayMs);
  d.setHours(12, 0, 0, 0);
  return d.toISOString();
}

/** A request as the server sends it (GET /api/v1/privacy/requests/{id}). */
export function dsr(overrides: Partial<WireRequestWithTrail> = {}): WireRequestWithTrail {
  return {
    id: 'dsr_01jf00000000000000000001',
    kind: 'erasure',
    status: 'received',
    subject: 'j•••@example.com',
    customerId: 'cus_01jf000000000000000000001',
    channel: 'email',
    receivedAt: daysFromNow(-25),
    dueAt: daysFromNow(5),
    extendedDueAt: null,
    extensionReason: null,
    completedAt: null,
    verification: null,
    rejectionReason: null,
    result: null,
    lastError: null,
    trail: [],
    ...overrides,
  };
}
