import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { LoadingBlock } from '@/kit/states';
import { session } from '@portal/api/client';
import { authApi } from '@portal/api/portal-api';
import { rememberTenant } from '@portal/app/session';
import { authMessages } from './auth.messages';
import { AuthFrame } from './AuthFrame';

/** `/portal/verify-email?tenant=&token=`: the link of the confirmation e-mail; success signs the client in. */
export function VerifyEmailPage() {
  const all = useMessages(authMessages);
  const m = all.verify;
  const { tenant, token } = useSearch({ from: '/verify-email' });
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [failure, setFailure] = useState<string>();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (!tenant || !token) {
      setFailure(m.missing);
      return;
    }
    authApi
      .verifyEmail({ tenant, token })
      .then(async (pair) => {
        rememberTenant(tenant);
        queries.clear();
        session.begin(tenant, '', pair);
        await navigate({ to: '/', search: {}, replace: true });
      })
      .catch((error: unknown) => setFailure(messageOf(error)));
  }, [tenant, token, m.missing, navigate, queries]);

  return (
    <AuthFrame title={failure ? m.failedTitle : m.title}>
      {failure ? (
        <>
          <Alert tone="danger">
            {failure} {m.failedText}
          </Alert>
          <p className="portal-auth__switch">
            <Link to="/sign-in" search={{ tenant }}>
              {all.signIn.submit}
            </Link>
          </p>
        </>
      ) : (
        <LoadingBlock label={m.working} />
      )}
    </AuthFrame>
  );
}
