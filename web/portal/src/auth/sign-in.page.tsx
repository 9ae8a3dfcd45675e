import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type SyntheticEvent } from 'react';
import { isApiError } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { FormError, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { session } from '@portal/api/client';
import { authApi } from '@portal/api/portal-api';
import { rememberedTenant, rememberTenant } from '@portal/app/session';
import { authMessages } from './auth.messages';
import { AuthFrame } from './AuthFrame';
import { beginProviderSignIn, safeRedirect } from './oidc';

export function SignInPage() {
  const m = useMessages(authMessages).signIn;
  const search = useSearch({ from: '/sign-in' });
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [tenant, setTenant] = useState(search.tenant ?? rememberedTenant());
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const form = useForm(['tenant', 'email', 'password']);
  const providers = useQuery({
    queryKey: ['auth', 'providers', tenant.trim()],
    queryFn: () => authApi.providers(tenant.trim()),
    enabled: tenant.trim().length > 0,
    retry: false,
    staleTime: 60_000,
  });

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const missing = {
      tenant: tenant.trim() ? undefined : m.required,
      email: email.trim() ? undefined : m.required,
      password: password ? undefined : m.required,
    };
    if (!form.check({}, missing)) return;
    setBusy('password');
    try {
      const pair = await authApi.login({ tenant: tenant.trim(), email: email.trim(), password });
      rememberTenant(tenant.trim());
      queries.clear();
      session.begin(tenant.trim(), email.trim(), pair);
      await navigate({ href: safeRedirect(search.redirect), replace: true });
    } catch (error) {
      if (isApiError(error) && error.code === 'IDENTITY_EMAIL_UNVERIFIED') form.show({}, m.unverified);
      else form.refuse(error);
      setPassword('');
    } finally {
      setBusy(null);
    }
  };

  const withProvider = async (providerId: string) => {
    setBusy(providerId);
    try {
      rememberTenant(tenant.trim());
      await beginProviderSignIn({ tenant: tenant.trim(), providerId, redirect: search.redirect });
    } catch (error) {
      form.refuse(error);
      setBusy(null);
    }
  };

  return (
    <AuthFrame title={m.title} intro={m.intro}>
      <form id={form.id} className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <FormError message={form.formError} />
        <TextField
          label={m.shop}
          hint={m.shopHint}
          value={tenant}
          autoComplete="organization"
          error={form.errors.tenant}
          onChange={(e) => {
            setTenant(e.target.value);
            form.clear('tenant');
          }}
        />
        {(providers.data?.items ?? []).length > 0 ? (
          <div className="stack stack--tight">
            {providers.data?.items.map((p) => (
              <Button key={p.id} block busy={busy === p.id} onClick={() => void withProvider(p.id)}>
                {m.with(p.name)}
              </Button>
            ))}
            <p className="portal-or">{m.or}</p>
          </div>
        ) : null}
        <TextField
          label={m.email}
          type="email"
          value={email}
          autoComplete="email"
          error={form.errors.email}
          onChange={(e) => {
            setEmail(e.target.value);
            form.clear('email');
          }}
        />
        <TextField
          label={m.password}
          type="password"
          value={password}
          autoComplete="current-password"
          error={form.errors.password}
          onChange={(e) => {
            setPassword(e.target.value);
            form.clear('password');
          }}
        />
        <Button type="submit" variant="primary" block busy={busy === 'password'}>
          {m.submit}
        </Button>
      </form>
      <p className="portal-auth__switch">
        {m.noAccount}{' '}
        <Link to="/sign-up" search={{ tenant: tenant.trim() || undefined }}>
          {m.signUp}
        </Link>
      </p>
    </AuthFrame>
  );
}
