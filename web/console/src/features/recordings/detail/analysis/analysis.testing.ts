import type { Analysis } from './analysis.api';

/*
 * Test-only: the current analysis of `recordingDetail()` (recordings.testing.tsx) as
 * GET /recordings/{id}/analysis answers it: the customer's line negative, a refund promised,
 * a "billing dispute" category, a complaint intent, and a scorecard with an auto-fail rule.
 */

const quote = (segmentId: string, speaker: string, startMs: number, endMs: number, text: string) => ({
  segmentId,
  speaker,
  startMs,
  endMs,
  charStart: 0,
  charEnd: text.length,
  quote: text,
});

const greeting = quote('seg_0', 'spk_0', 0, 4_000, 'Thank you for calling billing, how can I help?');
const complaint = quote('seg_1', 'spk_1', 5_000, 12_000, 'it was charged twice');
const refund = quote('seg_2', 'spk_0', 16_000, 22_000, 'I will refund it today.');

export function analysisOf(overrides: Partial<Analysis> = {}): Analysis {
  return {
    id: 'ana_01',
    recordingId: 'rec_01jf0000000000000000000001',
    transcriptId: 'trn_01',
    runId: 'run_01',
    reason: 'pipeline',
    isCurrent: true,
    analyser: 'local',
    analyserVersion: '1.0.0',
    configs: {
      scorecard: 'scorecard_01@2',
      categorySet: 'category_set_01@1',
      insightSchema: 'insight_schema_01@1',
    },
    sentimentScore: -0.1,
    qaScore: 0,
    grade: 'E',
    intents: ['complaint'],
    categories: ['Billing dispute'],
    topics: ['billing'],
    finalKey: null,
    requestedBy: 'system',
    createdAt: '2026-11-30T09:16:40.000Z',
    summary: { kind: 'extractive', text: 'I will refund it today.', sentences: [refund], abstractive: null },
    sentiment: {
      overall: { label: 'neutral', score: -0.1 },
      bySpeaker: [
        { speaker: 'spk_0', role: 'agent', label: 'positive', score: 0.4, segmentCount: 2 },
        { speaker: 'spk_1', role: 'customer', label: 'negative', score: -0.6, segmentCount: 1 },
      ],
      byQuarter: [1, 2, 3, 4].map((quarter) => ({
        quarter: quarter as 1 | 2 | 3 | 4,
        startMs: (quarter - 1) * 7_500,
        endMs: quarter * 7_500,
        overall: quarter === 4 ? null : { label: 'neutral' as const, score: 0 },
        bySpeaker: [],
      })),
      perSegment: [
        { segmentId: 'seg_0', speaker: 'spk_0', startMs: 0, endMs: 4_000, label: 'neutral', score: 0.1 },
        {
          segmentId: 'seg_1',
          speaker: 'spk_1',
          startMs: 5_000,
          endMs: 12_000,
          label: 'negative',
          score: -0.6,
        },
        {
          segmentId: 'seg_2',
          speaker: 'spk_0',
          startMs: 16_000,
          endMs: 22_000,
          label: 'positive',
          score: 0.5,
        },
      ],
    },
    categoryMatches: [
      {
        categoryId: 'billing-dispute',
        name: 'Billing dispute',
        points: [
          {
            segmentId: 'seg_1',
            startMs: 5_000,
            endMs: 12_000,
            speaker: 'spk_1',
            condition: 'phrase "charged twice"',
          },
        ],
      },
    ],
    trackers: [],
    topicMatches: [{ topicId: 'billing', name: 'Billing', matches: 2, evidence: [greeting] }],
    intentHits: [{ kind: 'complaint', rule: 'complaint.charged-twice', evidence: complaint }],
    questions: [],
    actionItems: [
      {
        action: 'Refund the second charge',
        owner: 'spk_0',
        ownerRole: 'agent',
        due: 'today',
        rule: 'promise',
        evidence: refund,
      },
    ],
    entities: [{ type: 'DATE', text: 'today', source: 'model', evidence: refund }],
    qa: {
      scorecardId: 'scorecard_01',
      scorecardVersion: 2,
      score: 0,
      weightedScore: 75,
      grade: 'E',
      autoFailed: true,
      autoFailedBy: ['verify-identity'],
      complete: true,
      categories: [],
      rules: [
        {
          ruleId: 'greeting',
          name: 'Greets the customer',
          category: 'Opening',
          kind: 'deterministic',
          weight: 1,
          autoFail: false,
          status: 'evaluated',
          score: 100,
          pass: true,
          evidence: [
            {
              segmentId: 'seg_0',
              startMs: 0,
              endMs: 4_000,
              speaker: 'spk_0',
              quote: 'Thank you for calling billing',
            },
          ],
          coachNote: 'Warm and quick.',
        },
        {
          ruleId: 'verify-identity',
          name: 'Verifies the caller',
          category: 'Compliance',
          kind: 'llm',
          weight: 2,
          autoFail: true,
          status: 'evaluated',
          score: 0,
          pass: false,
          evidence: [
            {
              segmentId: 'seg_2',
              startMs: 16_000,
              endMs: 22_000,
              speaker: 'spk_0',
              quote: 'I will refund it today',
            },
          ],
          coachNote: 'Ask for the account number before refunding.',
        },
      ],
    },
    insights: {
      schemaId: 'insight_schema_01',
      schemaVersion: 1,
      valid: true,
      problems: [],
      values: { reason: 'Double charge', resolved: true, products: ['card'] },
    },
    provenance: {
      analysis: {
        analyser: 'local',
        version: '1.0.0',
        configHash: 'abc',
        language: 'en',
        model: null,
        promptVersion: null,
        startedAt: '2026-11-30T09:16:39.000Z',
        finishedAt: '2026-11-30T09:16:40.000Z',
        timings: { totalMs: 120, steps: {} },
        usage: null,
      },
      llm: null,
    },
    ...overrides,
  };
}
