import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionManager, type Session, type SessionStore, type TokenPair } from './session';

/**
 * localStorage shared by "tabs" (one manager each). Like storage events, a write reaches the other
 * tabs later: when the test calls deliver().
 */
function sharedStore() {
  let value: Session | null = null;
  const tabs: { listener: () => void }[] = [];
  let pending: (() => void)[] = [];
  const tab = (): SessionStore => {
    const self = { listener: () => undefined as void };
    tabs.push(self);
    return {
      read: () => value,
      write(session) {
        value = session;
        for (const other of tabs) if (other !== self) pending.push(() => other.listener());
      },
      onExternalChange(listener) {
        self.listener = listener;
        return () => (self.listener = () => undefined);
      },
    };
  };
  const deliver = () => {
    const due = pending;
    pending = [];
    for (const run of due) run();
  };
  return { tab, deliver, peek: () => value };
}

const pair = (n: number, expiresIn = 900): TokenPair => ({
  accessToken: `at-${n}`,
  refreshToken: `rt-${n}`,
  expiresIn,
  mfaEnrollmentRequired: false,
});

describe('session renewal', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  function manager(
    store: SessionStore,
    exchange: (rt: string) => Promise<TokenPair | 'rejected'>,
    revoke = vi.fn(() => Promise.resolve()),
  ) {
    return createSessionManager({ store, exchange, revoke, now: () => Date.now() });
  }

  it('renews the access token a minute before it expires, without being asked, and spends each refresh token once', async () => {
    const store = sharedStore();
    const exchange = vi.fn((rt: string) => Promise.resolve(pair(Number(rt.slice(3)) + 1)));
    const tab = manager(store.tab(), exchange);
    tab.begin('acme', 'ann@example.test', pair(1));

    await vi.advanceTimersByTimeAsync(839_000);
    expect(exchange).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(exchange).toHaveBeenCalledExactlyOnceWith('rt-1');
    expect(tab.current()?.accessToken).toBe('at-2');

    await vi.advanceTimersByTimeAsync(840_000);
    expect(exchange).toHaveBeenLastCalledWith('rt-2');
    expect(await tab.accessToken()).toBe('at-3');
    tab.dispose();
  });

  it('renews once when several calls find the token due at the same moment', async () => {
    const store = sharedStore();
    let release: (p: TokenPair) => void = () => undefined;
    const exchange = vi.fn(() => new Promise<TokenPair>((resolve) => (release = resolve)));
    const tab = manager(store.tab(), exchange);
    tab.begin('acme', 'ann@example.test', pair(1));
    vi.setSystemTime(Date.now() + 870_000);

    const calls = [tab.accessToken(), tab.accessToken(), tab.accessToken()];
    await vi.advanceTimersByTimeAsync(0);
    release(pair(2));
    expect(await Promise.all(calls)).toEqual(['at-2', 'at-2', 'at-2']);
    expect(exchange).toHaveBeenCalledTimes(1);
    tab.dispose();
  });

  it('adopts the pair another tab already renewed instead of spending the rotated refresh token again', async () => {
    const store = sharedStore();
    const exchangeA = vi.fn(() => Promise.resolve(pair(2)));
    const exchangeB = vi.fn(() => Promise.resolve(pair(99)));
    const a = manager(store.tab(), exchangeA);
    const b = manager(store.tab(), exchangeB);
    a.begin('acme', 'ann@example.test', pair(1));
    store.deliver();
    expect(b.current()?.accessToken).toBe('at-1');

    vi.setSystemTime(Date.now() + 870_000);
    expect(await a.accessToken()).toBe('at-2');
    // Tab B still holds the old token (its storage event has not arrived): it must not present rt-1.
    expect(b.current()?.accessToken).toBe('at-1');
    expect(await b.afterUnauthorized('at-1')).toBe('at-2');
    expect(exchangeB).not.toHaveBeenCalled();
    a.dispose();
    b.dispose();
  });

  it('ends the session, saying it expired, when the server refuses the refresh token', async () => {
    const store = sharedStore();
    const tab = manager(store.tab(), () => Promise.resolve('rejected'));
    const events: (string | undefined)[] = [];
    tab.subscribe((session, ended) => events.push(session ? 'signed-in' : ended));
    tab.begin('acme', 'ann@example.test', pair(1));
    vi.setSystemTime(Date.now() + 870_000);

    expect(await tab.accessToken()).toBeNull();
    expect(tab.current()).toBeNull();
    expect(store.peek()).toBeNull();
    expect(events).toEqual(['signed-in', 'expired']);
    tab.dispose();
  });

  it('keeps the session when the server cannot be reached, and tries again shortly', async () => {
    const store = sharedStore();
    const exchange = vi
      .fn<(rt: string) => Promise<TokenPair | 'rejected'>>()
      .mockRejectedValueOnce(new TypeError('offline'))
      .mockResolvedValueOnce(pair(2));
    const tab = manager(store.tab(), exchange);
    tab.begin('acme', 'ann@example.test', pair(1));

    await vi.advanceTimersByTimeAsync(840_000);
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(tab.current()?.accessToken).toBe('at-1');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(exchange).toHaveBeenCalledTimes(2);
    expect(tab.current()?.accessToken).toBe('at-2');
    tab.dispose();
  });

  it('renews once after a 401 and gives up (null) when the renewal is refused', async () => {
    const store = sharedStore();
    const exchange = vi
      .fn<(rt: string) => Promise<TokenPair | 'rejected'>>()
      .mockResolvedValueOnce(pair(2))
      .mockResolvedValueOnce('rejected');
    const tab = manager(store.tab(), exchange);
    tab.begin('acme', 'ann@example.test', pair(1));

    expect(await tab.afterUnauthorized('at-1')).toBe('at-2');
    expect(await tab.afterUnauthorized('at-2')).toBeNull();
    expect(tab.current()).toBeNull();
    tab.dispose();
  });

  it('treats an enrolment-only sign-in as a short session that is never renewed', async () => {
    const store = sharedStore();
    const exchange = vi.fn(() => Promise.resolve(pair(2)));
    const tab = manager(store.tab(), exchange);
    const session = tab.begin('acme', 'ann@example.test', {
      accessToken: 'enrol',
      expiresIn: 600,
      mfaEnrollmentRequired: true,
    });
    expect(session.kind).toBe('mfaEnrollment');
    expect(await tab.accessToken()).toBe('enrol');

    vi.setSystemTime(Date.now() + 601_000);
    expect(await tab.accessToken()).toBeNull();
    expect(exchange).not.toHaveBeenCalled();
    tab.dispose();
  });

  it('stays signed out when a renewal in flight answers after the sign-out, and revokes what it brought', async () => {
    const store = sharedStore();
    let answer: (value: TokenPair) => void = () => undefined;
    const exchange = vi.fn(() => new Promise<TokenPair>((resolve) => (answer = resolve)));
    const revoke = vi.fn(() => Promise.resolve());
    const tab = manager(store.tab(), exchange, revoke);
    tab.begin('acme', 'ann@example.test', pair(1));
    await vi.advanceTimersByTimeAsync(840_000);
    expect(exchange).toHaveBeenCalledOnce();

    await tab.signOut();
    answer(pair(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(tab.current()).toBeNull();
    expect(store.peek()).toBeNull();
    expect(revoke).toHaveBeenCalledWith('rt-1');
    expect(revoke).toHaveBeenCalledWith('rt-2');
  });

  it('signs out in every tab and revokes the refresh token on the server', async () => {
    const store = sharedStore();
    const revoke = vi.fn(() => Promise.resolve());
    const a = manager(store.tab(), () => Promise.resolve(pair(2)), revoke);
    const b = manager(store.tab(), () => Promise.resolve(pair(2)));
    const seenByB: (string | undefined)[] = [];
    b.subscribe((session, ended) => seenByB.push(session ? 'signed-in' : ended));
    a.begin('acme', 'ann@example.test', pair(1));
    store.deliver();

    await a.signOut();
    store.deliver();
    expect(revoke).toHaveBeenCalledWith('rt-1');
    expect(b.current()).toBeNull();
    expect(seenByB).toEqual(['signed-in', 'signedOut']);
    a.dispose();
    b.dispose();
  });
});
