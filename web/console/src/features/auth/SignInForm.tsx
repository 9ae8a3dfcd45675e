import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { isApiError } from '@/api/problem';
import type { TokenPair } from '@/api/session';
import { Button } from '@/kit/Button';
import { FormError, TextField } from '@/kit/Field';
import { formatWait } from '@/kit/format';
import { emailPattern, useForm, type FieldErrors } from '@/kit/forms';
import { messagesNow, useMessages } from '@/i18n';
import { authMessages } from './auth.messages';

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
  const m = messagesNow(authMessages).form;
  return {
    tenant: values.tenant.trim() ? undefined : m.needOrganisation,
    email: !values.email.trim()
      ? m.needEmail
      : emailPattern.test(values.email.trim())
        ? undefined
        : m.badEmail,
    password: values.password ? undefined : m.needPassword,
    totp: !needsCode ? undefined : /^\d{6}$/.test(values.totp ?? '') ? undefined : m.needCode,
  };
}

/** What to say when the server refuses a sign-in, by its error code. */
function refusal(error: unknown): string | undefined {
  if (!isApiError(error)) return undefined;
  const m = messagesNow(authMessages).form;
  switch (error.code) {
    case 'IDENTITY_INVALID_CREDENTIALS':
      return m.wrongCredentials;
    case 'IDENTITY_ACCOUNT_LOCKED':
      return m.locked(error.retryAfterSeconds ? formatWait(error.retryAfterSeconds) : m.later);
    case 'RATE_LIMITED':
      return m.rateLimited(error.retryAfterSeconds ? formatWait(error.retryAfterSeconds) : m.inAMinute);
    default:
      return undefined;
  }
}

/**
 * Tenant, e-mail and password; then, when the server answers that the account uses a second
 * factor (IDENTITY_MFA_REQUIRED), the authenticator code as well.
 */
export function SignInForm({
  initialTenant = '',
  initialEmail = '',
  askForCode = false,
  login,
  onSignedIn,
  onTenantChange,
}: SignInFormProps) {
  const m = useMessages(authMessages).form;
  const [values, setValues] = useState<Credentials>({
    tenant: initialTenant,
    email: initialEmail,
    password: '',
    totp: '',
  });
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
    if (
      !form.check(
        { tenant: values.tenant.trim(), email: values.email.trim(), password: values.password },
        validate(values, needsCode),
      )
    )
      return;
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
        form.show({ totp: m.wrongCode });
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
    <form
      id={form.id}
      className="form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-describedby={formError ? 'sign-in-error' : undefined}
    >
      {formError ? (
        <div id="sign-in-error">
          <FormError message={formError} />
        </div>
      ) : null}
      <TextField
        id="sign-in-tenant"
        label={m.organisation}
        hint={m.organisationHint}
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
        label={m.email}
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
        label={m.password}
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
          label={m.code}
          hint={m.codeHint}
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
        {busy ? m.submitting : m.submit}
      </Button>
    </form>
  );
}
