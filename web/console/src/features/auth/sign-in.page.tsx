import { useNavigate, useSearch } from '@tanstack/react-router';
import { BarChart3, Headphones, ShieldCheck } from 'lucide-react';
import { useEffect, useState } from 'react';
import { publicApi, session, unwrap } from '@/api/client';
import { queryClient } from '@/kit/query';
import { BrandMark } from '@/kit/BrandMark';
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
  useEffect(() => {
    document.title = 'Sign in · Switchboard';
  }, []);

  return (
    <div className="auth-layout">
      <aside className="auth-brand" aria-hidden="true">
        <div className="auth-brand__logo">
          <BrandMark size={36} />
          <span>Switchboard</span>
        </div>
        <div className="auth-brand__pitch">
          <p className="auth-brand__headline">Every conversation your teams have, in one place.</p>
          <ul>
            <li>
              <Headphones />
              Call records from any phone system, searchable in seconds
            </li>
            <li>
              <BarChart3 />
              Quality, outcomes and campaigns your supervisors can act on
            </li>
            <li>
              <ShieldCheck />
              Encrypted, audited, and run on your own infrastructure
            </li>
          </ul>
        </div>
        <p className="auth-brand__foot">Open source · self-hosted</p>
      </aside>
      <main className="auth-main">
        <div className="auth-card">
          <div className="auth-card__mark">
            <BrandMark size={40} />
          </div>
          <h1>Sign in to Switchboard</h1>
          <p className="muted">Use the account your organisation set up for you.</p>
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
