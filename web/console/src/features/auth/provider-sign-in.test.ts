import { describe, expect, it, vi } from 'vitest';
import {
  beginProviderSignIn,
  callbackUrl,
  pendingLifetimeMs,
  pkceChallenge,
  readCallback,
  savePendingSignIn,
  takePendingSignIn,
  type PendingSignIn,
} from './provider-sign-in';

const pending: PendingSignIn = {
  tenant: 'contoso',
  providerId: 'idp_01entra',
  providerName: 'Contoso Entra ID',
  state: 'state-of-this-tab-0123456789',
  nonce: 'nonce-of-this-tab-0123456789',
  codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  redirect: '/admin/users',
  startedAt: 1_000_000,
};
const query = (params: Record<string, string>) => new URLSearchParams(params);

describe('signing in with an identity provider, in the browser', () => {
  it('derives the PKCE challenge as RFC 7636 does', async () => {
    // RFC 7636, appendix B.
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('sends only the challenge, keeps the verifier, state and nonce in this tab, and leaves for the provider', async () => {
    const storage = window.sessionStorage;
    const start = vi.fn(
      (_body: { codeChallenge: string; state: string; nonce: string; redirectUri: string }) =>
        Promise.resolve({ authorizationUrl: 'https://login.example/authorize?x=1' }),
    );
    const go = vi.fn();
    await beginProviderSignIn(
      { tenant: 'contoso', option: { id: 'idp_01entra', name: 'Contoso Entra ID' }, redirect: '/admin' },
      { start, go, storage },
    );

    const kept = takePendingSignIn(storage);
    const sent = start.mock.calls[0]?.[0];
    expect(kept).toMatchObject({ tenant: 'contoso', providerId: 'idp_01entra', redirect: '/admin' });
    expect(kept?.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent).toMatchObject({
      state: kept?.state,
      nonce: kept?.nonce,
      redirectUri: callbackUrl(),
      codeChallenge: await pkceChallenge(kept?.codeVerifier ?? ''),
    });
    expect(JSON.stringify(sent)).not.toContain(kept?.codeVerifier);
    expect(go).toHaveBeenCalledWith('https://login.example/authorize?x=1');
  });

  it('keeps nothing when the server will not start the sign-in', async () => {
    const storage = window.sessionStorage;
    const start = vi.fn(() => Promise.reject(new Error('refused')));
    await expect(
      beginProviderSignIn(
        { tenant: 'contoso', option: { id: 'idp_01entra', name: 'Entra' } },
        { start, go: vi.fn(), storage },
      ),
    ).rejects.toThrow();
    expect(takePendingSignIn(storage)).toBeNull();
  });

  it('finishes a sign-in once: the kept values are gone after the first read', () => {
    savePendingSignIn(pending, window.sessionStorage);
    expect(takePendingSignIn(window.sessionStorage)).toEqual(pending);
    expect(takePendingSignIn(window.sessionStorage)).toBeNull();
  });

  it('exchanges the code with the verifier and nonce this tab kept', () => {
    const outcome = readCallback(
      query({ code: 'the-code', state: pending.state, iss: 'https://login.example' }),
      pending,
      pending.startedAt + 5_000,
    );
    expect(outcome).toEqual({
      kind: 'exchange',
      body: {
        tenant: 'contoso',
        providerId: 'idp_01entra',
        code: 'the-code',
        codeVerifier: pending.codeVerifier,
        redirectUri: callbackUrl(),
        nonce: pending.nonce,
        iss: 'https://login.example',
      },
    });
  });

  it('ignores an answer for another sign-in, even one that claims an error', () => {
    const answers: Record<string, string>[] = [
      { code: 'c', state: 'someone-elses-state' },
      { error: 'access_denied', state: 'someone-elses-state' },
      { code: 'c' },
    ];
    for (const params of answers) {
      const outcome = readCallback(query(params), pending, pending.startedAt);
      expect(outcome).toMatchObject({
        kind: 'failed',
        problem: {
          message: expect.stringContaining('does not belong to the sign-in this tab started') as unknown,
        },
      });
    }
  });

  it('says plainly when consent was refused, the provider failed, or nothing was started here', () => {
    expect(
      readCallback(query({ error: 'access_denied', state: pending.state }), pending, pending.startedAt),
    ).toMatchObject({
      problem: {
        title: 'Contoso Entra ID did not sign you in',
        message: expect.stringContaining('You declined') as unknown,
      },
    });
    expect(
      readCallback(
        query({ error: 'server_error', error_description: 'the directory is down', state: pending.state }),
        pending,
        pending.startedAt,
      ),
    ).toMatchObject({
      problem: { message: expect.stringContaining('the directory is down') as unknown },
    });
    expect(readCallback(query({ code: 'c', state: 'x' }), null)).toMatchObject({
      problem: { title: 'This sign-in cannot be finished here' },
    });
    expect(
      readCallback(
        query({ code: 'c', state: pending.state }),
        pending,
        pending.startedAt + pendingLifetimeMs + 1,
      ),
    ).toMatchObject({
      problem: { title: 'This sign-in took too long' },
    });
  });
});
