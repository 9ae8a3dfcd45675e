import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { session } from '@/api/client';
import type { TokenPair } from '@/api/session';
import { Alert } from '@/kit/Alert';
import { BrandMark } from '@/kit/BrandMark';
import { queryClient } from '@/kit/query';
import {
  exchangeCode,
  providerSignInProblem,
  readCallback,
  takePendingSignIn,
  type CallbackOutcome,
  type ExchangeBody,
  type PendingSignIn,
  type SignInProblem,
} from './provider-sign-in';
import { safeRedirect } from './redirect';
import { rememberTenant } from './remembered-tenant';
import './auth.css';
import { useMessages } from '@/i18n';
import { authMessages } from './auth.messages';

export interface OidcCallbackProps {
  /** POST /auth/oidc/exchange (tests pass their own). */
  readonly exchange?: (body: ExchangeBody) => Promise<TokenPair>;
}

/** One arrival at the callback: the sign-in it finishes, read (and removed from the tab) once. */
interface CallbackRun {
  readonly search: string;
  readonly pending: PendingSignIn | null;
  readonly outcome: CallbackOutcome;
  /** The exchange, started once: a code can be redeemed only once, however often React renders. */
  result?: Promise<TokenPair>;
}

let lastRun: CallbackRun | undefined;

function callbackRun(): CallbackRun {
  const search = window.location.search;
  if (lastRun?.search !== search) {
    const pending = takePendingSignIn();
    lastRun = { search, pending, outcome: readCallback(new URLSearchParams(search), pending) };
  }
  return lastRun;
}

/**
 * /auth/callback: where an identity provider sends the browser back. Checks the answer against
 * the sign-in this tab started, has the server redeem the code, and continues where the person
 * was going, signed in exactly as after a password sign-in.
 */
export function OidcCallbackPage({ exchange = exchangeCode }: OidcCallbackProps) {
  const navigate = useNavigate();
  const [run] = useState(callbackRun);
  const [refusal, setRefusal] = useState<SignInProblem>();
  const tenant = run.pending?.tenant;
  const problem = run.outcome.kind === 'failed' ? run.outcome.problem : refusal;
  const m = useMessages(authMessages).callback;

  useEffect(() => {
    document.title = m.documentTitle;
  }, [m.documentTitle]);

  useEffect(() => {
    const { outcome, pending } = run;
    if (outcome.kind !== 'exchange' || !pending) return;
    run.result ??= exchange(outcome.body);
    let live = true;
    run.result.then(
      (pair) => {
        if (!live) return;
        queryClient.clear();
        session.begin(pending.tenant, '', pair);
        rememberTenant(pending.tenant);
        if (pair.mfaEnrollmentRequired) void navigate({ to: '/enrol-mfa', replace: true });
        else void navigate({ href: safeRedirect(pending.redirect), replace: true });
      },
      (error: unknown) => {
        if (live) setRefusal(providerSignInProblem(error, pending.providerName, pending.tenant));
      },
    );
    return () => {
      live = false;
    };
  }, [run, exchange, navigate]);

  return (
    <main className="auth-main auth-main--solo">
      <div className="auth-card auth-card--wide">
        <div className="auth-card__mark">
          <BrandMark size={40} />
        </div>
        {problem ? (
          <>
            <h1>{m.failedTitle}</h1>
            <Alert tone="danger" title={problem.title}>
              {problem.message}
            </Alert>
            <div className="auth-card__foot">
              <Link to="/sign-in" search={tenant ? { tenant } : {}} replace className="btn btn--primary">
                {m.back}
              </Link>
            </div>
          </>
        ) : (
          <>
            <h1>{m.busyTitle}</h1>
            <p className="muted" role="status">
              <span className="spinner" aria-hidden="true" /> {m.busyText}
            </p>
          </>
        )}
      </div>
    </main>
  );
}
