import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { recording, renderRecordingsRoute } from '../recordings.testing';

const reader = ['tenant:read', 'recordings:read', 'recordings:play', 'transcripts:read'];

describe('recordings list', () => {
  it('says in plain words why a recording failed and links a recording to its call', async () => {
    signInAs(reader);
    stubApi({
      'GET /api/v1/recordings': [
        200,
        {
          items: [
            recording({ sourceRecordingId: 'linked.wav', callId: 'call_01hq000000000000000000000a' }),
            recording({
              sourceRecordingId: 'photo.wav',
              state: 'failed',
              failure: { code: 'not_audio', reason: 'The file is a JPEG image.' },
              durationMs: null,
            }),
            recording({
              sourceRecordingId: 'silent.wav',
              state: 'failed',
              failure: {
                code: 'no_local_engine',
                reason: 'No transcript was supplied and this installation has no speech engine.',
              },
            }),
          ],
          nextCursor: null,
        },
      ],
    });
    await renderRecordingsRoute('/recordings');

    const table = await screen.findByRole('table');
    expect(await within(table).findByText(/^Not audio we can read — upload a WAV, MP3/)).toBeTruthy();
    expect(within(table).getByText(/^No transcription engine is installed — install/)).toBeTruthy();
    expect(within(table).getAllByText('Ready')).toHaveLength(1);
    const callLink = within(table).getByRole('link', { name: /Call call_01hq000000000000000000000a/ });
    expect(callLink.getAttribute('href')).toBe('/calls/call_01hq000000000000000000000a');
    // A viewer role may read but not upload.
    expect(screen.queryByRole('button', { name: 'Upload recording' })).toBeNull();
  }, 15_000);

  it('sends the filters to the API as its query and keeps them in the address', async () => {
    signInAs([...reader, 'recordings:ingest']);
    const asked: URLSearchParams[] = [];
    stubApi({
      'GET /api/v1/recordings': (request) => {
        asked.push(new URL(request.url).searchParams);
        return [200, { items: [recording()], nextCursor: null }];
      },
    });
    const { router } = await renderRecordingsRoute('/recordings');
    expect(await screen.findByRole('button', { name: 'Upload recording' })).toBeTruthy();

    const events = userEvent.setup();
    await events.type(screen.getByLabelText('Transcript text'), 'refund "card number"');
    await events.selectOptions(screen.getByLabelText('State'), 'failed');
    await events.type(screen.getByLabelText('Queue'), 'Billing');
    await events.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(asked.at(-1)?.get('q')).toBe('refund "card number"'));
    const last = asked.at(-1);
    expect(last?.get('state')).toBe('failed');
    expect(last?.get('queue')).toBe('Billing');
    expect(router.state.location.search).toMatchObject({
      q: 'refund "card number"',
      state: 'failed',
      queue: 'Billing',
    });
  }, 15_000);

  it('shows the server’s refusal of a filter on that field', async () => {
    signInAs(reader);
    stubApi({
      'GET /api/v1/recordings': [
        400,
        {
          code: 'VALIDATION_FAILED',
          status: 400,
          detail: 'The request is not valid.',
          errors: [{ field: 'querystring.q', message: 'must have at most 512 characters' }],
        },
      ],
    });
    await renderRecordingsRoute(`/recordings?q=${'x'.repeat(500)}`);
    expect(await screen.findByText('Must have at most 512 characters.')).toBeTruthy();
    expect(screen.getByLabelText('Transcript text').getAttribute('aria-invalid')).toBe('true');
  }, 15_000);

  it('offers no transcript search to a role that may not read transcripts', async () => {
    signInAs(['tenant:read', 'recordings:read']);
    stubApi({ 'GET /api/v1/recordings': [200, { items: [], nextCursor: null }] });
    await renderRecordingsRoute('/recordings');
    expect(await screen.findByText('No recordings yet')).toBeTruthy();
    expect(screen.queryByLabelText('Transcript text')).toBeNull();
  }, 15_000);
  it('sorts by a header and shows the total, an estimate as one', async () => {
    signInAs(reader);
    const asked: URLSearchParams[] = [];
    stubApi({
      'GET /api/v1/recordings': (request) => {
        const params = new URL(request.url).searchParams;
        asked.push(params);
        return [200, { items: [recording()], nextCursor: null, total: { count: 12_345, exact: false } }];
      },
    });
    const { router } = await renderRecordingsRoute('/recordings');
    expect(await screen.findByText(/of about 12,000 recordings$/)).toBeTruthy();
    expect(asked[0]?.get('total')).toBe('true');
    expect(asked[0]?.has('sort')).toBe(false);

    const duration = screen.getAllByRole('columnheader').find((h) => h.textContent === 'Length');
    expect(duration?.getAttribute('aria-sort')).toBe('none');
    await userEvent.setup().click(within(duration!).getByRole('button'));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ sort: '-duration' }));
    await waitFor(() => expect(asked.at(-1)?.get('sort')).toBe('-duration'));
  }, 15_000);
});
