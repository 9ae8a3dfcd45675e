import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderFeatureRoute } from '@/kit/route-testing';
import { signInAs, stubApi } from '@/test/render';
import { analysisRoutes } from '../routes';

const editor = ['analysis:read', 'analysis:configure', 'transcripts:read'];
const path = '/conversations/categories/category_set_01';

const saved = (overrides: Record<string, unknown> = {}) => ({
  id: 'category_set_01',
  kind: 'category_set',
  name: 'Retention',
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
    name: 'Retention',
    categories: [
      {
        id: 'cancel-risk',
        name: 'Cancellation risk',
        description: '',
        operator: 'and',
        conditions: [
          {
            type: 'phrase',
            phrases: ['cancel my contract'],
            match: 'any',
            speaker: 'customer',
            negate: false,
          },
          {
            type: 'group',
            operator: 'or',
            conditions: [
              { type: 'sentiment', speaker: 'customer', measure: 'average', below: -0.3 },
              {
                type: 'characteristic',
                metric: 'longest_silence_seconds',
                speaker: 'either',
                operator: '>',
                value: 20,
              },
            ],
          },
        ],
      },
    ],
  },
  ...overrides,
});

const history = {
  items: [
    {
      version: 1,
      name: 'Retention',
      isActive: true,
      createdBy: 'usr_ann',
      createdAt: '2026-11-30T09:00:00.000Z',
    },
  ],
};

describe('category set editor', { timeout: 15_000 }, () => {
  it('lists the category sets', async () => {
    signInAs(['analysis:read']);
    stubApi({ 'GET /api/v1/conversations/categories': [200, { items: [saved()] }] });
    await renderFeatureRoute(analysisRoutes, '/conversations/categories');
    expect(await screen.findByRole('link', { name: 'Retention' })).toBeTruthy();
  });

  it('puts the server’s problem with a condition inside a group on that condition’s field', async () => {
    signInAs(editor);
    stubApi({
      'GET /api/v1/conversations/categories/category_set_01': [200, saved()],
      'GET /api/v1/conversations/categories/category_set_01/versions': [200, history],
      'POST /api/v1/conversations/categories/category_set_01/versions': [
        400,
        {
          code: 'VALIDATION_FAILED',
          status: 400,
          detail: 'The request is not valid.',
          errors: [
            {
              field: 'body.categories.0.conditions.1.conditions.1.value',
              message: 'must be at most 100 (percent)',
            },
          ],
        },
      ],
    });
    await renderFeatureRoute(analysisRoutes, path);
    const user = userEvent.setup();
    const second = await screen.findByRole('group', { name: 'Group 2 · Condition 2' });
    await user.selectOptions(within(second).getByLabelText('Measure'), 'talk_ratio_percent');
    const value = within(second).getByLabelText('Value');
    await user.clear(value);
    await user.type(value, '120');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    expect(await within(second).findByText('Must be at most 100 (percent).')).toBeTruthy();
    expect(value.getAttribute('aria-invalid')).toBe('true');
  });

  it('tests the edited set on a call and shows the matching categories with their moments', async () => {
    signInAs(editor);
    let sent: { recordingId?: string; categorySet?: { categories: { conditions: unknown[] }[] } } = {};
    stubApi({
      'GET /api/v1/conversations/categories/category_set_01': [200, saved()],
      'GET /api/v1/conversations/categories/category_set_01/versions': [200, history],
      'POST /api/v1/conversations/categories/category_set_01/preview': async (request) => {
        sent = (await request.json()) as typeof sent;
        return [
          200,
          {
            recordingId: 'rec_01',
            categorySetVersion: null,
            matches: [
              {
                categoryId: 'cancel-risk',
                name: 'Cancellation risk',
                points: [
                  {
                    segmentId: 'seg_3',
                    startMs: 65_000,
                    endMs: 70_000,
                    speaker: 'spk_1',
                    condition: 'conditions.0',
                  },
                ],
              },
            ],
          },
        ];
      },
    });
    await renderFeatureRoute(analysisRoutes, path);
    const user = userEvent.setup();
    await screen.findByRole('group', { name: 'Condition 1' });
    await user.click(screen.getByRole('button', { name: 'Add a condition' }));
    await user.click(screen.getByLabelText('Recording'));
    await user.paste('rec_01');
    await user.click(screen.getByRole('button', { name: 'Test' }));

    expect(await screen.findByText('1 category matched')).toBeTruthy();
    expect(screen.getByText('1:05–1:10 · conditions.0')).toBeTruthy();
    expect(sent.recordingId).toBe('rec_01');
    expect(sent.categorySet?.categories[0]?.conditions).toHaveLength(3);
  });
});
