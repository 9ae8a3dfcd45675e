import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderFeatureRoute } from '@/kit/route-testing';
import { signInAs, stubApi } from '@/test/render';
import { analysisRoutes } from '../routes';

const editor = ['analysis:read', 'analysis:configure'];

const saved = (overrides: Record<string, unknown> = {}) => ({
  id: 'insight_schema_01',
  kind: 'insight_schema',
  name: 'Billing insights',
  latestVersion: 1,
  activeVersion: 1,
  activatedBy: 'usr_ann',
  activatedAt: '2026-11-30T09:00:00.000Z',
  createdBy: 'usr_ann',
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  version: 1,
  isActive: true,
  versionCreatedBy: 'usr_ann',
  versionCreatedAt: '2026-11-30T09:00:00.000Z',
  body: {
    name: 'Billing insights',
    description: '',
    fields: [
      { name: 'reason', type: 'string', description: 'Why the customer called', required: true },
      {
        name: 'product',
        type: 'enum',
        description: 'The product discussed',
        enumValues: ['broadband', 'mobile'],
        required: false,
      },
    ],
  },
  ...overrides,
});

const history = {
  items: [
    {
      version: 1,
      name: 'Billing insights',
      isActive: true,
      createdBy: 'usr_ann',
      createdAt: '2026-11-30T09:00:00.000Z',
    },
  ],
};

/** Puts a text in a field at once: typing long texts key by key re-renders the whole editor each time. */
async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

describe('insight schemas', { timeout: 15_000 }, () => {
  it('lists the insight schemas with their versions', async () => {
    signInAs(['analysis:read']);
    stubApi({ 'GET /api/v1/conversations/insight-schemas': [200, { items: [saved()] }] });
    await renderFeatureRoute(analysisRoutes, '/conversations/insight-schemas');
    const row = (await screen.findByRole('link', { name: 'Billing insights' })).closest('tr')!;
    expect(within(row).getAllByText('Version 1')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'New insight schema' })).toBeNull();
  });

  it('creates a schema with an enum field, sending its values', async () => {
    signInAs(editor);
    let sent: unknown;
    stubApi({
      'POST /api/v1/conversations/insight-schemas': async (request) => {
        sent = await request.json();
        return [201, saved()];
      },
      'GET /api/v1/conversations/insight-schemas/insight_schema_01': [200, saved()],
      'GET /api/v1/conversations/insight-schemas/insight_schema_01/versions': [200, history],
    });
    await renderFeatureRoute(analysisRoutes, '/conversations/insight-schemas/new');
    const user = userEvent.setup();
    await fill(user, screen.getAllByLabelText('Name')[0]!, 'Retention insights');
    const field = screen.getByRole('listitem', { name: /Field 1/ });
    await fill(user, within(field).getByLabelText(/^Name/), 'cancelReason');
    await user.selectOptions(within(field).getByLabelText('Type'), 'enum');
    await fill(user, within(field).getByLabelText('Description'), 'Why the customer wants to leave');
    await user.type(within(field).getByLabelText('Values'), 'price{Enter}service{Enter}moving');
    await user.click(within(field).getByRole('checkbox', { name: /Required/ }));
    await user.click(screen.getByRole('button', { name: 'Create insight schema' }));

    expect(await screen.findByText('Insight schema created')).toBeTruthy();
    expect(sent).toEqual({
      name: 'Retention insights',
      description: '',
      fields: [
        {
          name: 'cancelReason',
          type: 'enum',
          description: 'Why the customer wants to leave',
          required: true,
          enumValues: ['price', 'service', 'moving'],
        },
      ],
    });
  });

  it('puts the server’s problem with a field’s values under that field', async () => {
    signInAs(editor);
    stubApi({
      'GET /api/v1/conversations/insight-schemas/insight_schema_01': [200, saved()],
      'GET /api/v1/conversations/insight-schemas/insight_schema_01/versions': [200, history],
      'POST /api/v1/conversations/insight-schemas/insight_schema_01/versions': [
        400,
        {
          code: 'VALIDATION_FAILED',
          status: 400,
          detail: 'The request is not valid.',
          errors: [{ field: 'body.fields.1.enumValues.1', message: "repeats 'broadband'" }],
        },
      ],
    });
    await renderFeatureRoute(analysisRoutes, '/conversations/insight-schemas/insight_schema_01');
    const user = userEvent.setup();
    const product = await screen.findByRole('listitem', { name: /product/ });
    const values = within(product).getByLabelText('Values');
    await user.clear(values);
    await user.type(values, 'broadband{Enter}Broadband ');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    expect(await within(product).findByText("Repeats 'broadband'.")).toBeTruthy();
    expect(values.getAttribute('aria-invalid')).toBe('true');
  });
});
