import { renderFeatureRoute } from '@/kit/route-testing';
import type { Customer } from './customers.api';
import { customersRoutes } from './routes';

/** Test-only: the customers pages under a memory router, as the console mounts them. */
export function renderCustomersRoute(path: string) {
  return renderFeatureRoute(customersRoutes, path);
}

export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'cus_01jf000000000000000000001',
    userId: 'usr_client1',
    name: 'Jane Smith',
    email: 'jane@example.com',
    phone: '+447700900123',
    language: 'en',
    status: 'active',
    restricted: false,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-11-30T09:00:00.000Z',
    lastActivityAt: '2026-11-30T09:00:00.000Z',
    version: 4,
    ...overrides,
  };
}
