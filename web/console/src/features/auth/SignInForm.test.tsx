import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/problem';
import type { TokenPair } from '@/api/session';
import { SignInForm, type Credentials } from './SignInForm';

const tokens: TokenPair = {
  accessToken: 'at',
  refreshToken: 'rt',
  expiresIn: 900,
  mfaEnrollmentRequired: false,
};
const refused = (code: string, extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {}) =>
  new ApiError({ status: 401, code, message: code, ...extra });

async function fillCredentials() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Organisation'), 'acme');
  await user.type(screen.getByLabelText('E-mail address'), 'ann@example.test');
  await user.type(screen.getByLabelText('Password'), 'a long password');
  return user;
}

describe('sign-in form', () => {
  it('names each missing field next to it, and does not call the server', async () => {
    const login = vi.fn<(c: Credentials) => Promise<TokenPair>>();
    render(<SignInForm login={login} onSignedIn={vi.fn()} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in' }));

    const tenant = screen.getByLabelText('Organisation');
    expect(tenant.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (tenant.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(describedBy).toContain('Enter your organisation’s sign-in name.');
    expect(screen.getByText('Enter your e-mail address.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(document.activeElement).toBe(tenant);
    expect(login).not.toHaveBeenCalled();
  });

  it('asks for the authenticator code when the server says the account has a second factor, then sends it', async () => {
    const login = vi
      .fn<(c: Credentials) => Promise<TokenPair>>()
      .mockRejectedValueOnce(refused('IDENTITY_MFA_REQUIRED'))
      .mockResolvedValueOnce(tokens);
    const onSignedIn = vi.fn();
    render(<SignInForm login={login} onSignedIn={onSignedIn} />);
    const user = await fillCredentials();
    expect(screen.queryByLabelText('Authenticator code')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const code = await screen.findByLabelText('Authenticator code');
    expect(document.activeElement).toBe(code);

    await user.type(code, '12a3456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(login).toHaveBeenLastCalledWith({
      tenant: 'acme',
      email: 'ann@example.test',
      password: 'a long password',
      totp: '123456',
    });
    expect(onSignedIn).toHaveBeenCalledOnce();
  });

  it('says plainly that the credentials are wrong, and clears the password', async () => {
    const login = vi
      .fn<(c: Credentials) => Promise<TokenPair>>()
      .mockRejectedValue(refused('IDENTITY_INVALID_CREDENTIALS'));
    render(<SignInForm login={login} onSignedIn={vi.fn()} />);
    const user = await fillCredentials();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toContain(
      'The organisation, e-mail address or password is not right.',
    );
    expect(screen.getByLabelText<HTMLInputElement>('Password').value).toBe('');
  });

  it('tells a locked-out person when to try again, in their words', async () => {
    const login = vi
      .fn<(c: Credentials) => Promise<TokenPair>>()
      .mockRejectedValue(refused('IDENTITY_ACCOUNT_LOCKED', { retryAfterSeconds: 900 }));
    render(<SignInForm login={login} onSignedIn={vi.fn()} />);
    const user = await fillCredentials();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Try again in 15 minutes.');
  });

  it('puts the server’s field problems under the fields they name', async () => {
    const invalid = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'The request is not valid.',
      fields: [{ field: 'email', message: 'must be at most 320 characters' }],
    });
    const login = vi.fn<(c: Credentials) => Promise<TokenPair>>().mockRejectedValue(invalid);
    render(<SignInForm login={login} onSignedIn={vi.fn()} />);
    const user = await fillCredentials();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Must be at most 320 characters.')).toBeTruthy();
    expect(screen.getByLabelText('E-mail address').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
