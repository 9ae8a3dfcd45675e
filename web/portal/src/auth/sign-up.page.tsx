import { Link, useSearch } from '@tanstack/react-router';
import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { FormError, TextField } from '@/kit/Field';
import { emailPattern, useForm } from '@/kit/forms';
import { authApi } from '@portal/api/portal-api';
import { rememberedTenant, rememberTenant } from '@portal/app/session';
import { authMessages } from './auth.messages';
import { AuthFrame } from './AuthFrame';

export function SignUpPage() {
  const all = useMessages(authMessages);
  const m = all.signUp;
  const search = useSearch({ from: '/sign-up' });
  const [tenant, setTenant] = useState(search.tenant ?? rememberedTenant());
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string>();
  const form = useForm(['tenant', 'displayName', 'email', 'password']);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const problems = {
      tenant: tenant.trim() ? undefined : all.signIn.required,
      displayName: displayName.trim() ? undefined : all.signIn.required,
      email: emailPattern.test(email.trim()) ? undefined : all.signIn.required,
      password: password.length >= 12 ? undefined : m.tooShort,
    };
    if (!form.check({}, problems)) return;
    setBusy(true);
    try {
      await authApi.signUp({
        tenant: tenant.trim(),
        email: email.trim(),
        password,
        displayName: displayName.trim(),
      });
      rememberTenant(tenant.trim());
      setSentTo(email.trim());
    } catch (error) {
      form.refuse(error);
    } finally {
      setBusy(false);
    }
  };

  if (sentTo)
    return (
      <AuthFrame title={m.sentTitle}>
        <Alert tone="success">{m.sentText(sentTo)}</Alert>
        <p className="portal-auth__switch">
          <Link to="/sign-in" search={{ tenant: tenant.trim() }}>
            {all.signIn.submit}
          </Link>
        </p>
      </AuthFrame>
    );

  return (
    <AuthFrame title={m.title} intro={m.intro}>
      <form id={form.id} className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <FormError message={form.formError} />
        <TextField
          label={all.signIn.shop}
          hint={all.signIn.shopHint}
          value={tenant}
          error={form.errors.tenant}
          onChange={(e) => {
            setTenant(e.target.value);
            form.clear('tenant');
          }}
        />
        <TextField
          label={m.name}
          value={displayName}
          autoComplete="name"
          error={form.errors.displayName}
          onChange={(e) => {
            setDisplayName(e.target.value);
            form.clear('displayName');
          }}
        />
        <TextField
          label={all.signIn.email}
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
          label={all.signIn.password}
          type="password"
          value={password}
          autoComplete="new-password"
          hint={m.passwordHint}
          error={form.errors.password}
          onChange={(e) => {
            setPassword(e.target.value);
            form.clear('password');
          }}
        />
        <Button type="submit" variant="primary" block busy={busy}>
          {m.submit}
        </Button>
      </form>
      <p className="portal-auth__switch">
        {m.haveAccount}{' '}
        <Link to="/sign-in" search={{ tenant: tenant.trim() || undefined }}>
          {all.signIn.submit}
        </Link>
      </p>
    </AuthFrame>
  );
}
