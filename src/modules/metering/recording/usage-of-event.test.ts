import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../platform/bus/index.js';
import { usageDay, usageOfEvent } from './usage-of-event.js';

const envelope = (type: string, data: unknown): EventEnvelope => ({
  id: '0190a1b2-0000-7000-8000-000000000001',
  type,
  tenantId: '0190a1b2-0000-7000-8000-000000000002',
  occurredAt: '2024-05-01T23:59:59.999Z',
  data,
});

describe('the usage of an event', () => {
  it('counts a new call once, and a newer version of it not at all', () => {
    const call = {
      callId: 'call_x',
      source: 'asterisk',
      sourceCallId: '1',
      startedAt: '2024-05-01T10:00:00Z',
    };
    expect(usageOfEvent(envelope('calls.record.ingested.v1', { ...call, change: 'created' }))).toEqual([
      { meter: 'call_records', quantity: 1 },
    ]);
    expect(usageOfEvent(envelope('calls.record.ingested.v1', { ...call, change: 'updated' }))).toEqual([]);
  });

  it("reads an analysis's minutes and tokens when it has them, and old events without them", () => {
    const analysis = {
      recordingId: 'rec_x',
      analysisId: 'ana_x',
      callId: null,
      intents: [],
      grade: null,
      score: null,
    };
    expect(
      usageOfEvent(
        envelope('conversations.analysis.completed.v1', {
          ...analysis,
          durationMs: 61_000.4,
          llm: { provider: 'anthropic', model: 'm', inputTokens: 1_200, outputTokens: 300 },
        }),
      ),
    ).toEqual([
      { meter: 'analyses', quantity: 1 },
      { meter: 'analysis_minutes', quantity: 61_000 },
      { meter: 'llm_input_tokens', quantity: 1_200 },
      { meter: 'llm_output_tokens', quantity: 300 },
    ]);
    expect(usageOfEvent(envelope('conversations.analysis.completed.v1', analysis))).toEqual([
      { meter: 'analyses', quantity: 1 },
    ]);
  });

  it('counts recordings, transcribed audio, dialer attempts with talk time, and orders', () => {
    expect(
      usageOfEvent(
        envelope('conversations.recording.received.v1', {
          recordingId: 'rec_x',
          source: 'upload',
          callId: null,
          hasAudio: true,
          hasSuppliedTranscript: false,
        }),
      ),
    ).toEqual([{ meter: 'recordings', quantity: 1 }]);
    const transcript = {
      recordingId: 'rec_x',
      transcriptId: 'trn_x',
      runId: 'run_x',
      callId: null,
      provider: 'local',
      language: 'en',
      redactedEntities: 0,
    };
    expect(
      usageOfEvent(envelope('conversations.transcript.ready.v1', { ...transcript, durationMs: 42_000 })),
    ).toEqual([{ meter: 'audio_minutes', quantity: 42_000 }]);
    expect(
      usageOfEvent(envelope('conversations.transcript.ready.v1', { ...transcript, durationMs: null })),
    ).toEqual([]);
    const attempt = {
      campaignId: 'cmp_x',
      attemptId: 'att_x',
      leadId: 'lead_x',
      answeredBy: null,
      disposition: null,
      optOut: false,
      converted: false,
      recordingId: null,
    };
    expect(
      usageOfEvent(
        envelope('campaigns.call.completed.v1', { ...attempt, outcome: 'answered', talkSeconds: 95 }),
      ),
    ).toEqual([
      { meter: 'dialer_attempts', quantity: 1 },
      { meter: 'dialer_talk_minutes', quantity: 95_000 },
    ]);
    expect(
      usageOfEvent(
        envelope('campaigns.call.completed.v1', { ...attempt, outcome: 'busy', talkSeconds: null }),
      ),
    ).toEqual([{ meter: 'dialer_attempts', quantity: 1 }]);
  });

  it('refuses data that is not what the producer publishes (the bus retries, then dead-letters it)', () => {
    expect(() => usageOfEvent(envelope('orders.order.created.v1', { orderId: 42 }))).toThrow();
    expect(usageOfEvent(envelope('something.else.v1', {}))).toEqual([]);
  });

  it('files usage under the UTC day the fact happened', () => {
    expect(usageDay('2024-05-01T23:59:59.999Z')).toBe('2024-05-01');
    expect(usageDay('2024-05-02T01:00:00+02:00')).toBe('2024-05-01');
    expect(() => usageDay('yesterday')).toThrow(RangeError);
  });
});
