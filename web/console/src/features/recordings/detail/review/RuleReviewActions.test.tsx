import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithData, signInAs, stubApi } from '@/test/render';
import { Toaster } from '@/kit/toast';
import { RuleReviewActions } from './RuleReviewActions';
import type { QaRule } from './review.types';

const REC = 'rec_01jd0000000000000000000000';
const OVERRIDE = `POST /api/v1/recordings/${REC}/analysis/rules/disclosure/override`;
const DISPUTE = `POST /api/v1/recordings/${REC}/analysis/disputes`;

const disclosure = (over: Partial<QaRule> = {}): QaRule => ({
  ruleId: 'disclosure',
  name: 'Recording disclosure',
  category: 'Compliance',
  kind: 'deterministic',
  weight: 2,
  autoFail: true,
  status: 'evaluated',
  score: 0,
  pass: false,
  evidence: [],
  coachNote: '',
  ...over,
});

const render = (rule: QaRule, toasts = true) =>
  renderWithData(
    <>
      <RuleReviewActions recordingId={REC} rule={rule} />
      {toasts ? <Toaster /> : null}
    </>,
  );

const bodyOf = async (fetch: ReturnType<typeof stubApi>, route: string) => {
  const call = fetch.mock.calls.find(
    ([request]) => `${request.method} ${new URL(request.url).pathname}` === route,
  );
  return (await call![0].clone().json()) as Record<string, unknown>;
};

describe('rule review actions', () => {
  it('lets a reviewer override the score: score, pass and reason are sent, the new grade is told', async () => {
    signInAs(['analysis:read', 'qa:review']);
    const fetch = stubApi({
      [OVERRIDE]: [
        201,
        {
          review: { id: 'review_1' },
          effective: { qaScore: 100, grade: 'A', machineQaScore: 0, machineGrade: 'E' },
        },
      ],
    });
    render(disclosure());
    expect(screen.queryByRole('button', { name: /Dispute/ })).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Override score: Recording disclosure' }));
    const dialog = await screen.findByRole('dialog', { name: 'Override Recording disclosure' });
    const score = within(dialog).getByLabelText('Score (0–100)');
    await user.clear(score);
    await user.type(score, '101');
    await user.click(within(dialog).getByRole('button', { name: 'Override' }));
    // The form's own checks: nothing is sent.
    expect(within(dialog).getByText('Enter a number from 0 to 100.')).toBeTruthy();
    expect(within(dialog).getByText('Say why you override the machine.')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();

    await user.clear(score);
    await user.type(score, '95');
    await user.click(within(dialog).getByRole('switch', { name: 'The rule is passed' }));
    await user.type(within(dialog).getByLabelText('Reason'), 'The IVR played the disclosure.');
    await user.click(within(dialog).getByRole('button', { name: 'Override' }));
    expect(await screen.findByText('Score overridden')).toBeTruthy();
    expect(screen.getByText("The call's grade is now A.")).toBeTruthy();
    expect(await bodyOf(fetch, OVERRIDE)).toEqual({
      score: 95,
      pass: true,
      reason: 'The IVR played the disclosure.',
    });
  }, 20_000);

  it('puts the server’s refusal on the field that caused it', async () => {
    signInAs(['qa:review']);
    stubApi({
      [OVERRIDE]: [
        400,
        {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          code: 'VALIDATION_FAILED',
          requestId: 'r1',
          detail: 'body.reason: too short',
          errors: [{ field: 'body.reason', message: 'must not be blank' }],
        },
      ],
    });
    render(disclosure());
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Override score: Recording disclosure' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Reason'), 'x');
    await user.click(within(dialog).getByRole('button', { name: 'Override' }));
    expect(await within(dialog).findByText('Must not be blank.')).toBeTruthy();
    expect(within(dialog).getByLabelText('Reason').getAttribute('aria-invalid')).toBe('true');
  }, 20_000);

  it('lets an agent dispute the rule or the whole evaluation, and shows no override button', async () => {
    signInAs(['qa:dispute']);
    const fetch = stubApi({ [DISPUTE]: [201, { id: 'dispute_1', state: 'open' }] });
    render(disclosure());
    expect(screen.queryByRole('button', { name: /Override score/ })).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Dispute: Recording disclosure' }));
    const dialog = await screen.findByRole('dialog', { name: 'Dispute Recording disclosure' });
    await user.click(within(dialog).getByRole('button', { name: 'Send dispute' }));
    expect(within(dialog).getByText('Say what you dispute.')).toBeTruthy();
    await user.click(within(dialog).getByRole('radio', { name: 'The whole evaluation' }));
    await user.type(within(dialog).getByLabelText('Comment'), 'The customer was on hold.');
    await user.click(within(dialog).getByRole('button', { name: 'Send dispute' }));
    expect(await screen.findByText('Dispute sent')).toBeTruthy();
    expect(await bodyOf(fetch, DISPUTE)).toEqual({ comment: 'The customer was on hold.' });
  }, 20_000);

  it('marks an overridden rule with the reviewer, when, and the machine’s judgement', () => {
    signInAs(['analysis:read']);
    render(
      disclosure({
        score: 100,
        pass: true,
        override: {
          reviewId: 'review_1',
          reviewer: 'usr_lead',
          at: '2026-11-30T09:00:00.000Z',
          originalStatus: 'evaluated',
          originalScore: 0,
          originalPass: false,
        },
      }),
      false,
    );
    expect(screen.getByText('Overridden')).toBeTruthy();
    expect(screen.getByText(/Overridden by usr_lead/)).toBeTruthy();
    expect(screen.getByText(/Machine: 0 \(failed\)/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows nothing to a reader of an unreviewed rule', () => {
    signInAs(['analysis:read']);
    const { container } = render(disclosure(), false);
    expect(container.textContent).toBe('');
  });
});
