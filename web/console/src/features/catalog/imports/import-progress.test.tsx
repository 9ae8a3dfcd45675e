import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { productImport, renderCatalogRoute } from '../catalog.testing';

describe('product CSV import', () => {
  it('uploads the file, then polls the import until it completes, with its progress, counts and rejections', async () => {
    signInAs(['products:read', 'products:write']);
    const job = productImport();
    const answers = [
      productImport({
        state: 'queued',
        rowsTotal: 0,
        rowsDone: 0,
        created: 0,
        updated: 0,
        rejected: 0,
        rejections: [],
      }),
      productImport({ state: 'running', rowsDone: 2, created: 1, updated: 1, rejected: 0, rejections: [] }),
      job,
    ];
    let polls = 0;
    const uploads: string[] = [];
    stubApi({
      'POST /api/v1/catalog/products/imports': async (request) => {
        const file = (await request.formData()).get('file');
        uploads.push(file instanceof Blob ? await file.text() : String(file));
        return [202, { id: job.id, state: 'queued' }];
      },
      [`GET /api/v1/catalog/products/imports/${job.id}`]: () => [
        200,
        answers[Math.min(polls++, answers.length - 1)],
      ],
    });
    const { router } = await renderCatalogRoute('/commerce/products/import');
    const events = userEvent.setup();

    await events.click(screen.getByRole('button', { name: 'Start the import' }));
    expect(await screen.findByText('Choose a CSV file.')).toBeTruthy();
    const csv = 'sku,name,price_EUR\nA,Apple,1.00\nB,Pear,2.00\nC,Plum,3.00\nD,Fig,4.001\n';
    await events.upload(
      screen.getByLabelText('CSV file'),
      new File([csv], 'products.csv', { type: 'text/csv' }),
    );
    await events.click(screen.getByRole('button', { name: 'Start the import' }));

    expect(uploads).toEqual([csv]);
    expect(await screen.findByRole('heading', { name: 'Import progress' })).toBeTruthy();
    expect(router.state.location.pathname).toBe(`/commerce/products/imports/${job.id}`);

    // The bar follows rowsDone of rowsTotal while the import runs, then stops polling when it is over.
    expect(await screen.findByText('2 of 4 rows', {}, { timeout: 8_000 })).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Rows imported' });
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['2', '4']);
    expect(await screen.findByText('The import is complete.', {}, { timeout: 8_000 })).toBeTruthy();
    expect(screen.getByText('4 of 4 rows')).toBeTruthy();
    const counts = screen.getByText('Created').closest('dl') as HTMLElement;
    expect(within(counts).getByText('Created').nextElementSibling?.textContent).toBe('2');
    expect(within(counts).getByText('Rejected').nextElementSibling?.textContent).toBe('1');
    const rejected = within(screen.getByRole('table', { name: 'Rejected rows: row, field and reason' }));
    expect(rejected.getByText('has more decimals than EUR')).toBeTruthy();
    expect(rejected.getByText('price_EUR')).toBeTruthy();
    const after = polls;
    expect(after).toBe(3);
  }, 30_000);

  it('says so when the import failed', async () => {
    signInAs(['products:read']);
    const job = productImport({ state: 'failed', rowsDone: 1, rejections: [] });
    stubApi({ [`GET /api/v1/catalog/products/imports/${job.id}`]: [200, job] });
    await renderCatalogRoute(`/commerce/products/imports/${job.id}`);
    expect(await screen.findByText('The import failed.')).toBeTruthy();
    expect(screen.getByText('No row was rejected.')).toBeTruthy();
  }, 20_000);
});
