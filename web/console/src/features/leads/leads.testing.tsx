import { renderFeatureRoute } from '@/kit/route-testing';
import type { LeadDetail, LeadImportDetail, LeadImportPreview, LeadList, LeadSummary } from './leads.api';
import { leadsRoutes } from './routes';

/** Test-only: the outbound pages under a memory router, as the console mounts them. */
export function renderLeadsRoute(path: string) {
  return renderFeatureRoute(leadsRoutes, path);
}

export const list = (overrides: Partial<LeadList> = {}): LeadList => ({
  id: 'list_01hq0000000000000000000001',
  name: 'Florida spring',
  description: 'Web sign-ups, March',
  defaultRegion: 'US',
  leadCount: 1204,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  ...overrides,
});

export const lead = (overrides: Partial<LeadSummary> = {}): LeadSummary => ({
  id: 'lead_01hq000000000000000000001',
  listId: list().id,
  phone: '+13055550123',
  status: 'new',
  region: 'US',
  subdivision: 'US-FL',
  timeZone: 'America/New_York',
  timeZoneCandidates: ['America/New_York', 'America/Chicago'],
  timeZoneSource: 'subdivision',
  createdAt: '2026-11-30T09:05:00.000Z',
  ...overrides,
});

/** What the server's preview answers for a three-column file, read with `phoneColumn` as the number. */
export function preview(phoneColumn: string | undefined): LeadImportPreview {
  const raw = [
    ['Ann', 'not a number', '+13055550123'],
    ['Bob', 'ask later', '+13055550124'],
  ];
  return {
    sniffedType: 'csv',
    delimiter: ',',
    header: ['First', 'Mobile', 'Phone'],
    rows: raw.map((cells, i) => ({
      row: i + 2,
      raw: cells,
      ...(phoneColumn === 'Phone'
        ? {
            lead: {
              phone: cells[2] ?? '',
              email: null,
              fields: { firstName: cells[0] ?? '' },
              customFields: { Mobile: cells[1] ?? '' },
              region: 'US',
              subdivision: null,
              timeZone: null,
              timeZoneCandidates: [],
            },
            rejection: null,
          }
        : { lead: null, rejection: { field: 'phone', reason: 'is not a valid number in US' } }),
    })),
  };
}

export const importDetail = (overrides: Partial<LeadImportDetail> = {}): LeadImportDetail => ({
  id: 'limp_01hq00000000000000000001',
  listId: list().id,
  fileName: 'spring.csv',
  state: 'completed',
  sniffedType: 'csv',
  sizeBytes: 2048,
  rowsRead: 3,
  rowsAccepted: 1,
  rowsRejected: 1,
  rowsDuplicate: 0,
  scan: { result: 'not_configured', detail: null },
  failureReason: null,
  createdAt: '2026-11-30T09:10:00.000Z',
  startedAt: '2026-11-30T09:10:01.000Z',
  finishedAt: '2026-11-30T09:10:02.000Z',
  rejections: [{ row: 3, field: 'phone', reason: 'is not a valid number in US' }],
  nextRejectionsAfter: null,
  ...overrides,
});

export const leadDetail = (overrides: Partial<LeadDetail> = {}): LeadDetail => {
  const {
    listId,
    id,
    phone,
    status,
    region,
    subdivision,
    timeZone,
    timeZoneCandidates,
    timeZoneSource,
    createdAt,
  } = lead();
  return {
    id,
    listId,
    phone,
    status,
    region,
    subdivision,
    timeZone,
    timeZoneCandidates,
    timeZoneSource,
    createdAt,
    email: null,
    externalId: null,
    title: null,
    firstName: 'Ann',
    middleName: null,
    lastName: 'Lee',
    fullName: null,
    address: { lines: [], postalCode: null, city: null, state: null, province: null, country: null },
    customFields: {},
    importId: null,
    sourceRow: null,
    statusHistory: [{ at: createdAt, from: null, to: 'new', actor: 'user:usr_1', reason: 'imported' }],
    ...overrides,
  };
};
