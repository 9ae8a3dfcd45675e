import { renderFeatureRoute } from '@/kit/route-testing';
import type { AgentScorecard, Figures, QualityDashboard } from './quality.format';
import { qualityRoutes } from './routes';

/** Test-only: the quality pages under a memory router, as the console mounts them. */
export function renderQualityRoute(path: string) {
  return renderFeatureRoute(qualityRoutes, path);
}

export const aliceKey = 'a'.repeat(64);

const figures = (calls: number, qaAverage: number | null, over: Partial<Figures> = {}): Figures => ({
  calls,
  scored: qaAverage === null ? 0 : calls,
  qaAverage,
  grades: { A: 0, B: 1, C: 0, D: 1, E: 0, ungraded: 0 },
  sentimentAverage: 0.1,
  negativeShare: 0.5,
  ...over,
});

export const dashboardAnswer: QualityDashboard = {
  range: {
    from: '2026-03-08T18:15:00.000Z',
    to: '2026-03-09T18:15:00.000Z',
    timeZone: 'Asia/Kathmandu',
    interval: 'day',
  },
  totals: figures(3, 76.7),
  intervals: [{ start: '2026-03-08T18:15:00.000Z', localStart: '2026-03-09', ...figures(3, 76.7) }],
  agents: [
    { agentKey: aliceKey, name: 'Alice Example', recordingsFilter: 'A-1', ...figures(2, 70) },
    { agentKey: null, name: null, recordingsFilter: null, ...figures(1, null) },
  ],
  teams: [{ team: 'red', ...figures(2, 70) }],
  categories: [{ label: 'billing', calls: 2 }],
  intents: [{ label: 'cancel', calls: 1 }],
  topics: [],
  outliers: {
    silence: {
      p95: 41300,
      threshold: 30000,
      calls: [
        {
          recordingId: 'rec_01jf0000000000000000000009',
          analysisId: 'ana_1',
          startedAt: '2026-03-09T04:00:00.000Z',
          queue: 'sales',
          qaScore: 60,
          grade: 'D',
          team: 'red',
          agent: { agentKey: aliceKey, name: 'Alice Example', recordingsFilter: 'A-1' },
          value: 45000,
        },
      ],
    },
    interruptions: { p95: null, threshold: 10, calls: [] },
  },
};

export const scorecardAnswer: AgentScorecard = {
  agent: { agentKey: aliceKey, name: 'Alice Example', recordingsFilter: 'A-1' },
  range: dashboardAnswer.range,
  totals: figures(2, 70),
  intervals: dashboardAnswer.intervals,
  rules: [
    {
      ruleId: 'disclosure',
      name: 'Disclosure',
      category: 'Compliance',
      evaluated: 2,
      passed: 0,
      passRate: 0,
    },
    { ruleId: 'greet', name: 'Greeting', category: 'Opening', evaluated: 2, passed: 1, passRate: 0.5 },
  ],
  rulesReadFrom: 2,
  worstCalls: [
    {
      recordingId: 'rec_01jf0000000000000000000009',
      analysisId: 'ana_1',
      startedAt: '2026-03-09T04:00:00.000Z',
      queue: 'sales',
      qaScore: 60,
      grade: 'D',
      sentimentScore: -0.3,
    },
  ],
};
