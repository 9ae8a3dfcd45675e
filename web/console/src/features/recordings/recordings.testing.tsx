import { renderFeatureRoute } from '@/kit/route-testing';
import type { RecordingDetail, RecordingSummary } from '@/api/recordings';
import { recordingsRoutes } from './routes';

/** Test-only: the recordings pages under a memory router, as the console mounts them. */
export function renderRecordingsRoute(path: string) {
  return renderFeatureRoute(recordingsRoutes, path);
}

let counter = 0;

export function recording(overrides: Partial<RecordingSummary> = {}): RecordingSummary {
  counter += 1;
  return {
    id: `rec_${String(counter).padStart(26, '0')}`,
    source: 'upload',
    sourceRecordingId: `call-${counter}.wav`,
    state: 'ready',
    failure: null,
    startedAt: '2026-11-30T09:15:00.000Z',
    direction: 'inbound',
    queue: 'Billing',
    language: 'en',
    tags: [],
    callId: null,
    callLink: null,
    audio: { contentType: 'audio/wav', bytes: 960_044, sha256: 'a'.repeat(64) },
    hasSuppliedTranscript: false,
    hasRedactedAudio: true,
    durationMs: 30_000,
    codec: 'pcm_s16le',
    channels: 2,
    sampleRate: 8000,
    createdAt: '2026-11-30T09:16:00.000Z',
    updatedAt: '2026-11-30T09:17:00.000Z',
    ...overrides,
  };
}

/** A ready two-party recording: three lines, a card number redacted, measured characteristics. */
export function recordingDetail(overrides: Partial<RecordingDetail> = {}): RecordingDetail {
  const base = recording({ id: 'rec_01jf0000000000000000000001', sourceRecordingId: 'billing-42.wav' });
  const segment = (
    n: number,
    speakerId: string,
    startMs: number,
    endMs: number,
    text: string,
    redactions: unknown[] = [],
  ) => ({
    id: `seg_${n}`,
    speakerId,
    channel: null,
    startMs,
    endMs,
    text,
    confidence: null,
    words: null,
    redactions,
  });
  return {
    ...base,
    metadata: {
      source: 'upload',
      sourceRecordingId: 'billing-42.wav',
      agent: { name: 'Anna Agent' },
      parties: [{ number: '+4930111111', role: 'customer' }],
    },
    runs: [
      {
        id: 'run_01',
        reason: 'received',
        state: 'succeeded',
        steps: [
          {
            name: 'decode',
            outcome: 'done',
            provider: 'native',
            version: '1',
            startedAt: base.createdAt,
            finishedAt: base.createdAt,
          },
          {
            name: 'transcribe',
            outcome: 'done',
            provider: 'whisper-cpp',
            version: '1',
            startedAt: base.createdAt,
            finishedAt: base.createdAt,
          },
        ],
        failure: null,
        startedAt: '2026-11-30T09:16:01.000Z',
        finishedAt: '2026-11-30T09:16:30.000Z',
      },
    ],
    transcript: {
      id: 'trn_01',
      runId: 'run_01',
      provider: 'whisper-cpp',
      language: 'en',
      durationMs: 30_000,
      speakerCount: 2,
      redactionCounts: { CARD_NUMBER: 1 },
      createdAt: '2026-11-30T09:16:30.000Z',
      transcript: {
        schemaVersion: 1,
        language: 'en',
        durationMs: 30_000,
        speakers: [
          { id: 'spk_0', role: 'agent', roleSource: 'hint', label: null, channel: 0 },
          { id: 'spk_1', role: 'customer', roleSource: 'hint', label: null, channel: 1 },
        ],
        segments: [
          segment(0, 'spk_0', 0, 4_000, 'Thank you for calling billing, how can I help?'),
          segment(1, 'spk_1', 5_000, 12_000, 'My card number is [CARD_NUMBER] and it was charged twice.', [
            {
              entityType: 'CARD_NUMBER',
              charStart: 18,
              charEnd: 31,
              startMs: 7_000,
              endMs: 10_000,
              by: 'switchboard',
            },
          ]),
          segment(2, 'spk_0', 16_000, 22_000, 'I can see the second charge; I will refund it today.'),
        ],
      },
      characteristics: {
        durationMs: 30_000,
        talkTimeMs: 17_000,
        speakers: [
          {
            speaker: 'spk_0',
            channel: 0,
            talkTimeMs: 10_000,
            talkRatio: 10 / 17,
            talkShareOfCall: 1 / 3,
            longestMonologue: { startMs: 16_000, endMs: 22_000, durationMs: 6_000 },
            interruptionsMade: 0,
            interruptionsSuffered: 1,
            spans: [
              { startMs: 0, endMs: 4_000 },
              { startMs: 16_000, endMs: 22_000 },
            ],
          },
          {
            speaker: 'spk_1',
            channel: 1,
            talkTimeMs: 7_000,
            talkRatio: 7 / 17,
            talkShareOfCall: 7 / 30,
            longestMonologue: { startMs: 5_000, endMs: 12_000, durationMs: 7_000 },
            interruptionsMade: 1,
            interruptionsSuffered: 0,
            spans: [{ startMs: 5_000, endMs: 12_000 }],
          },
        ],
        nonTalk: {
          totalMs: 12_000,
          periods: [
            { startMs: 12_000, endMs: 16_000, durationMs: 4_000 },
            { startMs: 22_000, endMs: 30_000, durationMs: 8_000 },
          ],
        },
        interruptions: [{ interrupter: 'spk_1', interrupted: 'spk_0', atMs: 3_500, durationMs: 500 }],
        overtalk: { totalMs: 500, periods: [{ startMs: 3_500, endMs: 4_000, durationMs: 500 }] },
        talkSpeedWpm: { spk_0: 132.4, spk_1: 118 },
      },
    },
    ...overrides,
  };
}
