import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { LoadingBlock } from '@/kit/states';
import { session } from '@portal/api/client';
import { authApi } from '@portal/api/portal-api';
import { authMessages } from './auth.messages';
import { AuthFrame } from './AuthFrame';
import { callbackUrl, safeRedirect, takePendingSignIn } from './oidc';

/** Where the consumer provider sends the browser back: check the state, exchange the code. */
export function OidcCallbackPage() {
  const all = useMessages(authMessages);
  const m = all.callback;
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [failure, setFailure] = useState<string>();
  const [tenant, setTenant] = useState<string>();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const query = new URLSearchParams(window.location.search);
    const pending = takePendingSignIn();
    if (!pending || query.get('state') !== pending.state) {
      setFailure(m.stale);
      return;
    }
    setTenant(pending.tenant);
    const error = query.get('error');
    const code = query.get('code');
    if (error || !code) {
      setFailure(m.denied(query.get('error_description') ?? error ?? 'no code'));
      return;
    }
    authApi
      .oidcExchange({
        tenant: pending.tenant,
        providerId: pending.providerId,
        code,
        codeVerifier: pending.codeVerifier,
        redirectUri: callbackUrl(),
        nonce: pending.nonce,
        iss: query.get('iss') ?? undefined,
      })
      .then(async (pair) => {
        queries.clear();
        session.begin(pending.tenant, '', pair);
        await navigate({ href: safeRedirect(pending.redirect), replace: true });
      })
      .catch((caught: unknown) => setFailure(messageOf(caught)));
  }, [m, navigate, queries]);

  return (
    <AuthFrame title={failure ? m.failedTitle : m.title}>
      {failure ? (
        <>
          <Alert tone="danger">{failure}</Alert>
          <p className="portal-auth__switch">
            <Link to="/sign-in" search={{ tenant }}>
              {m.again}
            </Link>
          </p>
        </>
      ) : (
        <LoadingBlock />
      )}
    </AuthFrame>
  );
}
