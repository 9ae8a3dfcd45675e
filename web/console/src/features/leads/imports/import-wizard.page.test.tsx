import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import type { ImportOptions } from '../leads.api';
import { importDetail, list, preview, renderLeadsRoute } from '../leads.testing';

/** The options part of a multipart import or preview request, as the server reads it first. */
async function optionsOf(request: Request): Promise<ImportOptions> {
  const form = await request.formData();
  const part = form.get('options');
  const text = typeof part === 'string' ? part : await (part as Blob).text();
  return JSON.parse(text) as ImportOptions;
}

describe('lead import wizard', () => {
  it('maps the columns against the server’s preview, saves the mapping by name and starts the import', async () => {
    signInAs(['leads:read', 'leads:write']);
    const previews: ImportOptions[] = [];
    const started: ImportOptions[] = [];
    stubApi({
      'GET /api/v1/campaigns/lists': [200, { lists: [list()] }],
      'GET /api/v1/campaigns/column-mappings': [200, { mappings: [] }],
      'POST /api/v1/campaigns/leads/imports/preview': async (request) => {
        const options = await optionsOf(request);
        previews.push(options);
        const phone = options.mapping?.fields?.phone;
        return [200, preview(typeof phone === 'string' ? phone : undefined)];
      },
      'POST /api/v1/campaigns/leads/imports': async (request) => {
        started.push(await optionsOf(request));
        const {
          rejections: _r,
          nextRejectionsAfter: _n,
          ...job
        } = importDetail({ state: 'queued', rowsRead: 0 });
        return [202, job];
      },
      [`GET /api/v1/campaigns/leads/imports/${importDetail().id}`]: [200, importDetail()],
    });
    const { router } = await renderLeadsRoute('/outbound/imports/new');
    const events = userEvent.setup();

    // Step 1: the list. Next without one says so on the field.
    await events.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Choose a list.')).toBeTruthy();
    fireEvent.change(await screen.findByLabelText('List to import into'), { target: { value: list().id } });
    await events.click(screen.getByRole('button', { name: 'Next' }));

    // Step 2: the file; the first preview sends no mapping (the server reads the header by common names).
    const file = new File(['First,Mobile,Phone\nAnn,not a number,+13055550123\n'], 'spring.csv', {
      type: 'text/csv',
    });
    await events.upload(await screen.findByLabelText('Lead file'), file);
    await events.click(screen.getByRole('button', { name: 'Next' }));

    // Step 3: the selects start where the server's guess is (Mobile is a phone name), and the rows say why they fail.
    const phone = await screen.findByLabelText<HTMLSelectElement>('Phone number');
    expect(phone.value).toBe('Mobile');
    expect(previews[0]).toEqual({ listId: list().id, rows: 10 });
    expect(screen.getAllByText('Rejected: phone is not a valid number in US')).toHaveLength(2);
    expect(screen.getByText('0 of these rows would be imported, 2 rejected.')).toBeTruthy();

    fireEvent.change(phone, { target: { value: 'Phone' } });
    await events.click(screen.getByRole('button', { name: 'Show the rows again' }));
    expect(await screen.findByText('2 of these rows would be imported, 0 rejected.')).toBeTruthy();
    expect(previews[1]?.mapping).toEqual({ hasHeader: true, fields: { phone: 'Phone', firstName: 'First' } });
    const rows = within(screen.getByRole('table', { name: 'The first rows as this mapping reads them' }));
    expect(rows.getByText('+13055550123')).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/Save this mapping as/), { target: { value: 'Web sign-ups' } });
    await events.click(screen.getByRole('button', { name: 'Start the import' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe(`/outbound/imports/${importDetail().id}`),
    );
    expect(started[0]).toEqual({
      listId: list().id,
      mapping: { hasHeader: true, fields: { phone: 'Phone', firstName: 'First' } },
      saveMappingAs: 'Web sign-ups',
    });

    // The progress page: counts, the scan verdict, the rejected rows.
    expect(await screen.findByText('The import is complete.')).toBeTruthy();
    expect(screen.getByText('Not scanned (no scanner set up)')).toBeTruthy();
    const rejected = within(
      await screen.findByRole('table', { name: 'Rejected rows: row, field and reason' }),
    );
    expect(await rejected.findByText('is not a valid number in US')).toBeTruthy();
  }, 20_000);

  it('puts the server’s refusal of a mapped column on its select', async () => {
    signInAs(['leads:read', 'leads:write']);
    stubApi({
      'GET /api/v1/campaigns/lists': [200, { lists: [list()] }],
      'GET /api/v1/campaigns/column-mappings': [200, { mappings: [] }],
      'POST /api/v1/campaigns/leads/imports/preview': [200, preview(undefined)],
      'POST /api/v1/campaigns/leads/imports': [
        400,
        {
          code: 'CAMPAIGNS_IMPORT_INVALID',
          status: 400,
          detail: 'The import options are not valid.',
          errors: [
            { field: 'options.mapping.fields.phone', message: 'names a column the file does not have' },
          ],
        },
      ],
    });
    await renderLeadsRoute('/outbound/imports/new');
    const events = userEvent.setup();
    fireEvent.change(await screen.findByLabelText('List to import into'), { target: { value: list().id } });
    await events.click(screen.getByRole('button', { name: 'Next' }));
    await events.upload(
      await screen.findByLabelText('Lead file'),
      new File(['a'], 'a.csv', { type: 'text/csv' }),
    );
    await events.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByLabelText('Phone number');
    await events.click(screen.getByRole('button', { name: 'Start the import' }));
    expect(await screen.findByText('Names a column the file does not have.')).toBeTruthy();
    expect(screen.getByLabelText('Phone number').getAttribute('aria-invalid')).toBe('true');
  }, 20_000);
});
