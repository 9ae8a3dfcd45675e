import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderFeatureRoute } from '@/kit/route-testing';
import { signInAs, stubApi } from '@/test/render';
import { recordingsRoutes } from '../routes';

const admin = ['tenant:read', 'settings:read', 'settings:write', 'recordings:read'];

const settings = (overrides: Record<string, unknown> = {}) => ({
  transcription: {
    providers: [
      {
        provider: 'openai',
        baseUrl: 'http://whisper.internal:8000/v1',
        model: 'large-v3',
        responseFormat: null,
        apiKeySecret: null,
        auth: 'bearer',
        query: {},
        splitChannels: true,
        maxUploadBytes: 26_214_400,
        pricePerMinuteUsd: null,
        requestTimeoutMs: 300_000,
        maxAttempts: 3,
        retryBaseMs: 1_000,
        maxRetryAfterMs: 60_000,
      },
      { provider: 'local', pricePerMinuteUsd: 0 },
    ],
  },
  transcriptionConfigured: true,
  transcriptionProviders: ['openai', 'local'],
  availableProviders: ['openai', 'local'],
  providerKinds: ['local', 'openai', 'deepgram', 'aws-transcribe', 'assemblyai'],
  defaultLanguage: 'en-GB',
  audioRedaction: 'both',
  audioPaddingMs: 250,
  redactEntityTypes: ['CARD_NUMBER'],
  updatedAt: '2026-11-30T09:00:00.000Z',
  updatedBy: 'usr_1',
  ...overrides,
});

const status = {
  items: [
    { provider: 'openai', available: true, reason: null, code: null },
    {
      provider: 'local',
      available: false,
      reason: 'No local speech engine: neither pocketsphinx nor pocketsphinx_continuous is on the PATH.',
      code: 'CONVERSATIONS_TRANSCRIPTION_NO_LOCAL_ENGINE',
    },
  ],
};

describe('conversation settings', () => {
  it('adds Deepgram with a secret picked by name, moves it first, and sends the order, the language and the redaction policy', async () => {
    signInAs(admin);
    let sent: Record<string, unknown> | undefined;
    stubApi({
      'GET /api/v1/conversations/settings': [200, settings()],
      'GET /api/v1/conversations/settings/transcription-status': [200, status],
      'GET /api/v1/secrets': [
        200,
        {
          items: [
            { name: 'transcription.deepgram', updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'usr_1' },
            { name: 'teams.client_secret', updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'usr_1' },
          ],
        },
      ],
      'PUT /api/v1/conversations/settings': async (request) => {
        sent = (await request.json()) as Record<string, unknown>;
        return [200, settings()];
      },
    });
    await renderFeatureRoute(recordingsRoutes, '/conversations/settings');
    const user = userEvent.setup();

    // What each provider can do now, with the reason of the one that cannot.
    expect(await screen.findByText(/neither pocketsphinx nor pocketsphinx_continuous/)).toBeTruthy();
    // The secret picker offers only secrets this module may read.
    const options = [...document.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'));
    expect(options).toEqual(['transcription.deepgram']);

    await user.selectOptions(screen.getByLabelText('Add a provider'), 'deepgram');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    const deepgram = screen.getByRole('heading', { name: /Deepgram/ }).closest('li')!;
    await user.type(within(deepgram).getByLabelText('API key (secret name)'), 'transcription.deepgram');
    await user.click(screen.getByRole('button', { name: 'Move up: Deepgram' }));
    await user.click(screen.getByRole('button', { name: 'Move up: Deepgram' }));
    await user.selectOptions(screen.getByLabelText('Keep'), 'redacted_only');
    await user.clear(screen.getByLabelText('Padding (ms)'));
    await user.type(screen.getByLabelText('Padding (ms)'), '400');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Conversation settings saved')).toBeTruthy();
    expect(sent).toMatchObject({
      defaultLanguage: 'en-GB',
      audioRedaction: 'redacted_only',
      audioPaddingMs: 400,
      transcription: {
        providers: [
          { provider: 'deepgram', apiKeySecret: 'transcription.deepgram' },
          {
            provider: 'openai',
            baseUrl: 'http://whisper.internal:8000/v1',
            model: 'large-v3',
            apiKeySecret: null,
          },
          { provider: 'local', pricePerMinuteUsd: 0 },
        ],
      },
    });
  });

  it('puts the server’s problem with a provider’s field under that field', async () => {
    signInAs(admin);
    stubApi({
      'GET /api/v1/conversations/settings': [200, settings()],
      'GET /api/v1/conversations/settings/transcription-status': [200, status],
      'GET /api/v1/secrets': [200, { items: [] }],
      'PUT /api/v1/conversations/settings': [
        400,
        {
          code: 'VALIDATION_FAILED',
          status: 400,
          detail: 'The request is not valid.',
          errors: [
            {
              field: 'body.transcription.providers.0.apiKeySecret',
              message: 'must name a tenant secret under "transcription."',
            },
          ],
        },
      ],
    });
    await renderFeatureRoute(recordingsRoutes, '/conversations/settings');
    const user = userEvent.setup();
    const whisper = (await screen.findByRole('heading', { name: /OpenAI-compatible/ })).closest('li')!;
    const secret = within(whisper).getByLabelText(/API key \(secret name\)/);
    await user.type(secret, 'sk-live-123');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(
      await within(whisper).findByText('Must name a tenant secret under "transcription.".'),
    ).toBeTruthy();
    expect(secret.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(secret);
  });

  it('shows the settings read-only to a role that may not change them', async () => {
    signInAs(['tenant:read', 'settings:read', 'recordings:read']);
    stubApi({
      'GET /api/v1/conversations/settings': [200, settings({ transcriptionConfigured: false })],
      'GET /api/v1/conversations/settings/transcription-status': [200, status],
    });
    await renderFeatureRoute(recordingsRoutes, '/conversations/settings');
    expect(await screen.findByText('Your role can see these settings but not change them.')).toBeTruthy();
    expect(screen.getByText(/self-hosted Whisper server as an OpenAI-compatible provider/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
  });
});
