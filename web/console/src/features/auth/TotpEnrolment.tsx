import { useMutation } from '@tanstack/react-query';
import './auth.css';
import { Smartphone } from 'lucide-react';
import { QRCodeSVG } from 'qrcode.react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { isApiError } from '@/api/problem';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { CopyButton } from '@/kit/CopyButton';
import { FormError, TextField } from '@/kit/Field';
import { serverErrors, useForm } from '@/kit/forms';
import { useMessages } from '@/i18n';
import { authMessages } from './auth.messages';

/** "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP": easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Adds an authenticator app: a new secret (POST /auth/totp/setup, shown once as a QR code and as
 * text), then a first code to prove the app has it (POST /auth/totp/confirm).
 */
export function TotpEnrolment({ onEnrolled, startLabel }: { onEnrolled: () => void; startLabel?: string }) {
  const m = useMessages(authMessages).totp;
  const [code, setCode] = useState('');
  const form = useForm(['code']);
  const setup = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/auth/totp/setup')) });
  const confirm = useMutation({
    mutationFn: (value: string) => unwrap(api.POST('/api/v1/auth/totp/confirm', { body: { code: value } })),
    onSuccess: onEnrolled,
    onError: (error) => {
      setCode('');
      if (isApiError(error) && (error.code === 'IDENTITY_MFA_INVALID' || error.status === 400))
        form.show({ code: m.wrongCode });
      else form.refuse(error);
    },
  });

  if (!setup.data) {
    return (
      <div className="stack stack--sm">
        {setup.isError ? <Alert tone="danger">{serverErrors(setup.error, []).form}</Alert> : null}
        <div>
          <Button
            variant="primary"
            icon={<Smartphone aria-hidden="true" />}
            busy={setup.isPending}
            onClick={() => setup.mutate()}
          >
            {startLabel ?? m.start}
          </Button>
        </div>
      </div>
    );
  }

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({}, { code: /^\d{6}$/.test(code) ? undefined : m.needCode })) confirm.mutate(code);
  };

  return (
    <div className="totp">
      <ol className="totp__steps">
        <li>
          <p>
            <strong>{m.scan}</strong> {m.scanWith}
          </p>
          <div className="totp__qr">
            <QRCodeSVG value={setup.data.otpauthUri} size={168} marginSize={2} title={m.qrTitle} />
          </div>
          <p className="subtle">{m.cannotScan}</p>
          <div className="secret-reveal">
            <code aria-label={m.key}>{groupSecret(setup.data.secret)}</code>
            <CopyButton text={setup.data.secret} label={m.copyKey} />
          </div>
        </li>
        <li>
          <form id={form.id} className="form" onSubmit={submit} noValidate>
            <FormError message={form.formError} />
            <TextField
              label={m.code}
              hint={m.codeHint}
              className="input--code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => {
                setCode(e.target.value.replace(/\D/g, ''));
                form.clear('code');
              }}
              error={form.errors.code}
            />
            <div>
              <Button type="submit" variant="primary" busy={confirm.isPending}>
                {m.turnOn}
              </Button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}
