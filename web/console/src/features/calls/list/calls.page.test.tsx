import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setLocale } from '@/i18n';
import { signInAs, stubApi } from '@/test/render';
import { eventStream, renderCallsRoute, withResponses } from '../calls.testing';
import type { CallSummary } from './call-columns';

const party = (raw: string, displayName: string | null = null) => ({
  raw,
  e164: raw.startsWith('+') ? raw : null,
  displayName,
});

let counter = 0;
const call = (overrides: Partial<CallSummary> = {}): CallSummary => {
  counter += 1;
  return {
    id: `call_${String(counter).padStart(26, '0')}`,
    source: 'asterisk',
    sourceCallId: `src-${counter}`,
    conversationId: `conv-${counter}`,
    direction: 'inbound',
    disposition: 'answered',
    startedAt: '2024-01-27T15:07:24.000Z',
    answeredAt: '2024-01-27T15:07:30.000Z',
    endedAt: '2024-01-27T15:08:24.000Z',
    ringSeconds: 6,
    talkSeconds: 54,
    totalSeconds: 60,
    from: party('+4930111111', 'Zoë Müller'),
    to: party('211474'),
    agent: { id: 'a-7', name: 'Anna Agent' },
    queue: { id: 'q-sales', name: 'Sales' },
    quality: null,
    legCount: 1,
    recordingCount: 0,
    ...overrides,
  };
};

const readerPermissions = ['tenant:read', 'calls:read'];

describe('calls list', () => {
  it('lists the calls and offers a viewer no export', async () => {
    signInAs(readerPermissions);
    const fetch = stubApi({
      'GET /api/v1/calls': [
        200,
        { items: [call(), call({ from: party('+4930222222'), disposition: 'cancelled' })], nextCursor: null },
      ],
    });
    withResponses(fetch, { 'GET /api/v1/calls/live': () => eventStream().response() });
    await renderCallsRoute('/calls');

    expect(await screen.findByText('Zoë Müller')).toBeTruthy();
    expect(screen.getByText('+4930222222')).toBeTruthy();
    expect(within(screen.getByRole('table')).getByText('Abandoned')).toBeTruthy();
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('3');
    expect(screen.queryByRole('button', { name: /Export/ })).toBeNull();
  });

  it('offers the exports to a role with calls:export', async () => {
    signInAs([...readerPermissions, 'calls:export']);
    const fetch = stubApi({ 'GET /api/v1/calls': [200, { items: [call()], nextCursor: null }] });
    withResponses(fetch, { 'GET /api/v1/calls/live': () => eventStream().response() });
    await renderCallsRoute('/calls');

    const events = userEvent.setup();
    await events.click(await screen.findByRole('button', { name: 'Export' }));
    const menu = await screen.findByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual([
      expect.stringMatching(/^vCon/),
      expect.stringMatching(/^CSV/),
      expect.stringMatching(/^JSON Lines/),
      'All exports',
    ]);
  });

  it('starts a background export of the filtered calls and shows its progress, then says when it is ready', async () => {
    signInAs([...readerPermissions, 'calls:export']);
    const job = {
      id: 'exp_01jd0000000000000000000000',
      format: 'csv',
      filters: { number: '+4930111111' },
      status: 'running',
      requestedBy: 'usr_1',
      rows: 12500,
      bytes: 3_400_000,
      fileName: 'calls-2024-01-27T150724.csv',
      contentType: 'text/csv; charset=utf-8',
      attempts: 1,
      error: null,
      createdAt: '2024-01-27T15:07:24.000Z',
      startedAt: '2024-01-27T15:07:25.000Z',
      finishedAt: null,
      expiresAt: null,
    };
    const bodies: unknown[] = [];
    const feeds: ReturnType<typeof eventStream>[] = [];
    const say = () => {
      for (const feed of feeds) feed.send('event: exports\ndata: {}\n\n');
    };
    let finished = false;
    const fetch = stubApi({
      'GET /api/v1/calls': [200, { items: [call()], nextCursor: null }],
      'POST /api/v1/calls/exports': async (request) => {
        bodies.push(await request.json());
        return [202, { ...job, status: 'queued', rows: 0, bytes: 0 }];
      },
      'GET /api/v1/calls/exports/exp_01jd0000000000000000000000': () =>
        finished ? [200, { ...job, status: 'succeeded', rows: 20000, bytes: 5_000_000 }] : [200, job],
    });
    withResponses(fetch, {
      'GET /api/v1/calls/live': () => {
        const feed = eventStream();
        feeds.push(feed);
        return feed.response();
      },
    });
    await renderCallsRoute('/calls?number=%2B4930111111');

    const events = userEvent.setup();
    await events.click(await screen.findByRole('button', { name: 'Export' }));
    await events.click(await screen.findByRole('menuitem', { name: /^CSV/ }));
    await waitFor(() => expect(bodies).toEqual([{ number: '+4930111111', format: 'csv' }]));
    expect(await screen.findByText('Export started')).toBeTruthy();
    await waitFor(() => expect(feeds.length).toBe(2));
    say();
    expect(await screen.findByText(/Exporting: 12,500 calls/)).toBeTruthy();
    finished = true;
    say();
    expect(await screen.findByText('Your export is ready')).toBeTruthy();
  });

  it('puts the filters in the address and asks the API for exactly those', async () => {
    signInAs(readerPermissions);
    const asked: URLSearchParams[] = [];
    const fetch = stubApi({
      'GET /api/v1/calls': (request) => {
        asked.push(new URL(request.url).searchParams);
        return [200, { items: [call()], nextCursor: null }];
      },
    });
    withResponses(fetch, { 'GET /api/v1/calls/live': () => eventStream().response() });
    const { router } = await renderCallsRoute('/calls?source=asterisk');
    expect(await screen.findByText('Zoë Müller')).toBeTruthy();
    expect(screen.getByLabelText<HTMLSelectElement>('Source').value).toBe('asterisk');

    const events = userEvent.setup();
    await events.type(screen.getByLabelText('Number'), '+49 30 111111');
    await events.selectOptions(screen.getByLabelText('Outcome'), 'answered');
    await events.type(screen.getByLabelText('Longer than (min)'), '2');
    await events.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() =>
      expect(router.state.location.search).toMatchObject({
        source: 'asterisk',
        number: '+49 30 111111',
        disposition: 'answered',
        minDuration: 120,
      }),
    );
    await waitFor(() =>
      expect(Object.fromEntries(asked.at(-1) ?? [])).toMatchObject({
        source: 'asterisk',
        number: '+49 30 111111',
        disposition: 'answered',
        minDuration: '120',
        limit: '100',
      }),
    );
  }, 15_000);

  it('sorts by a header, counts the matches, and shows an estimate as one', async () => {
    signInAs(readerPermissions);
    const asked: URLSearchParams[] = [];
    const fetch = stubApi({
      'GET /api/v1/calls': (request) => {
        const params = new URL(request.url).searchParams;
        asked.push(params);
        return params.has('cursor')
          ? [200, { items: [call()], nextCursor: null, total: null }]
          : [200, { items: [call(), call()], nextCursor: 'next', total: { count: 90_817, exact: false } }];
      },
    });
    withResponses(fetch, { 'GET /api/v1/calls/live': () => eventStream().response() });
    const { router } = await renderCallsRoute('/calls');
    expect(await screen.findByText(/of about 91,000 calls$/)).toBeTruthy();
    expect(asked[0]?.get('total')).toBe('true');

    const duration = screen.getAllByRole('columnheader').find((h) => h.textContent === 'Duration');
    expect(duration?.getAttribute('aria-sort')).toBe('none');
    await userEvent.setup().click(within(duration!).getByRole('button'));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ sort: '-duration' }));
    await waitFor(() => expect(asked.at(-1)?.get('sort')).toBe('-duration'));
    expect(
      screen
        .getAllByRole('columnheader')
        .find((h) => h.textContent === 'Duration')
        ?.getAttribute('aria-sort'),
    ).toBe('descending');
  }, 15_000);

  it('says on the field what cannot be applied, and what the server refused', async () => {
    signInAs(readerPermissions);
    const fetch = stubApi({
      'GET /api/v1/calls': (request) =>
        new URL(request.url).searchParams.has('agent')
          ? [
              400,
              {
                code: 'VALIDATION_FAILED',
                status: 400,
                detail: 'The request is not valid.',
                errors: [{ field: 'querystring.agent', message: 'must not be empty' }],
              },
            ]
          : [200, { items: [call()], nextCursor: null }],
    });
    withResponses(fetch, { 'GET /api/v1/calls/live': () => eventStream().response() });
    const { router } = await renderCallsRoute('/calls');
    await screen.findByText('Zoë Müller');
    const events = userEvent.setup();
    await events.type(screen.getByLabelText('Longer than (min)'), 'abc');
    await events.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByLabelText('Longer than (min)').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Give minutes as a number, such as 2 or 1.5.')).toBeTruthy();

    await events.clear(screen.getByLabelText('Longer than (min)'));
    await events.type(screen.getByLabelText('Longer than (min)'), '-5');
    await events.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByText('Give minutes between 0 and 10,080 (a week).')).toBeTruthy();
    expect(router.state.location.search).toEqual({});

    await router.navigate({ to: '/calls', search: { agent: 'x' } });
    expect(await screen.findByText('Must not be empty.')).toBeTruthy();
    expect(screen.getByLabelText('Agent').getAttribute('aria-invalid')).toBe('true');
  }, 15_000);

  it('reads a period preset in the tenant’s time zone', async () => {
    signInAs(readerPermissions);
    const asked: URLSearchParams[] = [];
    const fetch = stubApi({
      'GET /api/v1/tenant': [
        200,
        {
          id: 'ten_1',
          name: 'Acme',
          slug: 'acme',
          timeZone: 'Pacific/Kiritimati',
          mfaRequiredForAdmins: false,
          createdAt: '2026-01-01T00:00:00Z',
        },
      ],
      'GET /api/v1/calls': (request) => {
        asked.push(new URL(request.url).searchParams);
        return [200, { items: [call()], nextCursor: null }];
      },
    });
    withResponses(fetch, { 'GET /api/v1/calls/live': () => eventStream().response() });
    await renderCallsRoute('/calls?range=today');
    await screen.findByText('Zoë Müller');
    // Kiritimati is UTC+14: its days begin at 10:00 UTC the day before.
    await waitFor(() => expect(asked.at(-1)?.get('from')).toMatch(/T10:00:00\.000Z$/));
    const last = asked.at(-1);
    expect(Date.parse(last?.get('to') ?? '') - Date.parse(last?.get('from') ?? '')).toBe(24 * 3600 * 1000);
    expect(screen.getByLabelText<HTMLSelectElement>('Period').value).toBe('today');
  }, 15_000);

  it('says when nothing matches, and clears the filters on request', async () => {
    signInAs(readerPermissions);
    const fetch = stubApi({ 'GET /api/v1/calls': [200, { items: [], nextCursor: null }] });
    withResponses(fetch, { 'GET /api/v1/calls/live': () => eventStream().response() });
    const { router } = await renderCallsRoute('/calls?q=nobody');
    expect(await screen.findByText('No call matches')).toBeTruthy();
    await userEvent.setup().click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(router.state.location.search).toEqual({}));
  });

  it('shows what went wrong, with a retry, when the list cannot be loaded', async () => {
    signInAs(readerPermissions);
    stubApi({
      'GET /api/v1/calls': [
        400,
        {
          code: 'VALIDATION_FAILED',
          status: 400,
          detail: 'querystring.number: is not a number we can search',
        },
      ],
    });
    await renderCallsRoute('/calls?number=x');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('is not a number we can search');
  });

  it('announces new calls from the live feed and shows them on request', async () => {
    signInAs(readerPermissions);
    const first = call();
    const arrived = call({ from: party('+4930999999', 'Neu Anrufer') });
    let list = [first];
    const fetch = stubApi({ 'GET /api/v1/calls': () => [200, { items: list, nextCursor: null }] });
    const stream = eventStream();
    const streamRequests: Request[] = [];
    withResponses(fetch, {
      'GET /api/v1/calls/live': (request) => {
        streamRequests.push(request);
        return stream.response();
      },
    });
    await renderCallsRoute('/calls');
    expect(await screen.findByText('Zoë Müller')).toBeTruthy();
    // The stream carries the session's token in the header, never in the address.
    await waitFor(() =>
      expect(streamRequests.map((r) => [r.headers.get('authorization'), new URL(r.url).search])).toEqual([
        ['Bearer at', ''],
      ]),
    );

    list = [arrived, first];
    stream.send('event: calls\ndata: {"at":"2024-01-27T15:10:00Z"}\n\n');
    const banner = await screen.findByText('1 new call');
    expect(screen.queryByText('Neu Anrufer')).toBeNull();
    await userEvent
      .setup()
      .click(within(banner.closest('[role=status]') as HTMLElement).getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('Neu Anrufer')).toBeTruthy();
    expect(screen.queryByText('1 new call')).toBeNull();
  });

  it('speaks German in its filters and empty state when the reader does', async () => {
    setLocale('de');
    try {
      signInAs(readerPermissions);
      const fetch = stubApi({ 'GET /api/v1/calls': [200, { items: [], nextCursor: null }] });
      withResponses(fetch, { 'GET /api/v1/calls/live': () => eventStream().response() });
      await renderCallsRoute('/calls');
      expect(await screen.findByText('Noch keine Anrufe')).toBeTruthy();
      expect(screen.getByLabelText('Quelle')).toBeTruthy();
      expect(screen.getByRole('option', { name: 'Jede Richtung' })).toBeTruthy();
      expect(screen.getByPlaceholderText('Warteschlangen-Kennung')).toBeTruthy();
    } finally {
      setLocale('en');
    }
  });
});
