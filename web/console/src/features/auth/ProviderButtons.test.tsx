import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/problem';
import { queryClient } from '@/kit/query';
import { renderWithData } from '@/test/render';
import { ProviderButtons } from './ProviderButtons';
import type { SignInOption } from './provider-sign-in';

const entra: SignInOption = { id: 'idp_01entra', name: 'Contoso Entra ID' };
const okta: SignInOption = { id: 'idp_01okta', name: 'Okta' };
const withData = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
);

describe('sign-in provider buttons', () => {
  it('offers nothing until the organisation is known, then one button per provider it offers', async () => {
    const loadOptions = vi.fn((tenant: string) => Promise.resolve(tenant === 'contoso' ? [entra, okta] : []));
    const { rerender } = render(<ProviderButtons tenant="" loadOptions={loadOptions} onChoose={vi.fn()} />, {
      wrapper: withData,
    });
    expect(loadOptions).not.toHaveBeenCalled();

    rerender(<ProviderButtons tenant="acme" loadOptions={loadOptions} onChoose={vi.fn()} />);
    await waitFor(() => expect(loadOptions).toHaveBeenCalledWith('acme'));
    expect(screen.queryByRole('button')).toBeNull();

    rerender(<ProviderButtons tenant="contoso" loadOptions={loadOptions} onChoose={vi.fn()} />);
    expect(await screen.findByRole('button', { name: 'Sign in with Contoso Entra ID' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in with Okta' })).toBeTruthy();
  });

  it('leaves for the chosen provider, keeping every button still while it goes', async () => {
    let leave: () => void = () => undefined;
    const onChoose = vi.fn(() => new Promise<void>((resolve) => (leave = resolve)));
    renderWithData(
      <ProviderButtons
        tenant="contoso"
        loadOptions={() => Promise.resolve([entra, okta])}
        onChoose={onChoose}
      />,
    );
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign in with Okta' }));

    expect(onChoose).toHaveBeenCalledWith(okta);
    expect(screen.getByRole('button', { name: 'Sign in with Okta' }).getAttribute('aria-busy')).toBe('true');
    expect(
      screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in with Contoso Entra ID' }).disabled,
    ).toBe(true);
    leave();
  });

  it('says why a provider sign-in cannot start, and lets the person try again', async () => {
    const refused = new ApiError({
      status: 400,
      code: 'IDENTITY_OIDC_REDIRECT_URI',
      message: 'The redirect URI must be https://switchboard.example/auth/callback.',
      fields: [{ field: 'redirectUri', message: 'must be https://switchboard.example/auth/callback' }],
    });
    const onChoose = vi.fn().mockRejectedValueOnce(refused).mockResolvedValueOnce(undefined);
    renderWithData(
      <ProviderButtons tenant="contoso" loadOptions={() => Promise.resolve([entra])} onChoose={onChoose} />,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sign in with Contoso Entra ID' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Signing in with Contoso Entra ID did not work');
    expect(alert.textContent).toContain('Open the console at that address and sign in again.');
    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in with Contoso Entra ID' });
    expect(button.disabled).toBe(false);
    await user.click(button);
    expect(onChoose).toHaveBeenCalledTimes(2);
  });
});
