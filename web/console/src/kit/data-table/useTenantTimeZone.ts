import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { useCan } from '../session';
import { browserTimeZone } from './date-range';

/**
 * The tenant's time zone (its settings), where days of a date range begin; this browser's zone
 * until it is known, or for a role that may not read the tenant.
 */
export function useTenantTimeZone(): string {
  return useTenantTimeZoneState().timeZone;
}

/** The zone and whether it is settled (known, or never to be known): a list with a preset waits for it. */
export function useTenantTimeZoneState(): { timeZone: string; settled: boolean } {
  const canRead = useCan('tenant:read');
  const tenant = useQuery({
    queryKey: ['tenant'],
    queryFn: () => unwrap(api.GET('/api/v1/tenant')),
    enabled: canRead,
    staleTime: 5 * 60_000,
  });
  return { timeZone: tenant.data?.timeZone ?? browserTimeZone(), settled: !canRead || !tenant.isPending };
}
