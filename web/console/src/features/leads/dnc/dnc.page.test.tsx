import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import type { DncEntry, DncRegistryCopy } from '../leads.api';
import { renderLeadsRoute } from '../leads.testing';

const entry = (overrides: Partial<DncEntry> = {}): DncEntry => ({
  id: 'dnc_01hq000000000000000000001',
  kind: 'number',
  number: '+13055550123',
  pattern: null,
  reason: 'asked not to be called',
  source: 'opt_out_intent',
  evidence: { quote: 'please stop calling me', recordingId: 'rec_01hq0000000000000000000001' },
  addedBy: 'system:campaigns.opt-out',
  createdAt: '2026-11-30T09:00:00.000Z',
  removedAt: null,
  removedBy: null,
  removedReason: null,
  ...overrides,
});
const copy = (overrides: Partial<DncRegistryCopy> = {}): DncRegistryCopy => ({
  id: 'dncr_1',
  registry: 'us-national-dnc',
  region: 'US',
  state: 'current',
  downloadedAt: '2026-10-20T06:00:00.000Z',
  createdAt: '2026-10-20T07:00:00.000Z',
  finishedAt: '2026-10-20T07:05:00.000Z',
  entryCount: 2_000_000,
  linesRejected: 3,
  importedBy: 'usr_ann',
  ageDays: 44,
  ...overrides,
});

describe('do-not-call page', () => {
  it('warns of a registry copy past 31 days and removes an entry only with a reason', async () => {
    signInAs(['leads:read', 'dnc:write']);
    const removals: unknown[] = [];
    stubApi({
      'GET /api/v1/campaigns/dnc': [200, { entries: [entry()], nextCursor: null }],
      'GET /api/v1/campaigns/dnc-registries': [200, { registries: [copy()] }],
      [`DELETE /api/v1/campaigns/dnc/${entry().id}`]: async (request) => {
        removals.push(await request.json());
        return [
          200,
          entry({ removedAt: '2026-12-01T00:00:00.000Z', removedBy: 'usr_ann', removedReason: 'x' }),
        ];
      },
    });
    await renderLeadsRoute('/outbound/dnc');
    expect(await screen.findByText('“please stop calling me”')).toBeTruthy();
    expect(await screen.findByText(/Older than 31 days: calls to this region are refused/)).toBeTruthy();

    const events = userEvent.setup();
    await events.click(screen.getByRole('button', { name: 'Remove' }));
    const dialog = await screen.findByRole('dialog');
    await events.click(within(dialog).getByRole('button', { name: 'Remove from the list' }));
    expect(await within(dialog).findByText('Say why it comes off the list.')).toBeTruthy();
    expect(removals).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'added by mistake' } });
    await events.click(within(dialog).getByRole('button', { name: 'Remove from the list' }));
    await screen.findByText('Taken off the list');
    expect(removals).toEqual([{ reason: 'added by mistake' }]);
  }, 15_000);

  it('offers no changes without dnc:write', async () => {
    signInAs(['leads:read']);
    stubApi({
      'GET /api/v1/campaigns/dnc': [200, { entries: [entry()], nextCursor: null }],
      'GET /api/v1/campaigns/dnc-registries': [200, { registries: [copy({ ageDays: 3 })] }],
    });
    await renderLeadsRoute('/outbound/dnc');
    expect(await screen.findByText('3 days')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add to the list' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Import a copy' })).toBeNull();
  });
});
