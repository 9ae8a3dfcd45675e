import { afterEach, describe, expect, it, vi } from 'vitest';
import { authorisingFetch } from './client';
import { createSessionManager, type Session, type SessionStore, type TokenPair } from './session';

function memoryStore(): SessionStore {
  let value: Session | null = null;
  return { read: () => value, write: (s) => (value = s), onExternalChange: () => () => undefined };
}

const pair = (n: number): TokenPair => ({
  accessToken: `at-${n}`,
  refreshToken: `rt-${n}`,
  expiresIn: 900,
  mfaEnrollmentRequired: false,
});

describe('authorising fetch', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the bearer token, and after a 401 renews once and repeats the call with the new token and the same body', async () => {
    const session = createSessionManager({
      store: memoryStore(),
      exchange: () => Promise.resolve(pair(2)),
      revoke: () => Promise.resolve(),
    });
    session.begin('acme', 'ann@example.test', pair(1));
    const seen: { auth: string | null; body: string }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push({ auth: request.headers.get('authorization'), body: await request.text() });
        return new Response(null, { status: seen.length === 1 ? 401 : 204 });
      }),
    );

    const response = await authorisingFetch(session)(
      new Request('http://console.test/api/v1/tenant', { method: 'PATCH', body: '{"name":"Acme"}' }),
    );
    expect(response.status).toBe(204);
    expect(seen).toEqual([
      { auth: 'Bearer at-1', body: '{"name":"Acme"}' },
      { auth: 'Bearer at-2', body: '{"name":"Acme"}' },
    ]);
    session.dispose();
  });

  it('hands a 401 back, and ends the session, when renewal is refused: no loop', async () => {
    const session = createSessionManager({
      store: memoryStore(),
      exchange: () => Promise.resolve('rejected'),
      revoke: () => Promise.resolve(),
    });
    session.begin('acme', 'ann@example.test', pair(1));
    const fetch = vi.fn(() => Promise.resolve(new Response(null, { status: 401 })));
    vi.stubGlobal('fetch', fetch);

    const response = await authorisingFetch(session)(new Request('http://console.test/api/v1/users'));
    expect(response.status).toBe(401);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(session.current()).toBeNull();
    session.dispose();
  });
});
