import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithData, signInAs, stubApi } from '@/test/render';
import { formatMoney, parseAmount, toDecimalString } from './money';
import { MoneyField } from './MoneyField';
import { ProductEditor } from './products/ProductEditor';
import { product } from './catalog.testing';

describe('money in the console', () => {
  it('reads typed amounts into integer minor units exactly, per currency', () => {
    const cases: [string, string, number][] = [
      ['19.99', 'EUR', 1999],
      ['19,99', 'EUR', 1999],
      ['0.1', 'EUR', 10],
      ['0,30', 'EUR', 30],
      ['1 234.50', 'EUR', 123450],
      ['1,234.50', 'USD', 123450],
      ['1.234,50', 'EUR', 123450],
      ['1.000.000', 'EUR', 100000000],
      ['+5', 'EUR', 500],
      ['1999', 'JPY', 1999],
      ['1.234', 'KWD', 1234],
      // 0.1 + 0.2 is 0.30000000000000004 in floats; digits stay digits.
      ['1152921504.60', 'EUR', 115292150460],
    ];
    for (const [text, currency, minor] of cases)
      expect(parseAmount(text, currency), text).toEqual({ amountMinor: minor });
  });

  it('refuses what it cannot read exactly rather than rounding', () => {
    expect(parseAmount('19.999', 'EUR')).toEqual({ problem: 'tooManyDecimals' });
    expect(parseAmount('1,234', 'EUR')).toEqual({ problem: 'tooManyDecimals' });
    expect(parseAmount('5.5', 'JPY')).toEqual({ problem: 'tooManyDecimals' });
    expect(parseAmount('-1', 'EUR')).toEqual({ problem: 'negative' });
    expect(parseAmount('1e3', 'EUR')).toEqual({ problem: 'notANumber' });
    expect(parseAmount('1.2.3,4.5', 'EUR')).toEqual({ problem: 'notANumber' });
    expect(parseAmount('12,34,5', 'EUR')).toEqual({ problem: 'notANumber' });
    expect(parseAmount('', 'EUR')).toEqual({ problem: 'empty' });
    expect(parseAmount('100000000000.01', 'EUR')).toEqual({ problem: 'tooLarge' });
    expect(parseAmount('19.90', 'EUR')).toEqual({ amountMinor: 1990 });
  });

  it('shows minor units from their exact decimal string', () => {
    expect(toDecimalString({ amountMinor: 5, currency: 'EUR' })).toBe('0.05');
    expect(toDecimalString({ amountMinor: 1999, currency: 'JPY' })).toBe('1999');
    expect(formatMoney({ amountMinor: 123450, currency: 'EUR' }, 'en')).toBe('€1,234.50');
    expect(formatMoney({ amountMinor: 123450, currency: 'EUR' }, 'de')).toBe('1.234,50\u00a0€');
  });

  it('says under the field what a typed amount will be stored as', () => {
    renderWithData(<MoneyField label="Price" currency="EUR" value="1.234,5" onChange={() => undefined} />);
    expect(screen.getByText('= €1,234.50')).toBeTruthy();
  });

  it('sends the editor’s typed prices as integer minor units', async () => {
    signInAs(['products:read', 'products:write']);
    const bodies: unknown[] = [];
    stubApi({
      'GET /api/v1/catalog/categories': [200, { items: [] }],
      'POST /api/v1/catalog/products': async (request) => {
        bodies.push(await request.json());
        return [201, product({ sku: 'MUG-1' })];
      },
    });
    renderWithData(<ProductEditor productId={undefined} currency="EUR" onClose={() => undefined} />);
    const events = userEvent.setup();
    await events.type(await screen.findByLabelText('SKU'), 'MUG-1');
    await events.type(screen.getByLabelText('Name'), 'Mug');
    await events.type(screen.getByLabelText('Price 1 amount'), '19,99');
    await events.click(screen.getByRole('button', { name: 'Add price' }));
    fireEvent.change(screen.getByLabelText('Price 2 currency'), { target: { value: 'JPY' } });
    await events.type(screen.getByLabelText('Price 2 amount'), '2500');
    await events.click(screen.getByRole('button', { name: 'Create product' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({
      sku: 'MUG-1',
      name: 'Mug',
      status: 'draft',
      prices: [
        { amountMinor: 1999, currency: 'EUR' },
        { amountMinor: 2500, currency: 'JPY' },
      ],
    });
  }, 20_000);

  it('keeps a price it cannot read exactly from being sent, and says why on the field', async () => {
    signInAs(['products:read', 'products:write']);
    const fetch = stubApi({ 'GET /api/v1/catalog/categories': [200, { items: [] }] });
    renderWithData(<ProductEditor productId={undefined} currency="EUR" onClose={() => undefined} />);
    const events = userEvent.setup();
    await events.type(await screen.findByLabelText('SKU'), 'MUG-1');
    await events.type(screen.getByLabelText('Name'), 'Mug');
    await events.type(screen.getByLabelText('Price 1 amount'), '19.999');
    await events.click(screen.getByRole('button', { name: 'Create product' }));
    expect(await screen.findByText('EUR has 2 decimal places; remove the extra ones.')).toBeTruthy();
    expect(screen.getByLabelText('Price 1 amount').getAttribute('aria-invalid')).toBe('true');
    expect(fetch.mock.calls.some(([r]) => r.method === 'POST')).toBe(false);
  }, 20_000);
});
