import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { isApiError } from '@/api/problem';
import type { TokenPair } from '@/api/session';
import { Button } from '@/kit/Button';
import { FormError, TextField } from '@/kit/Field';
import { formatWait } from '@/kit/format';
import { emailPattern, useForm, type FieldErrors } from '@/kit/forms';

export interface Credentials {
  readonly tenant: string;
  readonly email: string;
  readonly password: string;
  readonly totp?: string;
}

type Field = 'tenant' | 'email' | 'password' | 'totp';
const fields: readonly Field[] = ['tenant', 'email', 'password', 'totp'];

export interface SignInFormProps {
  readonly initialTenant?: string | undefined;
  readonly initialEmail?: string | undefined;
  /** Show the authenticator-code field from the start. */
  readonly askForCode?: boolean | undefined;
  /** POST /auth/login; throws ApiError when refused. */
  readonly login: (credentials: Credentials) => Promise<TokenPair>;
  readonly onSignedIn: (credentials: Credentials, pair: TokenPair) => void;
  /** The organisation field changed (the page offers that organisation's identity providers). */
  readonly onTenantChange?: ((tenant: string) => void) | undefined;
}

function validate(values: Credentials, needsCode: boolean): FieldErrors<Field> {
  return {
    tenant: values.tenant.trim() ? undefined : 'Enter your organisation’s sign-in name.',
    email: !values.email.trim() ? 'Enter your e-mail address.' : emailPattern.test(values.email.trim()) ? undefined : 'Enter an e-mail address such as name@example.com.',
    password: values.password ? undefined : 'Enter your password.',
    totp: !needsCode ? undefined : /^\d{6}$/.test(values.totp ?? '') ? undefined : 'Enter the 6-digit code from your authenticator app.',
  };
}

/** What to say when the server refuses a sign-in, by its error code. */
function refusal(error: unknown): string | undefined {
  if (!isApiError(error)) return undefined;
  switch (error.code) {
    case 'IDENTITY_INVALID_CREDENTIALS':
      return 'The organisation, e-mail address or password is not right.';
    case 'IDENTITY_ACCOUNT_LOCKED':
      return `Too many failed attempts: this account is locked for now. Try again ${error.retryAfterSeconds ? formatWait(error.retryAfterSeconds) : 'later'}.`;
    case 'RATE_LIMITED':
      return `Too many sign-in attempts from here. Try again ${error.retryAfterSeconds ? formatWait(error.retryAfterSeconds) : 'in a minute'}.`;
    default:
      return undefined;
  }
}

/**
 * Tenant, e-mail and password; then, when the server answers that the account uses a second
 * factor (IDENTITY_MFA_REQUIRED), the authenticator code as well.
 */
export function SignInForm({ initialTenant = '', initialEmail = '', askForCode = false, login, onSignedIn, onTenantChange }: SignInFormProps) {
  const [values, setValues] = useState<Credentials>({ tenant: initialTenant, email: initialEmail, password: '', totp: '' });
  const [needsCode, setNeedsCode] = useState(askForCode);
  const form = useForm(fields, 'POST /api/v1/auth/login');
  const { errors, formError } = form;
  const [busy, setBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (needsCode) codeInput.current?.focus();
  }, [needsCode]);

  const set = (field: Field) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    if (field === 'tenant') onTenantChange?.(event.target.value);
    form.clear(field);
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!form.check({ tenant: values.tenant.trim(), email: values.email.trim(), password: values.password }, validate(values, needsCode))) return;
    const credentials: Credentials = {
      tenant: values.tenant.trim().toLowerCase(),
      email: values.email.trim(),
      password: values.password,
      ...(needsCode ? { totp: values.totp } : {}),
    };
    setBusy(true);
    try {
      const pair = await login(credentials);
      onSignedIn(credentials, pair);
    } catch (error) {
      if (isApiError(error) && error.code === 'IDENTITY_MFA_REQUIRED') {
        setNeedsCode(true);
        form.reset();
        return;
      }
      if (isApiError(error) && error.code === 'IDENTITY_MFA_INVALID') {
        setValues((v) => ({ ...v, totp: '' }));
        form.show({ totp: 'That code is not right, or it has expired. Enter the current code.' });
        return;
      }
      const known = refusal(error);
      if (known) {
        const wrongCredentials = isApiError(error) && error.code === 'IDENTITY_INVALID_CREDENTIALS';
        if (wrongCredentials) setValues((v) => ({ ...v, password: '', totp: '' }));
        form.show({}, known, wrongCredentials ? { focus: passwordInput.current } : undefined);
        return;
      }
      form.refuse(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id={form.id} className="form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={formError ? 'sign-in-error' : undefined}>
      {formError ? (
        <div id="sign-in-error">
          <FormError message={formError} />
        </div>
      ) : null}
      <TextField
        id="sign-in-tenant"
        label="Organisation"
        hint="The sign-in name your administrator gave you, such as acme."
        autoComplete="organization"
        autoCapitalize="none"
        spellCheck={false}
        value={values.tenant}
        onChange={set('tenant')}
        error={errors.tenant}
        limits={form.limit('tenant')}
        autoFocus={!initialTenant}
      />
      <TextField
        id="sign-in-email"
        label="E-mail address"
        type="email"
        autoComplete="username"
        value={values.email}
        onChange={set('email')}
        error={errors.email}
        limits={form.limit('email')}
        autoFocus={Boolean(initialTenant) && !initialEmail}
      />
      <TextField
        id="sign-in-password"
        ref={passwordInput}
        label="Password"
        type="password"
        autoComplete="current-password"
        value={values.password}
        onChange={set('password')}
        error={errors.password}
        limits={form.limit('password')}
        autoFocus={Boolean(initialTenant) && Boolean(initialEmail) && !needsCode}
      />
      {needsCode ? (
        <TextField
          id="sign-in-totp"
          ref={codeInput}
          label="Authenticator code"
          hint="Open your authenticator app and enter the 6-digit code for Switchboard."
          className="input--code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          value={values.totp}
          onChange={(e) => set('totp')({ target: { value: e.target.value.replace(/\D/g, '') } })}
          error={errors.totp}
        />
      ) : null}
      <Button type="submit" variant="primary" block busy={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
