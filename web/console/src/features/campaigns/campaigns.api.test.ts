import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from '@/api/client';
import { ApiError } from '@/api/problem';
import { actionsFor, campaignsApi } from './campaigns.api';
import { campaign } from './campaigns.testing';

function signIn() {
  session.begin('acme', 'ann@example.test', {
    accessToken: 'at',
    refreshToken: 'rt',
    expiresIn: 900,
    mfaEnrollmentRequired: false,
  });
}

function answer(status: number, body: unknown, contentType = 'application/json') {
  const fetch = vi.fn((_request: Request) =>
    Promise.resolve(
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': contentType },
      }),
    ),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('campaigns client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the bearer token, the path and the query the API expects', async () => {
    signIn();
    const fetch = answer(200, { attempts: [], nextCursor: null });
    await campaignsApi.attempts('cmp_1', { limit: 50, cursor: 'c2', outcome: 'busy' });
    const request = fetch.mock.calls[0]?.[0] as Request;
    expect(request.method).toBe('GET');
    expect(new URL(request.url).pathname).toBe('/api/v1/campaigns/campaigns/cmp_1/attempts');
    expect(Object.fromEntries(new URL(request.url).searchParams)).toEqual({
      limit: '50',
      cursor: 'c2',
      outcome: 'busy',
    });
    expect(request.headers.get('authorization')).toBe('Bearer at');
  });

  it('leaves out what is not asked (a dry run without an instant is "now")', async () => {
    signIn();
    const fetch = answer(200, {});
    await campaignsApi.dryRun('cmp_1', { at: undefined });
    expect((fetch.mock.calls[0]?.[0] as Request).url).toMatch(/\/dry-run$/);
  });

  it('posts JSON and turns a problem+json refusal into an ApiError naming the fields', async () => {
    signIn();
    const fetch = answer(
      400,
      {
        code: 'VALIDATION_FAILED',
        status: 400,
        detail: 'The request is not valid.',
        errors: [{ field: 'body.settings.callingWindow.endMinute', message: 'must end after it starts' }],
      },
      'application/problem+json',
    );
    const refused = await campaignsApi
      .create({ name: 'x', lists: [{ listId: 'list_1' }], settings: campaign().settings })
      .catch((error: unknown) => error);
    const request = fetch.mock.calls[0]?.[0] as Request;
    expect(request.method).toBe('POST');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(400);
    expect((refused as ApiError).fieldMessage('settings.callingWindow.endMinute')).toBe(
      'must end after it starts',
    );
  });

  it('reads a 409 on a refused transition as an error with the server’s words', async () => {
    signIn();
    answer(409, { code: 'CAMPAIGNS_INVALID_TRANSITION', status: 409, detail: 'The campaign is completed.' });
    await expect(campaignsApi.act('cmp_1', 'pause')).rejects.toThrow('The campaign is completed.');
  });

  it('offers only the transitions the state allows', () => {
    expect(actionsFor('draft')).toEqual(['start', 'cancel']);
    expect(actionsFor('running')).toEqual(['pause', 'cancel']);
    expect(actionsFor('paused')).toEqual(['resume', 'cancel']);
    expect(actionsFor('completed')).toEqual([]);
    expect(actionsFor('cancelled')).toEqual([]);
  });
});
