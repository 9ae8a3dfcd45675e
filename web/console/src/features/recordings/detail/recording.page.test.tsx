import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { recordingDetail, renderRecordingsRoute } from '../recordings.testing';

const id = 'rec_01jf0000000000000000000001';
const listener = ['tenant:read', 'recordings:read', 'recordings:play', 'transcripts:read'];

function stubRecording(variants: string[] = []) {
  return stubApi({
    [`GET /api/v1/recordings/${id}`]: [200, recordingDetail()],
    [`GET /api/v1/recordings/${id}/audio`]: (request) => {
      const variant = new URL(request.url).searchParams.get('variant') ?? 'redacted';
      variants.push(variant);
      return [
        200,
        { url: `/media/${id}-${variant}.wav?sig=abc`, expiresAt: '2026-11-30T10:00:00.000Z', variant },
      ];
    },
  });
}

const currentLine = () => document.querySelector('.transcript [aria-current="true"]');

describe('recording detail', () => {
  it('highlights the line being heard as the audio plays', async () => {
    signInAs(listener);
    stubRecording();
    await renderRecordingsRoute(`/recordings/${id}`);
    const audio = await waitFor(() => {
      const element = document.querySelector('audio');
      if (!element) throw new Error('no audio element yet');
      return element;
    });
    expect(audio.getAttribute('src')).toBe(`/media/${id}-redacted.wav?sig=abc`);

    // At the start the first line is current; at 6 s the customer's line is.
    expect(currentLine()?.textContent).toContain('how can I help');
    audio.currentTime = 6;
    fireEvent.timeUpdate(audio);
    await waitFor(() => expect(currentLine()?.textContent).toContain('charged twice'));
    // In the silence after it, the line just heard stays highlighted.
    audio.currentTime = 14;
    fireEvent.timeUpdate(audio);
    expect(currentLine()?.textContent).toContain('charged twice');
    audio.currentTime = 17;
    fireEvent.timeUpdate(audio);
    await waitFor(() => expect(currentLine()?.textContent).toContain('refund it today'));
  }, 15_000);

  it('plays from a line that is chosen, and shows redacted passages as what they were', async () => {
    signInAs(listener);
    stubRecording();
    await renderRecordingsRoute(`/recordings/${id}`);
    const line = await screen.findByRole('button', { name: 'Play from 0:16 · Agent' });
    await waitFor(() => expect(document.querySelector('audio')).toBeTruthy());
    const audio = document.querySelector('audio');

    await userEvent.setup().click(line);
    expect(audio?.currentTime).toBe(16);
    expect(currentLine()?.textContent).toContain('refund it today');

    const chip = screen.getByText('[CARD_NUMBER]');
    expect(chip.className).toContain('redaction-chip');
    expect(chip.getAttribute('title')).toBe('redacted card number');
    expect(screen.getByText(/1 passage redacted/)).toBeTruthy();
  }, 15_000);

  it('measures the conversation and draws a lane per speaker with silences and interruptions', async () => {
    signInAs(listener);
    stubRecording();
    await renderRecordingsRoute(`/recordings/${id}`);
    const figures = (await screen.findByRole('heading', { name: 'Conversation' })).closest('section');
    if (!figures) throw new Error('no panel');
    expect(within(figures).getByText('Agent 58.8% · Customer 41.2%')).toBeTruthy();
    expect(within(figures).getByText('0:12')).toBeTruthy();
    expect(within(figures).getByText('(2 silences of 3 s or more)')).toBeTruthy();
    expect(within(figures).getByText('132 words/min')).toBeTruthy();
    expect(document.querySelectorAll('.recording-timeline__lane[data-speaker]')).toHaveLength(2);
    expect(screen.getByText(/Customer interrupted Agent for 0:01/)).toBeTruthy();
    expect(screen.getByText(/Silence, 0:04/)).toBeTruthy();
  }, 15_000);

  it('offers the original audio only to a role with the permission', async () => {
    signInAs(listener);
    stubRecording();
    const first = await renderRecordingsRoute(`/recordings/${id}`);
    await screen.findByRole('heading', { name: 'Listen' });
    expect(screen.queryByRole('button', { name: 'Original' })).toBeNull();
    first.unmount();

    const variants: string[] = [];
    signInAs([...listener, 'recordings:read_original']);
    stubRecording(variants);
    await renderRecordingsRoute(`/recordings/${id}`);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Original' }));
    await waitFor(() =>
      expect(document.querySelector('audio')?.getAttribute('src')).toContain('-original.wav'),
    );
    expect(variants).toContain('original');
    expect(screen.getByText(/The original audio is not redacted/)).toBeTruthy();
  }, 15_000);

  it('starts another run with the chosen provider for a role that may', async () => {
    signInAs([...listener, 'recordings:write', 'settings:read']);
    const bodies: unknown[] = [];
    stubApi({
      [`GET /api/v1/recordings/${id}`]: [200, recordingDetail()],
      'GET /api/v1/conversations/settings': [
        200,
        {
          transcriptionProviders: ['whisper-cpp'],
          defaultLanguage: null,
          audioRedaction: 'both',
          audioPaddingMs: 250,
          redactEntityTypes: [],
          availableProviders: ['whisper-cpp', 'deepgram'],
          updatedAt: null,
          updatedBy: null,
        },
      ],
      [`POST /api/v1/recordings/${id}/runs`]: async (request) => {
        bodies.push(await request.json());
        return [202, { id: 'run_02', state: 'running' }];
      },
    });
    await renderRecordingsRoute(`/recordings/${id}`);
    const events = userEvent.setup();
    await events.click(await screen.findByRole('button', { name: 'Run again' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByRole('option', { name: 'deepgram' });
    await events.selectOptions(within(dialog).getByLabelText('Transcription provider'), 'deepgram');
    await events.click(within(dialog).getByRole('button', { name: 'Start the run' }));
    await waitFor(() => expect(bodies).toEqual([{ provider: 'deepgram' }]));
    expect(await screen.findByText('A new run was started.')).toBeTruthy();
  }, 15_000);
});
