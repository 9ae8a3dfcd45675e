import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderFeatureRoute } from '@/kit/route-testing';
import { signInAs, stubApi } from '@/test/render';
import { analysisRoutes } from '../routes';

const summary = (overrides: Record<string, unknown> = {}) => ({
  id: 'scorecard_01',
  kind: 'scorecard',
  name: 'Billing QA',
  latestVersion: 3,
  activeVersion: 2,
  activatedBy: 'usr_ann',
  activatedAt: '2026-11-30T09:00:00.000Z',
  createdBy: 'usr_ann',
  createdAt: '2026-11-29T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  ...overrides,
});

describe('scorecards list', () => {
  it('lists each scorecard with its active and latest version, and offers a new one to an editor', async () => {
    signInAs(['analysis:read', 'analysis:configure']);
    stubApi({
      'GET /api/v1/conversations/scorecards': [
        200,
        {
          items: [
            summary(),
            summary({ id: 'scorecard_02', name: 'Sales QA', latestVersion: 1, activeVersion: null }),
          ],
        },
      ],
    });
    const { router } = await renderFeatureRoute(analysisRoutes, '/conversations/scorecards');
    const billing = (await screen.findByRole('link', { name: 'Billing QA' })).closest('tr')!;
    expect(within(billing).getByText('Version 2')).toBeTruthy();
    expect(within(billing).getByText('Version 3')).toBeTruthy();
    const sales = screen.getByRole('link', { name: 'Sales QA' }).closest('tr')!;
    expect(within(sales).getByText('None active')).toBeTruthy();

    await userEvent.setup().click(screen.getByRole('button', { name: 'New scorecard' }));
    expect(router.state.location.pathname).toBe('/conversations/scorecards/new');
  });

  it('offers no new scorecard to a reader', async () => {
    signInAs(['analysis:read']);
    stubApi({ 'GET /api/v1/conversations/scorecards': [200, { items: [summary()] }] });
    await renderFeatureRoute(analysisRoutes, '/conversations/scorecards');
    expect(await screen.findByRole('link', { name: 'Billing QA' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New scorecard' })).toBeNull();
  });

  it('re-scores a period: the server’s problem goes on the field, then the job’s progress shows and it can be cancelled', async () => {
    signInAs(['analysis:read', 'analysis:configure']);
    const job = {
      id: 'rescore_01',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-08T00:00:00.000Z',
      queue: null,
      scope: 'qa',
      state: 'running',
      cancelRequested: false,
      total: 40,
      done: 12,
      failed: 1,
      failures: [{ recordingId: 'rec_09', reason: 'The recording was not found.' }],
      error: null,
      requestedBy: 'usr_ann',
      createdAt: '2026-11-30T09:00:00.000Z',
      updatedAt: '2026-11-30T09:00:00.000Z',
      finishedAt: null,
    };
    let jobs: (typeof job)[] = [];
    const sent: unknown[] = [];
    let cancelled = false;
    stubApi({
      'GET /api/v1/conversations/scorecards': [200, { items: [summary()] }],
      'GET /api/v1/conversations/rescore': () => [200, { items: jobs, nextCursor: null }],
      'POST /api/v1/conversations/rescore': async (request) => {
        sent.push(await request.json());
        if (sent.length === 1)
          return [
            400,
            {
              code: 'VALIDATION_FAILED',
              status: 400,
              detail: 'The request is not valid.',
              errors: [{ field: 'body.to', message: 'must be at most 366 days after from' }],
            },
          ];
        jobs = [job];
        return [202, { ...job, coalesced: false }];
      },
      'POST /api/v1/conversations/rescore/rescore_01/cancel': () => {
        cancelled = true;
        jobs = [{ ...job, cancelRequested: true }];
        return [200, jobs[0]];
      },
    });
    await renderFeatureRoute(analysisRoutes, '/conversations/scorecards');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('From (first day)'), '2026-11-01');
    const to = screen.getByLabelText('To (last day)');
    await user.type(to, '2026-11-07');
    await user.click(screen.getByRole('button', { name: 'Re-score' }));
    expect(await screen.findByText('Must be at most 366 days after from.')).toBeTruthy();
    expect(to.getAttribute('aria-invalid')).toBe('true');
    // The last day is included: the request runs to the start of the day after it.
    expect(sent[0]).toEqual({ from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00.000Z', scope: 'qa' });

    await user.click(screen.getByRole('button', { name: 'Re-score' }));
    expect(await screen.findByText('12 of 40 done')).toBeTruthy();
    expect(screen.getByText(/1 failed/)).toBeTruthy();
    expect(screen.getByText(/2026-11-01 to 2026-11-07/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Stopping after the current batch…')).toBeTruthy();
    expect(cancelled).toBe(true);
  });
});
