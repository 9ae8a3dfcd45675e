import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '@/i18n';
import { renderWithData, signInAs, stubApi } from '@/test/render';
import { CreateApiKeyDialog } from './CreateApiKeyDialog';

describe('create-API-key form', () => {
  afterEach(() => setLocale('en'));

  it('keeps a 500-character name whole and says it is over the limit, rather than cutting it', async () => {
    signInAs(['api_keys:read', 'api_keys:write']);
    const fetch = stubApi({});
    renderWithData(<CreateApiKeyDialog open onOpenChange={vi.fn()} />);
    const name = screen.getByLabelText<HTMLInputElement>('Name');
    fireEvent.change(name, { target: { value: 'k'.repeat(500) } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Create key' }));

    expect(name.value).toHaveLength(500);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Shorten it to 200 characters or fewer: it has 500.')).toBeTruthy();
    expect(screen.getByText('300 characters too many')).toBeTruthy();
    expect(document.activeElement).toBe(name);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('puts the server’s refusal on the field it names and focuses it', async () => {
    signInAs(['api_keys:read', 'api_keys:write']);
    stubApi({
      'POST /api/v1/api-keys': [
        400,
        {
          code: 'VALIDATION_FAILED',
          status: 400,
          detail: 'The request is not valid.',
          errors: [{ field: 'body.scopes.0', message: 'is not a scope an API key may hold' }],
        },
      ],
    });
    renderWithData(<CreateApiKeyDialog open onOpenChange={vi.fn()} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Genesys connector' } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Create key' }));

    expect(await screen.findByText('Is not a scope an API key may hold.')).toBeTruthy();
    const group = screen.getByRole('group', { name: 'What it may do' });
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(group.contains(document.activeElement)).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks for a name in German when the console speaks German', async () => {
    act(() => setLocale('de'));
    signInAs(['api_keys:read', 'api_keys:write']);
    const fetch = stubApi({});
    renderWithData(<CreateApiKeyDialog open onOpenChange={vi.fn()} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Schlüssel erstellen' }));

    expect(
      screen.getByText('Benennen Sie den Schlüssel nach dem, was ihn verwendet, etwa „Genesys-Konnektor“.'),
    ).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    expect(fetch).not.toHaveBeenCalled();
  });
});
