import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setLocale } from '@/i18n';
import { signInAs, stubApi } from '@/test/render';
import { conversationHit, renderConversationsRoute } from '../conversations.testing';

const reader = ['tenant:read', 'recordings:read', 'transcripts:read', 'analysis:read'];
const noViews = { 'GET /api/v1/views': [200, { items: [] }] as [number, unknown] };

describe('conversation search', () => {
  it('shows where the words were said, marked, with the grade and sentiment, and links to the recording', async () => {
    signInAs(reader);
    stubApi({
      ...noViews,
      'GET /api/v1/conversations': [
        200,
        {
          items: [
            conversationHit({
              recordingId: 'rec_01jf0000000000000000000001',
              snippet: {
                role: 'customer',
                parts: [
                  { text: 'I want a refund for the broken ', match: false },
                  { text: 'kettle', match: true },
                ],
              },
            }),
            conversationHit({ analysis: null }),
          ],
          nextCursor: null,
          total: { count: 2, exact: true },
        },
      ],
    });
    await renderConversationsRoute('/conversations?q=kettle');

    const table = await screen.findByRole('table');
    const mark = await within(table).findByText('kettle');
    expect(mark.tagName).toBe('MARK');
    expect(within(table).getByText(/^Customer:/)).toBeTruthy();
    expect(within(table).getByText('D')).toBeTruthy();
    expect(within(table).getByText('Negative')).toBeTruthy();
    expect(within(table).getByText('refund_request')).toBeTruthy();
    expect(within(table).getByText('Not analysed')).toBeTruthy();
    const link = within(table).getAllByRole('link')[0];
    expect(link?.getAttribute('href')).toBe('/recordings/rec_01jf0000000000000000000001');
    expect(screen.getByText('2 of 2 conversations')).toBeTruthy();
  }, 15_000);

  it('sends the facets to the API as its query, the words as what the customer said, and keeps them in the address', async () => {
    signInAs(reader);
    const asked: URLSearchParams[] = [];
    stubApi({
      ...noViews,
      'GET /api/v1/conversations': (request) => {
        asked.push(new URL(request.url).searchParams);
        return [200, { items: [conversationHit()], nextCursor: null, total: null }];
      },
    });
    const { router } = await renderConversationsRoute('/conversations');
    await screen.findByRole('table');

    const events = userEvent.setup();
    await events.type(screen.getByLabelText('Words'), 'refund');
    await events.selectOptions(screen.getByLabelText('Said by'), 'customer');
    const grades = screen.getByRole('group', { name: 'QA grade' });
    await events.click(within(grades).getByLabelText('D'));
    await events.click(within(grades).getByLabelText('E'));
    await events.click(
      within(screen.getByRole('group', { name: 'Overall sentiment' })).getByLabelText('Negative'),
    );
    await events.type(screen.getByLabelText('Intents'), 'refund_request, cancel_request');
    await events.type(screen.getByLabelText('QA score to'), '60');
    await events.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(asked.at(-1)?.get('customerSaid')).toBe('refund'));
    const last = asked.at(-1);
    expect(last?.has('q')).toBe(false);
    expect(last?.get('grade')).toBe('D,E');
    expect(last?.get('sentiment')).toBe('negative');
    expect(last?.get('intent')).toBe('refund_request,cancel_request');
    expect(last?.get('qaScoreMax')).toBe('60');
    expect(router.state.location.search).toMatchObject({
      q: 'refund',
      said: 'customer',
      grade: 'D,E',
      sentiment: 'negative',
    });
  }, 20_000);

  it('refuses a reversed QA score range on its field before asking, and shows the server’s refusal on the words', async () => {
    signInAs(reader);
    stubApi({
      ...noViews,
      'GET /api/v1/conversations': [
        400,
        {
          code: 'VALIDATION_FAILED',
          status: 400,
          detail: 'The request is not valid.',
          errors: [{ field: 'querystring.customerSaid', message: 'must not contain control characters' }],
        },
      ],
    });
    await renderConversationsRoute('/conversations?q=refund&said=customer');
    expect(await screen.findByText('Must not contain control characters.')).toBeTruthy();
    expect(screen.getByLabelText('Words').getAttribute('aria-invalid')).toBe('true');

    const events = userEvent.setup();
    await events.type(screen.getByLabelText('QA score from'), '80');
    await events.type(screen.getByLabelText('QA score to'), '20');
    await events.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('Must not be below the lower score.')).toBeTruthy();
  }, 15_000);

  it('saves the search as a view of the list conversations', async () => {
    signInAs(reader);
    const saved: unknown[] = [];
    stubApi({
      'GET /api/v1/views': [200, { items: [] }],
      'POST /api/v1/views': async (request) => {
        const body: unknown = await request.json();
        saved.push(body);
        return [201, { id: 'view_1', name: 'Angry', list: 'conversations', state: 'grade=E' }];
      },
      'GET /api/v1/conversations': [200, { items: [conversationHit()], nextCursor: null, total: null }],
    });
    await renderConversationsRoute('/conversations?grade=E');
    await screen.findByRole('table');
    const events = userEvent.setup();
    await events.click(screen.getByRole('button', { name: 'Save view…' }));
    await events.type(await screen.findByLabelText('Name'), 'Angry');
    await events.click(screen.getByRole('button', { name: 'Save view' }));
    await waitFor(() => expect(saved).toEqual([{ list: 'conversations', name: 'Angry', state: 'grade=E' }]));
  }, 15_000);

  it('offers only what the role may read, in German too', async () => {
    setLocale('de');
    try {
      signInAs(['tenant:read', 'recordings:read']);
      stubApi({
        ...noViews,
        'GET /api/v1/conversations': [200, { items: [], nextCursor: null, total: null }],
      });
      await renderConversationsRoute('/conversations');
      expect(await screen.findByText('Noch keine transkribierten Gespräche')).toBeTruthy();
      expect(screen.queryByLabelText('Wörter')).toBeNull();
      expect(screen.queryByRole('group', { name: 'QA-Note' })).toBeNull();
      expect(screen.getByLabelText('Warteschlange')).toBeTruthy();
    } finally {
      setLocale('en');
    }
  }, 15_000);
});
