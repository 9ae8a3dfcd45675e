import type { Schema } from '@/api/types';

/** Test-only: a saved scorecard version as the API answers it. */
export function scorecardVersion(
  overrides: Partial<Schema<'ScorecardVersion'>> = {},
): Schema<'ScorecardVersion'> {
  return {
    id: 'scorecard_01',
    kind: 'scorecard',
    name: 'Billing QA',
    latestVersion: 2,
    activeVersion: 1,
    activatedBy: 'usr_ann',
    activatedAt: '2026-11-30T09:00:00.000Z',
    createdBy: 'usr_ann',
    createdAt: '2026-11-29T09:00:00.000Z',
    updatedAt: '2026-11-30T09:00:00.000Z',
    version: 2,
    isActive: false,
    versionCreatedBy: 'usr_ann',
    versionCreatedAt: '2026-11-30T09:00:00.000Z',
    body: {
      name: 'Billing QA',
      description: '',
      rules: [
        {
          id: 'greeting',
          name: 'Greets the caller',
          category: 'Greeting',
          weight: 1,
          description: '',
          howToJudge: 'The agent greets and names the department.',
          autoFail: false,
          kind: 'llm',
        },
        {
          id: 'disclosure',
          name: 'Recording disclosure',
          category: 'Compliance',
          weight: 2,
          description: '',
          howToJudge: '',
          autoFail: true,
          kind: 'deterministic',
          check: {
            type: 'phrase_said',
            phrases: ['this call is recorded'],
            match: 'any',
            speaker: 'agent',
            within: { from: 'start', seconds: 30 },
          },
        },
        {
          id: 'silence',
          name: 'No long silence',
          category: 'Handling',
          weight: 1,
          description: '',
          howToJudge: '',
          autoFail: false,
          kind: 'deterministic',
          check: { type: 'max_silence', maxSeconds: 20 },
        },
      ],
    },
    ...overrides,
  };
}

export const versions = {
  items: [
    {
      version: 2,
      name: 'Billing QA',
      isActive: false,
      createdBy: 'usr_ann',
      createdAt: '2026-11-30T09:00:00.000Z',
    },
    {
      version: 1,
      name: 'Billing QA',
      isActive: true,
      createdBy: 'usr_ann',
      createdAt: '2026-11-29T09:00:00.000Z',
    },
  ],
};
