import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type SyntheticEvent } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiLimits } from '@/api/limits.gen';
import { ApiError } from '@/api/problem';
import { setLocale } from '@/i18n';
import { FormError, TextField } from './Field';
import { useForm } from './forms';

/** A form as the console's are built: the name and time zone of PATCH /tenant. */
function TenantForm({ send }: { send: (values: { name: string; timeZone: string }) => Promise<void> }) {
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const form = useForm(['name', 'timeZone'], 'PATCH /api/v1/tenant');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({ name, timeZone }, { timeZone: timeZone ? undefined : 'Choose a time zone.' }))
      send({ name, timeZone }).catch(form.refuse);
  };
  return (
    <form id={form.id} onSubmit={submit} noValidate>
      <FormError message={form.formError} />
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={form.errors.name}
        limits={form.limit('name')}
      />
      <TextField
        label="Time zone"
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
        error={form.errors.timeZone}
        limits={form.limit('timeZone')}
      />
      <button type="submit">Save</button>
    </form>
  );
}

const describedText = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('useForm and TextField', () => {
  afterEach(() => setLocale('en'));

  it('takes its limits from the server’s OpenAPI document', () => {
    expect(apiLimits['PATCH /api/v1/tenant'].name.maxLength).toBe(200);
    expect(apiLimits['POST /api/v1/api-keys'].name.maxLength).toBe(200);
  });

  it('keeps a pasted over-long value whole, says so on the field at once, and refuses to send it', async () => {
    const send = vi.fn(() => Promise.resolve());
    render(<TenantForm send={send} />);
    const name = screen.getByLabelText('Name');
    fireEvent.change(name, { target: { value: 'x'.repeat(300) } });

    expect((name as HTMLInputElement).value).toHaveLength(300);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(name)).toContain('Shorten it to 200 characters or fewer: it has 300.');
    expect(describedText(name)).toContain('100 characters too many');

    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'Europe/Berlin' } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save' }));
    expect(send).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(name);
  });

  it('counts down only near the limit', () => {
    render(<TenantForm send={vi.fn()} />);
    const name = screen.getByLabelText('Name');
    fireEvent.change(name, { target: { value: 'x'.repeat(100) } });
    expect(describedText(name)).not.toMatch(/left/);
    fireEvent.change(name, { target: { value: 'x'.repeat(190) } });
    expect(describedText(name)).toContain('10 characters left');
    expect(name.getAttribute('aria-invalid')).toBeNull();
  });

  it('puts the server’s field problems on their fields, focuses the first, and the rest above the form', async () => {
    const refusal = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'The request is not valid.',
      fields: [
        { field: 'timeZone', message: 'is not a time zone' },
        { field: 'colour', message: 'is not a field of this request' },
      ],
    });
    render(<TenantForm send={() => Promise.reject(refusal)} />);
    const events = userEvent.setup();
    await events.type(screen.getByLabelText('Name'), 'Acme');
    await events.type(screen.getByLabelText('Time zone'), 'Mars/Olympus');
    await events.click(screen.getByRole('button', { name: 'Save' }));

    const zone = screen.getByLabelText('Time zone');
    expect(await screen.findByText('Is not a time zone.')).toBeTruthy();
    expect(zone.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(zone)).toContain('Is not a time zone.');
    expect(document.activeElement).toBe(zone);
    expect(screen.getByRole('alert').textContent).toContain('colour: is not a field of this request');
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
  });

  it('focuses the form’s message when no field can show the refusal', async () => {
    const refusal = new ApiError({
      status: 409,
      code: 'CONFLICT',
      message: 'Someone else changed the settings.',
    });
    render(<TenantForm send={() => Promise.reject(refusal)} />);
    const events = userEvent.setup();
    await events.type(screen.getByLabelText('Time zone'), 'UTC');
    await events.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Someone else changed the settings.');
    expect(document.activeElement?.contains(alert)).toBe(true);
  });

  it('says the limit in the user’s language', () => {
    act(() => setLocale('de'));
    render(<TenantForm send={vi.fn()} />);
    const name = screen.getByLabelText('Name');
    fireEvent.change(name, { target: { value: 'x'.repeat(201) } });
    expect(describedText(name)).toContain('Kürzen Sie auf höchstens 200 Zeichen: Es sind 201.');
    expect(describedText(name)).toContain('1 Zeichen zu viel');
  });
});
