import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderFeatureRoute } from '@/kit/route-testing';
import { signInAs, stubApi } from '@/test/render';
import { analysisRoutes } from '../routes';

const REC = 'rec_01jd0000000000000000000000';
const dispute = (over: Record<string, unknown> = {}) => ({
  id: 'dispute_01',
  analysisId: 'ana_01',
  recordingId: REC,
  ruleId: 'talk-ratio',
  raisedBy: 'usr_agent',
  comment: 'The customer put me on hold.',
  state: 'open',
  resolvedBy: null,
  resolution: null,
  resolvedAt: null,
  createdAt: '2026-11-30T09:00:00.000Z',
  analysisIsCurrent: true,
  ...over,
});

describe('QA disputes page', () => {
  it('lists the open disputes and resolves one, accepted with an override', async () => {
    signInAs(['analysis:read', 'qa:review']);
    const fetch = stubApi({
      'GET /api/v1/conversations/disputes': (request) => {
        const state = new URL(request.url).searchParams.get('state');
        return [
          200,
          {
            items:
              state === 'open'
                ? [dispute(), dispute({ id: 'dispute_02', ruleId: null, comment: 'All wrong.' })]
                : [],
            nextCursor: null,
          },
        ];
      },
      [`POST /api/v1/recordings/${REC}/analysis/disputes/dispute_01/resolve`]: [
        200,
        { dispute: dispute({ state: 'accepted' }), review: null, effective: null },
      ],
    });
    await renderFeatureRoute(analysisRoutes, '/conversations/disputes');
    expect(await screen.findByText('The customer put me on hold.')).toBeTruthy();
    expect(screen.getByText('Whole evaluation')).toBeTruthy();

    const user = userEvent.setup();
    const row = screen.getByText('The customer put me on hold.').closest('tr')!;
    await user.click(within(row).getByRole('button', { name: `Resolve the dispute on ${REC}` }));
    const dialog = await screen.findByRole('dialog', { name: 'Resolve the dispute' });
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    expect(within(dialog).getByText('Write a comment for the agent.')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Comment'), 'Agreed: hold music.');
    await user.click(within(dialog).getByRole('switch', { name: 'Override the rule’s score too' }));
    await user.type(within(dialog).getByLabelText('New score (0–100)'), '50');
    await user.click(within(dialog).getByRole('switch', { name: 'The rule is passed' }));
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    expect(await screen.findByText('Dispute resolved')).toBeTruthy();
    const sent = fetch.mock.calls.find(([r]) => r.method === 'POST')![0];
    expect(await sent.clone().json()).toEqual({
      outcome: 'accepted',
      comment: 'Agreed: hold music.',
      override: { score: 50, pass: false },
    });
  }, 20_000);

  it('says when nothing waits', async () => {
    signInAs(['analysis:read', 'qa:review']);
    stubApi({ 'GET /api/v1/conversations/disputes': [200, { items: [], nextCursor: null }] });
    await renderFeatureRoute(analysisRoutes, '/conversations/disputes');
    expect(await screen.findByText('Nothing waits for a reviewer.')).toBeTruthy();
  }, 20_000);
});
