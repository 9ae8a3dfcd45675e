import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { recordingDetail, renderRecordingsRoute } from '../detail.testing';
import { analysisOf } from './analysis.testing';

const id = 'rec_01jf0000000000000000000001';
const reviewer = ['tenant:read', 'recordings:read', 'recordings:play', 'transcripts:read', 'analysis:read'];

const insightSchema = {
  id: 'insight_schema_01',
  kind: 'insight_schema',
  name: 'Billing insights',
  version: 1,
  latestVersion: 1,
  activeVersion: 1,
  isActive: true,
  body: {
    name: 'Billing insights',
    description: '',
    fields: [
      { name: 'reason', type: 'string', description: 'Why the customer called', required: true },
      { name: 'resolved', type: 'boolean', description: 'Solved in the call', required: false },
      { name: 'products', type: 'array-of-string', description: '', required: false },
    ],
  },
  activatedAt: null,
  activatedBy: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: 'usr_1',
  updatedAt: '2026-11-01T00:00:00.000Z',
  versionCreatedAt: '2026-11-01T00:00:00.000Z',
  versionCreatedBy: 'usr_1',
};

function stubRecording(analysis: [number, unknown], extra: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    [`GET /api/v1/recordings/${id}`]: [200, recordingDetail()],
    [`GET /api/v1/recordings/${id}/audio`]: [
      200,
      { url: `/media/${id}.wav?sig=abc`, expiresAt: '2026-11-30T10:00:00.000Z', variant: 'redacted' },
    ],
    [`GET /api/v1/recordings/${id}/analysis`]: analysis,
    [`GET /api/v1/recordings/${id}/analyses`]: [200, { items: [analysisOf()] }],
    'GET /api/v1/conversations/insight-schemas/insight_schema_01': [200, insightSchema],
    ...extra,
  });
}

const audioElement = () =>
  waitFor(() => {
    const element = document.querySelector('audio');
    if (!element) throw new Error('no audio element yet');
    return element;
  });

const panel = async (name: string) => {
  const section = (await screen.findByRole('heading', { name, level: 2 })).closest('section');
  if (!section) throw new Error(`no ${name} panel`);
  return section;
};

describe('recording analysis', () => {
  it('shows what the analysis found and the QA evaluation', async () => {
    signInAs(reviewer);
    stubRecording([200, analysisOf()]);
    await renderRecordingsRoute(`/recordings/${id}`);

    const analysis = await panel('Analysis');
    const findings = within(analysis);
    expect(await findings.findByText('Refund the second charge')).toBeTruthy();
    expect(findings.getByText('Owner: Agent · due today')).toBeTruthy();
    expect(findings.getByText('Negative (−0.60)')).toBeTruthy();
    expect(findings.getByText('Complaint')).toBeTruthy();
    expect(
      findings.getByRole('button', { name: /Play from 0:05: Customer: “it was charged twice”/ }),
    ).toBeTruthy();
    expect(findings.getByText('Billing dispute')).toBeTruthy();
    // Insights by the schema's fields and types.
    expect(await findings.findByText('Double charge')).toBeTruthy();
    expect(findings.getByText('resolved').getAttribute('title')).toBe('Solved in the call');
    expect(findings.getByText('Yes')).toBeTruthy();
    expect(findings.getByText('How this analysis was made')).toBeTruthy();

    const qa = within(await panel('Quality evaluation'));
    expect(qa.getByText('Grade E')).toBeTruthy();
    expect(qa.getByRole('alert').textContent).toContain('Failed automatically by: Verifies the caller');
    expect(qa.getByText('Without the automatic fail: 75', { exact: false })).toBeTruthy();
    expect(qa.getByText('Ask for the account number before refunding.')).toBeTruthy();
    expect(qa.getAllByText('Passed')).toHaveLength(1);
    expect(qa.getAllByText('Failed')).toHaveLength(1);
  }, 15_000);

  it('plays from an evidence quote and highlights its line', async () => {
    signInAs(reviewer);
    stubRecording([200, analysisOf()]);
    await renderRecordingsRoute(`/recordings/${id}`);
    const audio = await audioElement();
    const qa = within(await panel('Quality evaluation'));

    await userEvent
      .setup()
      .click(qa.getByRole('button', { name: /Play from 0:16: Agent: “I will refund it today”/ }));
    expect(audio.currentTime).toBe(16);
    const marked = document.querySelector('.transcript [data-highlighted="true"]');
    expect(marked?.textContent).toContain('refund it today');
    expect(marked?.className).toContain('transcript__line--evidence');
  }, 15_000);

  it('marks hits on the timeline; a marker plays from there', async () => {
    signInAs(reviewer);
    stubRecording([200, analysisOf()]);
    await renderRecordingsRoute(`/recordings/${id}`);
    const audio = await audioElement();
    const moments = await screen.findByRole('list', { name: 'Moments found by the analysis' });
    const intent = within(moments).getByRole('button', { name: 'Intent: Complaint, 0:05' });
    expect(within(moments).getByRole('button', { name: 'Category: Billing dispute, 0:05' })).toBeTruthy();

    intent.focus();
    await userEvent.setup().keyboard('{Enter}');
    expect(audio.currentTime).toBe(5);
    expect(document.querySelector('.transcript [data-highlighted="true"]')?.textContent).toContain(
      'charged twice',
    );
  }, 15_000);

  it('labels the sentiment of transcript lines, not by colour alone', async () => {
    signInAs(reviewer);
    stubRecording([200, analysisOf()]);
    await renderRecordingsRoute(`/recordings/${id}`);
    const line = await screen.findByRole('button', {
      name: 'Play from 0:05 · Customer · Negative sentiment',
    });
    expect(line.closest('li')?.className).toContain('transcript__line--negative');
    expect(line.querySelector('[title="Negative sentiment"]')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Play from 0:16 · Agent · Positive sentiment' })).toBeTruthy();
    // Neutral lines carry no mark.
    expect(screen.getByRole('button', { name: 'Play from 0:00 · Agent' })).toBeTruthy();
  }, 15_000);

  it('says a recording is not analysed yet, and analyses it again for a role that may', async () => {
    signInAs([...reviewer, 'analysis:configure']);
    const posts: string[] = [];
    let history: unknown[] = [];
    const fetch = stubRecording([200, analysisOf({ id: 'ana_02', reason: 'reanalysis' })], {
      [`GET /api/v1/recordings/${id}/analyses`]: () => [200, { items: history }],
      [`POST /api/v1/recordings/${id}/analyses`]: (request) => {
        posts.push(request.method);
        return [202, { analysisId: 'ana_02', recordingId: id, state: 'queued' }];
      },
    });
    await renderRecordingsRoute(`/recordings/${id}`);
    const analysis = within(await panel('Analysis'));
    expect(await analysis.findByText('This recording has not been analysed.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Quality evaluation' })).toBeNull();
    // The history said there is none: the analysis itself is not asked for (no 404 in the browser's console).
    const asked = () => fetch.mock.calls.filter(([r]) => new URL(r.url).pathname.endsWith('/analysis'));
    expect(asked()).toHaveLength(0);

    await userEvent.setup().click(analysis.getByRole('button', { name: 'Analyse again' }));
    await waitFor(() => expect(posts).toEqual(['POST']));
    expect(await analysis.findByText(/Analysing… the analysis appears here/)).toBeTruthy();
    history = [analysisOf({ id: 'ana_02', reason: 'reanalysis' })];
    expect(await analysis.findByText('Refund the second charge', {}, { timeout: 8_000 })).toBeTruthy();
    expect(asked()).toHaveLength(1);
  }, 20_000);

  it('tells a role without the permission that it may not read the analysis', async () => {
    signInAs(reviewer.filter((p) => p !== 'analysis:read'));
    const fetch = stubRecording([200, analysisOf()]);
    await renderRecordingsRoute(`/recordings/${id}`);
    const analysis = within(await panel('Analysis'));
    expect(analysis.getByText('Your role does not include reading analyses.')).toBeTruthy();
    expect(analysis.queryByRole('button', { name: 'Analyse again' })).toBeNull();
    expect(fetch.mock.calls.some(([r]) => /\/analys[ie]s?$/.test(new URL(r.url).pathname))).toBe(false);
  }, 15_000);
});
