/**
 * The console's sign-in session: the token pair from POST /auth/login, kept fresh without the
 * person noticing.
 *
 * - The access token is renewed shortly before it expires (a timer), or on first use after that.
 * - Refresh tokens rotate: each one works once, and presenting a used one makes the server end
 *   the whole session (reuse detection). So renewal is single-flight inside a tab and exclusive
 *   across tabs (Web Locks), and a tab re-reads storage under the lock: if another tab already
 *   renewed, it adopts that pair instead of spending the old refresh token a second time.
 * - Tabs share one session through localStorage; signing out in one signs out all.
 */

export interface TokenPair {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken?: string | undefined;
  readonly mfaEnrollmentRequired: boolean;
}

export type Session =
  | {
      readonly kind: 'signedIn';
      readonly tenant: string;
      readonly accessToken: string;
      /** Epoch ms: the access token stops working. */
      readonly expiresAt: number;
      /** Epoch ms: renew from here on. */
      readonly renewAt: number;
      readonly refreshToken: string;
    }
  | {
      /** Signed in only to enrol an authenticator (the tenant requires one): no refresh token. */
      readonly kind: 'mfaEnrollment';
      readonly tenant: string;
      readonly email: string;
      readonly accessToken: string;
      readonly expiresAt: number;
    };

/** Why a session ended, so the sign-in page can say so. */
export type SessionEnd = 'signedOut' | 'expired';

export interface SessionStore {
  read(): Session | null;
  write(session: Session | null): void;
  /** Another tab changed the stored session. */
  onExternalChange(listener: () => void): () => void;
}

export interface SessionManagerDeps {
  readonly store: SessionStore;
  /** POST /auth/refresh: the new pair, or 'rejected' when the server refuses the token. Throws when unreachable. */
  exchange(refreshToken: string): Promise<TokenPair | 'rejected'>;
  /** POST /auth/logout, best effort. */
  revoke(refreshToken: string): Promise<void>;
  readonly now?: () => number;
  /** Runs `work` while no other tab renews (Web Locks in the browser). */
  readonly exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

export type SessionListener = (session: Session | null, ended: SessionEnd | undefined) => void;

export interface SessionManager {
  current(): Session | null;
  subscribe(listener: SessionListener): () => void;
  /** Starts a session from a sign-in answer. */
  begin(tenant: string, email: string, pair: TokenPair): Session;
  /** A usable access token (renewing first when due), or null when signed out. */
  accessToken(): Promise<string | null>;
  /** The API refused `token` with 401: renew once and return the new token, or null (session over). */
  afterUnauthorized(token: string): Promise<string | null>;
  /** Revokes the refresh token on the server and forgets the session in every tab. */
  signOut(): Promise<void>;
  /** Forgets the session without calling the server (after "sign out everywhere", or an expired session). */
  end(reason: SessionEnd): void;
  dispose(): void;
}

/** Renew this long before expiry, or after three quarters of a short lifetime. */
export const renewLeadMs = 60_000;
/** After a failed renewal (no network), try again this often until the token expires. */
export const retryDelayMs = 10_000;

export function renewTime(now: number, expiresInSeconds: number): number {
  const lifetime = expiresInSeconds * 1000;
  return now + lifetime - Math.min(renewLeadMs, lifetime / 4);
}

let localQueue: Promise<unknown> = Promise.resolve();
/** In-process stand-in for Web Locks (tests, or a browser without them). */
function inProcessExclusive<T>(work: () => Promise<T>): Promise<T> {
  const run = localQueue.then(work, work);
  localQueue = run.catch(() => undefined);
  return run;
}

export function createSessionManager(deps: SessionManagerDeps): SessionManager {
  const now = deps.now ?? Date.now;
  const exclusive = deps.exclusive ?? inProcessExclusive;
  const setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = deps.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const listeners = new Set<SessionListener>();

  let session: Session | null = usable(deps.store.read());
  let timer: unknown;
  let renewing: Promise<Session | null> | undefined;

  function usable(stored: Session | null): Session | null {
    // An enrolment-only session cannot be renewed: once expired it is useless.
    if (stored?.kind === 'mfaEnrollment' && stored.expiresAt <= now()) return null;
    return stored;
  }

  function schedule(): void {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    if (session?.kind !== 'signedIn') return;
    const token = session.accessToken;
    timer = setTimer(
      () => {
        timer = undefined;
        void renew(token);
      },
      Math.max(0, session.renewAt - now()),
    );
  }

  /** Makes `next` the session of this tab; `persist` also writes it for the other tabs. */
  function adopt(next: Session | null, ended: SessionEnd | undefined, persist: boolean): void {
    if (persist) deps.store.write(next);
    const changed = next?.accessToken !== session?.accessToken;
    session = next;
    schedule();
    if (changed) for (const listener of listeners) listener(session, next ? undefined : ended);
  }

  const unwatch = deps.store.onExternalChange(() => {
    const stored = usable(deps.store.read());
    adopt(stored, stored ? undefined : 'signedOut', false);
  });

  function fromPair(tenant: string, email: string, pair: TokenPair): Session {
    const issuedAt = now();
    const expiresAt = issuedAt + pair.expiresIn * 1000;
    if (pair.mfaEnrollmentRequired || pair.refreshToken === undefined) {
      return { kind: 'mfaEnrollment', tenant, email, accessToken: pair.accessToken, expiresAt };
    }
    return {
      kind: 'signedIn',
      tenant,
      accessToken: pair.accessToken,
      expiresAt,
      renewAt: renewTime(issuedAt, pair.expiresIn),
      refreshToken: pair.refreshToken,
    };
  }

  /** Replaces `staleToken` with a new pair, unless another tab (or call) already did. */
  function renew(staleToken: string): Promise<Session | null> {
    renewing ??= exclusive(async () => {
      const stored = usable(deps.store.read());
      if (stored?.kind !== 'signedIn') {
        adopt(stored, 'expired', false);
        return stored;
      }
      if (stored.accessToken !== staleToken) {
        adopt(stored, undefined, false);
        return stored;
      }
      let answer: TokenPair | 'rejected';
      try {
        answer = await deps.exchange(stored.refreshToken);
      } catch {
        // Unreachable: keep the session (it may still work) and try again shortly.
        if (timer !== undefined) clearTimer(timer);
        timer = setTimer(() => {
          timer = undefined;
          void renew(staleToken);
        }, retryDelayMs);
        return stored;
      }
      // Signed out (here or in another tab) while the exchange was in flight: the answer must not
      // bring the session back, and the pair it brought is revoked.
      const after = usable(deps.store.read());
      if (after?.kind !== 'signedIn' || after.accessToken !== staleToken) {
        if (answer !== 'rejected' && answer.refreshToken !== undefined)
          await deps.revoke(answer.refreshToken).catch(() => undefined);
        adopt(after, after ? undefined : 'signedOut', false);
        return after;
      }
      if (answer === 'rejected') {
        adopt(null, 'expired', true);
        return null;
      }
      const next = fromPair(stored.tenant, '', answer);
      adopt(next, undefined, true);
      return next;
    }).finally(() => {
      renewing = undefined;
    });
    return renewing;
  }

  return {
    current: () => session,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    begin(tenant, email, pair) {
      const next = fromPair(tenant, email, pair);
      adopt(next, undefined, true);
      return next;
    },
    async accessToken() {
      const current = session;
      if (!current) return null;
      if (current.kind === 'mfaEnrollment') {
        if (current.expiresAt > now()) return current.accessToken;
        adopt(null, 'expired', true);
        return null;
      }
      if (now() < current.renewAt) return current.accessToken;
      const renewed = await renew(current.accessToken);
      return renewed?.accessToken ?? null;
    },
    async afterUnauthorized(token) {
      const current = session;
      if (!current) return null;
      if (current.accessToken !== token) return current.accessToken;
      if (current.kind === 'mfaEnrollment') {
        adopt(null, 'expired', true);
        return null;
      }
      const renewed = await renew(token);
      // A renewal that could not reach the server leaves the same token: that is not a fix.
      return renewed && renewed.accessToken !== token ? renewed.accessToken : null;
    },
    async signOut() {
      const current = session;
      adopt(null, 'signedOut', true);
      if (current?.kind === 'signedIn') await deps.revoke(current.refreshToken).catch(() => undefined);
    },
    end(reason) {
      adopt(null, reason, true);
    },
    dispose() {
      unwatch();
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
      listeners.clear();
    },
  };
}

const storageKey = 'switchboard.session.v1';

function parseSession(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Record<string, unknown>>;
    const strings =
      ['tenant', 'accessToken'].every((k) => typeof value[k] === 'string') &&
      typeof value.expiresAt === 'number';
    if (!strings) return null;
    if (
      value.kind === 'signedIn' &&
      typeof value.refreshToken === 'string' &&
      typeof value.renewAt === 'number'
    )
      return value as Session;
    if (value.kind === 'mfaEnrollment' && typeof value.email === 'string') return value as Session;
    return null;
  } catch {
    return null;
  }
}

/** The session in localStorage, shared by the console's tabs; `storage` events tell the others. */
export function localStorageSessionStore(
  storage: Storage = window.localStorage,
  target: Window = window,
): SessionStore {
  return {
    read: () => parseSession(storage.getItem(storageKey)),
    write(session) {
      if (session) storage.setItem(storageKey, JSON.stringify(session));
      else storage.removeItem(storageKey);
    },
    onExternalChange(listener) {
      const onStorage = (event: StorageEvent) => {
        if (event.key === storageKey || event.key === null) listener();
      };
      target.addEventListener('storage', onStorage);
      return () => target.removeEventListener('storage', onStorage);
    },
  };
}

/** Web Locks when the browser has them: one renewal at a time across all tabs. */
export async function webLocksExclusive<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return inProcessExclusive(work);
  return await navigator.locks.request('switchboard.session.renew', work);
}
