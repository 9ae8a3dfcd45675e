import { useNavigate, useSearch } from '@tanstack/react-router';
import { BarChart3, Headphones, ShieldCheck } from 'lucide-react';
import { useEffect, useState } from 'react';
import { publicApi, session, unwrap } from '@/api/client';
import { queryClient } from '@/kit/query';
import { useMessages } from '@/i18n';
import { BrandMark } from '@/kit/BrandMark';
import { authMessages } from './auth.messages';
import { FirstRunHint } from './FirstRunHint';
import { ProviderButtons } from './ProviderButtons';
import { beginProviderSignIn, listSignInOptions } from './provider-sign-in';
import { safeRedirect } from './redirect';
import { rememberedTenant, rememberTenant } from './remembered-tenant';
import { SignInForm, type Credentials } from './SignInForm';
import './auth.css';

const normaliseTenant = (value: string) => value.trim().toLowerCase();

/** `value`, once it has stopped changing for `ms` (the organisation field while someone types). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function login(credentials: Credentials) {
  return unwrap(publicApi.POST('/api/v1/auth/login', { body: credentials }));
}

export function SignInPage() {
  const search = useSearch({ from: '/sign-in' });
  const navigate = useNavigate();
  const initialTenant = search.tenant ?? rememberedTenant();
  const [typedTenant, setTypedTenant] = useState(normaliseTenant(initialTenant ?? ''));
  const tenant = useSettled(typedTenant, 400);
  const m = useMessages(authMessages).signIn;
  useEffect(() => {
    document.title = m.documentTitle;
  }, [m.documentTitle]);

  return (
    <div className="auth-layout">
      <aside className="auth-brand" aria-hidden="true">
        <div className="auth-brand__logo">
          <BrandMark size={36} />
          <span>Switchboard</span>
        </div>
        <div className="auth-brand__pitch">
          <p className="auth-brand__headline">{m.headline}</p>
          <ul>
            <li>
              <Headphones />
              {m.pitchCalls}
            </li>
            <li>
              <BarChart3 />
              {m.pitchQuality}
            </li>
            <li>
              <ShieldCheck />
              {m.pitchSecurity}
            </li>
          </ul>
        </div>
        <p className="auth-brand__foot">{m.foot}</p>
      </aside>
      <main className="auth-main">
        <div className="auth-card">
          <div className="auth-card__mark">
            <BrandMark size={40} />
          </div>
          <h1>{m.title}</h1>
          <p className="muted">{m.lead}</p>
          <FirstRunHint />
          <SignInForm
            initialTenant={initialTenant}
            initialEmail={search.email}
            askForCode={search.mfa}
            login={login}
            onTenantChange={(value) => setTypedTenant(normaliseTenant(value))}
            onSignedIn={(credentials, pair) => {
              queryClient.clear();
              session.begin(credentials.tenant, credentials.email, pair);
              rememberTenant(credentials.tenant);
              if (pair.mfaEnrollmentRequired) void navigate({ to: '/enrol-mfa', replace: true });
              else void navigate({ href: safeRedirect(search.redirect), replace: true });
            }}
          />
          <ProviderButtons
            tenant={tenant}
            loadOptions={listSignInOptions}
            onChoose={(option) => beginProviderSignIn({ tenant, option, redirect: search.redirect })}
          />
        </div>
      </main>
    </div>
  );
}
