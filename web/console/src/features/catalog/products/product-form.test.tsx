import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/problem';
import { renderWithData, signInAs, stubApi } from '@/test/render';
import { product } from '../catalog.testing';
import { draftFromProduct, placeRefusal, priceField, attributeField } from './product-form';
import { ProductEditor } from './ProductEditor';

const refusal = (status: number, code: string, fields: { field: string; message: string }[]) =>
  new ApiError({ status, code, message: 'The product is not valid.', fields });

describe('product editor: the server’s field errors', () => {
  it('places problem+json fields on the draft’s fields, rows by their place', () => {
    const draft = draftFromProduct(
      product({
        prices: [
          { amountMinor: 1999, currency: 'EUR' },
          { amountMinor: 2199, currency: 'USD' },
        ],
      }),
    );
    const [eur, usd] = draft.prices;
    const [colour] = draft.attributes;
    if (!eur || !usd || !colour) throw new Error('fixture');
    const placed = placeRefusal(
      refusal(400, 'VALIDATION', [
        { field: 'sku', message: 'must be at most 100 characters' },
        { field: 'prices.1.amountMinor', message: 'must be at most 10000000000000' },
        { field: 'prices.0.currency', message: 'must be an ISO 4217 currency code' },
        { field: 'attributes.colour', message: 'must be a string, number or boolean' },
        { field: 'somethingElse', message: 'is odd' },
      ]),
      draft,
    );
    expect(placed.fields).toEqual({
      sku: 'Must be at most 100 characters.',
      [priceField(usd, 'amount')]: 'Must be at most 10000000000000.',
      [priceField(eur, 'currency')]: 'Must be an ISO 4217 currency code.',
      [attributeField(colour, 'value')]: 'Must be a string, number or boolean.',
    });
    expect(placed.form).toBe('The product is not valid. somethingElse: is odd');
    expect(placed.conflict).toBe(false);
  });

  it('tells a taken SKU from a stale version', () => {
    const draft = draftFromProduct(product());
    expect(placeRefusal(refusal(409, 'CATALOG_SKU_TAKEN', []), draft)).toEqual({
      fields: { sku: 'Another product has this SKU.' },
      form: undefined,
      conflict: false,
    });
    expect(placeRefusal(refusal(409, 'CATALOG_VERSION_CONFLICT', []), draft).conflict).toBe(true);
  });

  it('shows a refusal on the fields of the dialog (the contract’s `fields[]`), invalid and described', async () => {
    signInAs(['products:read', 'products:write']);
    stubApi({
      'GET /api/v1/catalog/categories': [200, { items: [] }],
      [`GET /api/v1/catalog/products/${product().id}`]: [200, product()],
      [`PATCH /api/v1/catalog/products/${product().id}`]: [
        400,
        {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          code: 'VALIDATION',
          detail: 'The request is not valid.',
          fields: [
            { field: 'body.name', message: 'must not contain control characters' },
            { field: 'body.prices.0.amountMinor', message: 'must be at most 10000000000000' },
          ],
        },
      ],
    });
    renderWithData(<ProductEditor productId={product().id} currency="EUR" onClose={() => undefined} />);
    const events = userEvent.setup();
    await screen.findByDisplayValue('Red tee, M');
    await events.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Must not contain control characters.')).toBeTruthy();
    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    const amount = screen.getByLabelText('Price 1 amount');
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Must be at most 10000000000000.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(name));
  }, 20_000);

  it('sends the version it read, and offers a reload when someone else saved first', async () => {
    signInAs(['products:read', 'products:write']);
    let reads = 0;
    const patches: unknown[] = [];
    stubApi({
      'GET /api/v1/catalog/categories': [200, { items: [] }],
      [`GET /api/v1/catalog/products/${product().id}`]: () => [
        200,
        reads++ === 0 ? product() : product({ name: 'Red tee (new)', version: 4 }),
      ],
      [`PATCH /api/v1/catalog/products/${product().id}`]: async (request) => {
        patches.push(await request.json());
        return [409, { status: 409, code: 'CATALOG_VERSION_CONFLICT', detail: 'The product changed.' }];
      },
    });
    renderWithData(<ProductEditor productId={product().id} currency="EUR" onClose={() => undefined} />);
    const events = userEvent.setup();
    await screen.findByDisplayValue('Red tee, M');
    await events.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(
      await screen.findByText(
        'Someone else changed this in the meantime. Reload to see their changes, then edit again.',
      ),
    ).toBeTruthy();
    expect(patches[0]).toMatchObject({ version: 3, prices: [{ amountMinor: 1999, currency: 'EUR' }] });
    await events.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByDisplayValue('Red tee (new)')).toBeTruthy();
  }, 20_000);
});
