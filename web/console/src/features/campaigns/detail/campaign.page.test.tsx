import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import {
  campaign,
  campaignId,
  renderCampaignsRoute,
  stats,
  stubApiWithLiveStream,
} from '../campaigns.testing';

const path = `/api/v1/campaigns/campaigns/${campaignId}`;
const quietRoutes = {
  [`GET ${path}`]: [200, campaign()] as [number, unknown],
  [`GET ${path}/attempts`]: [200, { attempts: [], nextCursor: null }] as [number, unknown],
};

const tile = (label: string) => {
  const tiles = screen.getByLabelText('Campaign figures');
  const term = within(tiles).getByText(label, { selector: 'dt' });
  return term.parentElement as HTMLElement;
};

describe('campaign page', () => {
  it('shows the dry run: who would be dialled, and each skip reason with what it means and examples', async () => {
    signInAs(['campaigns:read', 'leads:read']);
    const asked: URLSearchParams[] = [];
    stubApi({
      ...quietRoutes,
      [`GET ${path}/dry-run`]: (request) => {
        asked.push(new URL(request.url).searchParams);
        return [
          200,
          {
            campaignId,
            at: '2026-12-03T15:00:00.000Z',
            evaluated: 9,
            wouldDial: [
              {
                leadId: 'lead_01',
                listId: 'list_01jf0000000000000000000001',
                attemptNumber: 1,
                timeZone: 'America/New_York',
              },
              {
                leadId: 'lead_02',
                listId: 'list_01jf0000000000000000000001',
                attemptNumber: 2,
                timeZone: null,
              },
            ],
            skipped: { retry_too_soon: 2, dnc_internal: 5, some_new_reason: 1 },
            examples: [{ leadId: 'lead_07', reason: 'dnc_internal', detail: 'matches +1555*' }],
          },
        ];
      },
    });
    await renderCampaignsRoute(`/campaigns/${campaignId}`);

    const panel = await screen.findByRole('region', { name: 'Dry run' });
    expect(await within(panel).findByText('9 leads evaluated at', { exact: false })).toBeTruthy();
    // Now, unless the reader picks an instant.
    expect(asked[0]?.has('at')).toBe(false);
    const dial = within(panel).getByRole('table', { name: 'Would dial (2)' });
    // A lead opens on the leads page.
    expect(within(dial).getByRole('link', { name: 'lead_01' }).getAttribute('href')).toBe(
      '/outbound/leads?leadId=lead_01',
    );
    // Several possible zones, the window open in each: no one zone to show.
    const several = within(dial).getByRole('row', { name: /lead_02/ });
    expect(within(several).getByText('Open in each of its possible zones')).toBeTruthy();
    expect(within(dial).getAllByText('Renewals Q4')).toHaveLength(2);

    const skipped = within(panel).getByRole('table', { name: 'Skipped, by reason' });
    const rows = within(skipped).getAllByRole('row').slice(1);
    // In the pre-dial check's order: the do-not-call list before the retry spacing, unknown ones last.
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]?.textContent)).toEqual(['5', '2', '1']);
    expect(within(rows[0] as HTMLElement).getByText('On your do-not-call list')).toBeTruthy();
    expect(
      within(rows[0] as HTMLElement).getByText(/own do-not-call list or matches one of its patterns/),
    ).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('Too soon to retry')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('Other reason (some_new_reason)')).toBeTruthy();

    const examples = within(panel).getByRole('table', { name: 'Examples' });
    expect(within(examples).getByText('matches +1555*')).toBeTruthy();
    expect(within(examples).getByText('lead_07')).toBeTruthy();

    // A chosen instant is sent as an ISO instant.
    const user = userEvent.setup();
    await user.type(within(panel).getByLabelText('At'), '2026-12-24T10:30');
    await user.click(within(panel).getByRole('button', { name: 'Run dry run' }));
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1]?.get('at')).toBe(new Date('2026-12-24T10:30').toISOString());
  }, 20_000);

  it('updates the live figures from the event stream, and warns when abandonment nears the limit', async () => {
    signInAs(['campaigns:read']);
    const live = stubApiWithLiveStream({
      ...quietRoutes,
      [`GET ${path}/dry-run`]: [
        200,
        {
          campaignId,
          at: '2026-12-03T15:00:00.000Z',
          evaluated: 0,
          wouldDial: [],
          skipped: {},
          examples: [],
        },
      ],
    });
    await renderCampaignsRoute(`/campaigns/${campaignId}`);
    await waitFor(() => expect(live.opened).toHaveBeenCalled());
    expect(await screen.findByText(/Updated as it happens/)).toBeTruthy();

    live.send('stats', stats({ dialled: 5, connected: 3 }));
    expect(await screen.findByLabelText('Campaign figures')).toBeTruthy();
    await waitFor(() => expect(tile('Dialled').textContent).toContain('5'));
    expect(tile('Connected').textContent).toContain('3');
    expect(tile('Abandonment, 30 days').getAttribute('data-tone')).toBeNull();

    live.send(
      'stats',
      stats({
        at: '2026-12-03T10:00:02.000Z',
        dialled: 12,
        abandonment: {
          rate30d: 2.6,
          answered30d: 500,
          abandoned30d: 13,
          rate24h: 1,
          answered24h: 100,
          abandoned24h: 1,
          limitPercent: 3,
        },
        skipsByReason: { outside_calling_window: 4 },
      }),
    );
    await waitFor(() => expect(tile('Dialled').textContent).toContain('12'));
    const abandonment = tile('Abandonment, 30 days');
    expect(abandonment.getAttribute('data-tone')).toBe('warning');
    expect(abandonment.textContent).toContain('Near the limit');
    expect(tile('Abandonment, 24 hours').getAttribute('data-tone')).toBeNull();
    expect(screen.getByRole('figure', { name: 'Skipped, by reason' })).toBeTruthy();
  }, 20_000);

  it('polls the figures every 3 s and says so when the live stream is refused', async () => {
    signInAs(['campaigns:read']);
    stubApi({
      ...quietRoutes,
      [`GET ${path}/live`]: [403, { code: 'FORBIDDEN', status: 403 }],
      [`GET ${path}/stats`]: [200, stats({ dialled: 42 })],
      [`GET ${path}/dry-run`]: [
        200,
        {
          campaignId,
          at: '2026-12-03T15:00:00.000Z',
          evaluated: 0,
          wouldDial: [],
          skipped: {},
          examples: [],
        },
      ],
    });
    await renderCampaignsRoute(`/campaigns/${campaignId}`);
    expect(await screen.findByText(/fetched every 3 seconds instead/)).toBeTruthy();
    await waitFor(() => expect(tile('Dialled').textContent).toContain('42'));
  }, 20_000);
  it('pages the attempts by the API cursor and filters them by outcome', async () => {
    signInAs(['campaigns:read']);
    const asked: URLSearchParams[] = [];
    const attempt = (n: number, outcome: string) => ({
      id: `cat_${n}`,
      leadId: `lead_${n}`,
      attemptNumber: 1,
      adapter: 'simulator',
      state: 'ended',
      providerCallId: null,
      reservedAt: '2026-12-03T10:00:00.000Z',
      placedAt: '2026-12-03T10:00:01.000Z',
      answeredAt: null,
      endedAt: '2026-12-03T10:00:30.000Z',
      outcome,
      answeredBy: null,
      talkSeconds: 0,
      disposition: null,
      endedReason: null,
      optOut: false,
      converted: n === 1,
      recordingId: null,
    });
    stubApi({
      [`GET ${path}`]: [200, campaign()],
      [`GET ${path}/dry-run`]: [
        200,
        {
          campaignId,
          at: '2026-12-03T15:00:00.000Z',
          evaluated: 0,
          wouldDial: [],
          skipped: {},
          examples: [],
        },
      ],
      [`GET ${path}/attempts`]: (request) => {
        const query = new URL(request.url).searchParams;
        asked.push(query);
        if (query.get('outcome') === 'busy')
          return [200, { attempts: [attempt(3, 'busy')], nextCursor: null }];
        return query.get('cursor') === 'page2'
          ? [
              200,
              {
                attempts: [
                  attempt(2, 'no_answer'),
                  { ...attempt(4, 'failed'), state: 'not_placed', placedAt: null },
                ],
                nextCursor: null,
              },
            ]
          : [200, { attempts: [attempt(1, 'answered')], nextCursor: 'page2' }];
      },
    });
    await renderCampaignsRoute(`/campaigns/${campaignId}`);
    const panel = await screen.findByRole('region', { name: 'Attempts' });
    expect(await within(panel).findByText('lead_1')).toBeTruthy();
    expect(within(panel).getByText('Converted')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(within(panel).getByRole('button', { name: 'Load more' }));
    expect(await within(panel).findByText('lead_2')).toBeTruthy();
    // Reserved but never placed (the provider refused, or the dialer stopped): said so, not just “failed”.
    expect(within(within(panel).getByRole('row', { name: /lead_4/ })).getByText('Not placed')).toBeTruthy();
    expect(asked[1]?.get('cursor')).toBe('page2');

    await user.selectOptions(within(panel).getByLabelText('Outcome'), 'busy');
    expect(await within(panel).findByText('lead_3')).toBeTruthy();
    expect(within(panel).queryByText('lead_1')).toBeNull();
    expect(asked.at(-1)?.get('outcome')).toBe('busy');
  }, 20_000);
});
