import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { renderCallsRoute } from '../calls.testing';

const figures = {
  answered: 0,
  answerSeizureRatio: null,
  averageTalkSeconds: null,
  averageHandleSeconds: null,
  inbound: 0,
  abandoned: 0,
  abandonRate: null,
  averageHoldSeconds: null,
  shortAbandoned: 0,
  abandonRateExcludingShort: null,
  answeredWithinTarget: 0,
  serviceLevel: null,
  averageSpeedOfAnswerSeconds: null,
  inProgress: 0,
  target: null,
};
const targets = {
  default: { serviceLevelSeconds: 20, serviceLevelGoal: 0.8, shortAbandonSeconds: 5, builtIn: true },
  queues: [],
};
const bucket = (start: string, value: string, calls: number, answered: number) => ({
  ...figures,
  start,
  localStart: start.slice(0, 16),
  group: { value, name: null },
  calls,
  answered,
  inbound: calls,
  abandoned: calls - answered,
  averageHandleSeconds: answered ? 90 : null,
});

const stats = {
  previous: null,
  defaultTarget: { serviceLevelSeconds: 20, serviceLevelGoal: 0.8, shortAbandonSeconds: 5 },
  servedFrom: 'rollup',
  timeZone: 'UTC',
  interval: 'hour',
  groupBy: 'source',
  buckets: [
    bucket('2024-01-27T15:00:00.000Z', 'asterisk', 3, 2),
    bucket('2024-01-27T15:00:00.000Z', 'twilio', 1, 1),
    bucket('2024-01-27T17:00:00.000Z', 'asterisk', 2, 0),
  ],
  totals: [
    {
      ...figures,
      group: { value: 'asterisk', name: null },
      calls: 5,
      answered: 2,
      inbound: 5,
      abandoned: 3,
      averageHandleSeconds: 90,
    },
    {
      ...figures,
      group: { value: 'twilio', name: null },
      calls: 1,
      answered: 1,
      inbound: 1,
      abandoned: 0,
      averageHandleSeconds: 90,
    },
  ],
};

const range = 'from=2024-01-27T14:00:00.000Z&to=2024-01-27T18:00:00.000Z';

describe('calls dashboard', () => {
  // Charts size themselves to their box; the simulated DOM lays nothing out, so boxes get a size here.
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const chart = this.classList.contains('recharts-responsive-container');
      return DOMRect.fromRect({ x: 0, y: 0, width: chart ? 800 : 120, height: chart ? 240 : 16 });
    });
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
  });

  it('draws calls stacked by the chosen group and the rates over time, from the range in the address', async () => {
    signInAs(['calls:read']);
    const asked: Record<string, string>[] = [];
    stubApi({
      'GET /api/v1/calls/stats': (request) => {
        asked.push(Object.fromEntries(new URL(request.url).searchParams));
        return [200, stats];
      },
      'GET /api/v1/calls/queue-targets': [200, targets],
    });
    const { container } = await renderCallsRoute(
      `/calls/dashboard?range=custom&${range}&interval=hour&groupBy=source`,
    );

    expect(await screen.findByText('Service level', { selector: 'dt' })).toBeTruthy();
    expect(asked).toContainEqual({
      from: '2024-01-27T14:00:00.000Z',
      to: '2024-01-27T18:00:00.000Z',
      interval: 'hour',
      groupBy: 'source',
      compare: 'previous',
    });
    // The leaderboards ask for totals per queue and per agent over the same range, as one interval.
    expect(asked).toContainEqual({
      from: '2024-01-27T14:00:00.000Z',
      to: '2024-01-27T18:00:00.000Z',
      interval: 'range',
      groupBy: 'queue',
    });
    expect(asked).toContainEqual({
      from: '2024-01-27T14:00:00.000Z',
      to: '2024-01-27T18:00:00.000Z',
      interval: 'range',
      groupBy: 'agent',
    });

    await waitFor(() =>
      expect(
        container.querySelectorAll('[data-testid=chart-volume] .recharts-bar-rectangle').length,
      ).toBeGreaterThan(0),
    );
    const legend =
      container.querySelector('[data-testid=chart-volume] .recharts-legend-wrapper')?.textContent ?? '';
    expect(legend).toContain('Asterisk');
    expect(legend).toContain('Twilio');
    for (const chart of ['answerRate', 'handleSeconds', 'abandonRate']) {
      expect(
        container.querySelector(`[data-testid=chart-${chart}] svg .recharts-line`),
        chart,
      ).not.toBeNull();
    }
    expect(screen.getByRole('figure', { name: 'Calls' })).toBeTruthy();
  });

  it('keeps the controls in the address', async () => {
    signInAs(['calls:read']);
    stubApi({ 'GET /api/v1/calls/stats': [200, stats], 'GET /api/v1/calls/queue-targets': [200, targets] });
    const { router } = await renderCallsRoute(`/calls/dashboard?range=custom&${range}`);
    const events = userEvent.setup();
    await events.selectOptions(await screen.findByLabelText('Interval'), 'day');
    await events.selectOptions(screen.getByLabelText('Group calls by'), 'queue');
    await waitFor(() =>
      expect(router.state.location.search).toMatchObject({
        range: 'custom',
        interval: 'day',
        groupBy: 'queue',
      }),
    );
  });

  it('says so when the range holds no calls, and when the figures cannot be loaded', async () => {
    signInAs(['calls:read']);
    stubApi({
      'GET /api/v1/calls/stats': [
        200,
        { ...stats, groupBy: null, buckets: [], totals: [{ ...figures, group: null, calls: 0 }] },
      ],
      'GET /api/v1/calls/queue-targets': [200, targets],
    });
    await renderCallsRoute(`/calls/dashboard?range=custom&${range}`);
    expect(await screen.findByText('No calls in this range')).toBeTruthy();
  });

  it('refuses to ask for more intervals than the API answers', async () => {
    signInAs(['calls:read']);
    const asked: string[] = [];
    stubApi({
      'GET /api/v1/calls/stats': (request) => {
        asked.push(new URL(request.url).searchParams.get('interval') ?? '');
        return [200, stats];
      },
      'GET /api/v1/calls/queue-targets': [200, targets],
    });
    await renderCallsRoute(
      '/calls/dashboard?range=custom&from=2020-01-01T00:00:00.000Z&to=2024-01-01T00:00:00.000Z&interval=15m',
    );
    expect(await screen.findByText('Too many intervals')).toBeTruthy();
    // Only the leaderboards' daily totals are asked for, never the 15-minute series.
    expect(asked).not.toContain('15m');
  });
});
