import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderFeatureRoute } from '@/kit/route-testing';
import { signInAs, stubApi } from '@/test/render';
import { analysisRoutes } from '../routes';
import { scorecardVersion, versions } from './scorecards.testing';

const editor = ['analysis:read', 'analysis:configure', 'transcripts:read', 'recordings:read'];
const path = '/conversations/scorecards/scorecard_01';

const rule = (name: RegExp) => screen.getByRole('listitem', { name });

/** Puts a text in a field at once: typing long texts key by key re-renders the whole editor each time. */
async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

// The editor re-renders on every keystroke: on a busy two-core machine a test can take a few seconds.
describe('scorecard editor', { timeout: 15_000 }, () => {
  it('puts the server’s problem with a rule’s weight under that rule’s weight', async () => {
    signInAs(editor);
    stubApi({
      'GET /api/v1/conversations/scorecards/scorecard_01': [200, scorecardVersion()],
      'GET /api/v1/conversations/scorecards/scorecard_01/versions': [200, versions],
      'POST /api/v1/conversations/scorecards/scorecard_01/versions': [
        400,
        {
          code: 'VALIDATION_FAILED',
          status: 400,
          detail: 'The request is not valid.',
          errors: [{ field: 'body.rules.2.weight', message: 'too big: expected number to be <=1000' }],
        },
      ],
    });
    await renderFeatureRoute(analysisRoutes, path);
    const user = userEvent.setup();
    await screen.findByRole('listitem', { name: /No long silence/ });
    const weight = within(rule(/No long silence/)).getByLabelText('Weight');
    await user.clear(weight);
    await user.type(weight, '900');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    expect(
      await within(rule(/No long silence/)).findByText('Too big: expected number to be <=1000.'),
    ).toBeTruthy();
    expect(weight.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(weight);
    expect(
      within(rule(/Greets the caller/))
        .getByLabelText('Weight')
        .getAttribute('aria-invalid'),
    ).toBeNull();
  });

  it('creates a scorecard with a deterministic talk-ratio rule, sending its typed check', async () => {
    signInAs(editor);
    let sent: Record<string, unknown> | undefined;
    stubApi({
      'POST /api/v1/conversations/scorecards': async (request) => {
        sent = (await request.json()) as Record<string, unknown>;
        return [201, scorecardVersion({ id: 'scorecard_09', version: 1 })];
      },
      'GET /api/v1/conversations/scorecards/scorecard_09': [200, scorecardVersion({ id: 'scorecard_09' })],
      'GET /api/v1/conversations/scorecards/scorecard_09/versions': [200, versions],
      'GET /api/v1/recordings': [200, { items: [], nextCursor: null, total: null }],
    });
    const { router } = await renderFeatureRoute(analysisRoutes, '/conversations/scorecards/new');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Create scorecard' }));
    expect(await screen.findByText('Name the scorecard.')).toBeTruthy();

    await fill(user, screen.getAllByLabelText('Name')[0]!, 'Retention QA');
    const first = rule(/Rule 1/);
    await fill(user, within(first).getByLabelText('Name'), 'Lets the customer talk');
    expect(within(first).getByLabelText<HTMLInputElement>('Rule key').value).toBe('lets-the-customer-talk');
    await fill(user, within(first).getByLabelText('Category'), 'Listening');
    await user.selectOptions(within(first).getByLabelText('Judged by'), 'deterministic');
    await user.selectOptions(within(first).getByLabelText('Check'), 'talk_ratio');
    await user.type(within(first).getByLabelText(/At most \(%\)/), '70');
    await user.click(screen.getByRole('button', { name: 'Create scorecard' }));

    expect(await screen.findByText('Scorecard created')).toBeTruthy();
    expect(sent).toEqual({
      name: 'Retention QA',
      description: '',
      rules: [
        {
          id: 'lets-the-customer-talk',
          name: 'Lets the customer talk',
          category: 'Listening',
          weight: 1,
          description: '',
          howToJudge: '',
          autoFail: false,
          kind: 'deterministic',
          check: { type: 'talk_ratio', speaker: 'agent', maxPercent: 70 },
        },
      ],
    });
    await screen.findByText('The editor shows version 2.');
    expect(router.state.location.pathname).toBe('/conversations/scorecards/scorecard_09');
  });

  it('shows which calls a scorecard applies to and saves a changed scope with the new version', async () => {
    signInAs(editor);
    const saved = scorecardVersion();
    let sent: { appliesTo?: unknown } | undefined;
    stubApi({
      'GET /api/v1/conversations/scorecards/scorecard_01': [
        200,
        { ...saved, body: { ...saved.body, appliesTo: { queues: ['sales'] } } },
      ],
      'GET /api/v1/conversations/scorecards/scorecard_01/versions': [200, versions],
      'GET /api/v1/recordings': [200, { items: [], nextCursor: null, total: null }],
      'POST /api/v1/conversations/scorecards/scorecard_01/versions': async (request) => {
        sent = (await request.json()) as typeof sent;
        return [201, scorecardVersion({ version: 3 })];
      },
    });
    await renderFeatureRoute(analysisRoutes, path);
    const user = userEvent.setup();
    const queues = await screen.findByLabelText<HTMLTextAreaElement>(/Queues it applies to/);
    expect(queues.value).toBe('sales');
    await user.click(queues);
    await user.keyboard('{End}');
    await user.paste('\nretention');
    await user.click(screen.getByRole('checkbox', { name: 'Outbound' }));
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    await expect
      .poll(() => sent?.appliesTo)
      .toEqual({ queues: ['sales', 'retention'], directions: ['outbound'] });
  });

  it('tests the unsaved scorecard on a call and shows the grade, evidence with times and coach notes', async () => {
    signInAs(editor);
    let sent: { recordingId?: string; scorecard?: { rules: { id: string; weight: number }[] } } = {};
    stubApi({
      'GET /api/v1/conversations/scorecards/scorecard_01': [200, scorecardVersion()],
      'GET /api/v1/conversations/scorecards/scorecard_01/versions': [200, versions],
      'GET /api/v1/recordings': [200, { items: [], nextCursor: null, total: null }],
      'POST /api/v1/conversations/scorecards/preview': async (request) => {
        sent = (await request.json()) as typeof sent;
        return [
          200,
          {
            recordingId: 'rec_01',
            scorecardVersion: null,
            score: 84,
            weightedScore: 84,
            grade: 'B',
            autoFailed: false,
            autoFailedBy: [],
            complete: false,
            rules: [
              {
                ruleId: 'disclosure',
                name: 'Recording disclosure',
                category: 'Compliance',
                kind: 'deterministic',
                weight: 2,
                autoFail: true,
                status: 'evaluated',
                score: 100,
                pass: true,
                evidence: [
                  {
                    segmentId: 'seg_0',
                    startMs: 2_000,
                    endMs: 6_000,
                    speaker: 'spk_0',
                    quote: 'This call is recorded.',
                  },
                ],
                coachNote: 'Said at 0:02, inside the first 30 s.',
              },
              {
                ruleId: 'silence',
                name: 'No long silence',
                category: 'Handling',
                kind: 'deterministic',
                weight: 1,
                autoFail: false,
                status: 'evaluated',
                score: 52,
                pass: false,
                evidence: [{ segmentId: null, startMs: 61_000, endMs: 87_000, speaker: null, quote: '' }],
                coachNote: 'A 26 s silence; tell the caller what you are doing.',
              },
              {
                ruleId: 'greeting',
                name: 'Greets the caller',
                category: 'Greeting',
                kind: 'llm',
                weight: 1,
                autoFail: false,
                status: 'pending',
                score: null,
                pass: null,
                evidence: [],
                coachNote: '',
              },
            ],
            categories: [],
          },
        ];
      },
    });
    await renderFeatureRoute(analysisRoutes, path);
    const user = userEvent.setup();
    const weight = within(
      await screen.findByRole('listitem', { name: /Recording disclosure/ }),
    ).getByLabelText('Weight');
    await user.clear(weight);
    await user.type(weight, '3');
    await user.type(screen.getByLabelText('Recording'), 'rec_01');
    await user.click(screen.getByRole('button', { name: 'Test' }));

    expect(await screen.findByLabelText('Grade B')).toBeTruthy();
    expect(screen.getByText('84')).toBeTruthy();
    expect(sent.recordingId).toBe('rec_01');
    // The editor's unsaved weight, not the saved one.
    expect(sent.scorecard?.rules.find((r) => r.id === 'disclosure')?.weight).toBe(3);
    const results = screen.getByRole('table', { name: 'Rule results' });
    const disclosure = within(results).getByRole('row', { name: /Recording disclosure/ });
    expect(within(disclosure).getByText('This call is recorded.')).toBeTruthy();
    expect(within(disclosure).getByText('0:02–0:06')).toBeTruthy();
    expect(within(disclosure).getByText('Said at 0:02, inside the first 30 s.')).toBeTruthy();
    const silence = within(results).getByRole('row', { name: /No long silence/ });
    expect(within(silence).getByText('Fail')).toBeTruthy();
    expect(within(silence).getByText('1:01–1:27')).toBeTruthy();
    expect(within(results).getByText('Pending (LLM)')).toBeTruthy();
    expect(screen.getByText(/LLM rules are pending/)).toBeTruthy();
  });

  it('shows a reader the scorecard read-only, without saving, testing or activating', async () => {
    signInAs(['analysis:read']);
    stubApi({
      'GET /api/v1/conversations/scorecards/scorecard_01': [200, scorecardVersion()],
      'GET /api/v1/conversations/scorecards/scorecard_01/versions': [200, versions],
    });
    await renderFeatureRoute(analysisRoutes, path);
    expect(await screen.findByText(/changing it needs the analysis:configure permission/)).toBeTruthy();
    expect(
      within(rule(/Greets the caller/))
        .getByLabelText('Weight')
        .hasAttribute('readonly'),
    ).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save as a new version' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add a rule' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Test' })).toBeNull();
    await screen.findByText('Version 1');
    expect(screen.queryByRole('button', { name: /Activate/ })).toBeNull();
  });

  it('activates an older version from the version list', async () => {
    signInAs(editor);
    let activated: unknown;
    stubApi({
      'GET /api/v1/conversations/scorecards/scorecard_01': [200, scorecardVersion()],
      'GET /api/v1/conversations/scorecards/scorecard_01/versions': [
        200,
        { items: versions.items.map((v) => ({ ...v, isActive: v.version === 2 })) },
      ],
      'GET /api/v1/recordings': [200, { items: [], nextCursor: null, total: null }],
      'POST /api/v1/conversations/scorecards/scorecard_01/activate': async (request) => {
        activated = await request.json();
        return [200, scorecardVersion({ version: 1, isActive: true, activeVersion: 1 })];
      },
    });
    await renderFeatureRoute(analysisRoutes, path);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Activate: Version 1' }));
    expect(await screen.findByText('Version 1 is active')).toBeTruthy();
    expect(activated).toEqual({ version: 1 });
  });

  it('puts a problem the server finds in the scorecard during a test on the editor’s field', async () => {
    signInAs(editor);
    stubApi({
      'GET /api/v1/conversations/scorecards/scorecard_01': [200, scorecardVersion()],
      'GET /api/v1/conversations/scorecards/scorecard_01/versions': [200, versions],
      'GET /api/v1/recordings': [200, { items: [], nextCursor: null, total: null }],
      'POST /api/v1/conversations/scorecards/preview': [
        400,
        {
          code: 'VALIDATION_FAILED',
          status: 400,
          detail: 'The request is not valid.',
          errors: [
            {
              field: 'body.scorecard.rules.2.check.maxSeconds',
              message: 'too big: expected number to be <=3600',
            },
          ],
        },
      ],
    });
    await renderFeatureRoute(analysisRoutes, path);
    const user = userEvent.setup();
    const silence = await screen.findByRole('listitem', { name: /No long silence/ });
    const seconds = within(silence).getByLabelText('At most (seconds)');
    await user.clear(seconds);
    await fill(user, seconds, '5000');
    await fill(user, screen.getByLabelText('Recording'), 'rec_01');
    await user.click(screen.getByRole('button', { name: 'Test' }));
    expect(await within(silence).findByText('Too big: expected number to be <=3600.')).toBeTruthy();
    expect(seconds.getAttribute('aria-invalid')).toBe('true');
  });
});
