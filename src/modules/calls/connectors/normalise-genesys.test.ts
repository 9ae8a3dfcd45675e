import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { genesysItems, normaliseGenesysConversations } from './normalise-genesys.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/genesys');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

describe('genesys/conversation-detail-1-voice.json (details query response)', () => {
  const result = normaliseGenesysConversations(fixture('conversation-detail-1-voice.json'));
  const call = result.records[0];

  it('turns the voice conversation into one call with a leg per participant session', () => {
    expect(result.quarantined).toEqual([]);
    expect(result.records).toHaveLength(1);
    expect(call?.legs.map((leg) => leg.attributes.purpose)).toEqual(['customer', 'ivr']);
  });

  it('archives the conversation itself, not the query response around it', () => {
    const response = JSON.parse(fixture('conversation-detail-1-voice.json')) as { conversations: unknown[] };
    const [item] = genesysItems(response);
    expect(item?.kind === 'record' && item.raw).toEqual({
      format: 'json',
      document: response.conversations[0],
    });
  });

  it('reads direction, the connected customer and the queue', () => {
    expect(call).toMatchObject({
      direction: 'inbound',
      sourceDirection: 'inbound',
      disposition: 'answered',
      startedAt: '2020-01-01T00:00:00.000Z',
      queue: { id: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', name: null },
    });
  });

  it('keeps the redacted numbers raw and the conversation MOS', () => {
    expect(call?.from).toEqual({
      raw: 'tel:+xxxxxxxxxxx',
      e164: null,
      displayName: 'Mobile Number, Country',
    });
    expect(call?.quality?.mos).toBe(4.38);
    expect(call?.legs[1]?.attributes.flowName).toBe('xxxxxxxxxxxxxxxxxxxxx');
  });
});

describe('genesys/conversation-detail-2-chat.json (chat conversation)', () => {
  it('is reported as a non-call, not as a failure', () => {
    const result = normaliseGenesysConversations(fixture('conversation-detail-2-chat.json'));
    expect(result.records).toEqual([]);
    expect(result.quarantined).toEqual([]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]?.reason).toBe('non-voice conversation (media: chat): not a call');
  });
});

describe('Genesys voice conversation with an agent', () => {
  const conversation = {
    conversationId: 'c-1',
    conversationStart: '2024-03-01T09:00:00.000Z',
    conversationEnd: '2024-03-01T09:05:00.000Z',
    originatingDirection: 'inbound',
    participants: [
      {
        purpose: 'customer',
        participantName: 'Ada',
        sessions: [
          {
            mediaType: 'voice',
            sessionId: 's-cust',
            ani: 'tel:+442071838750',
            dnis: 'tel:+442079460000',
            segments: [
              {
                segmentStart: '2024-03-01T09:00:00.000Z',
                segmentEnd: '2024-03-01T09:05:00.000Z',
                segmentType: 'interact',
                queueId: 'q-1',
                disconnectType: 'endpoint',
              },
            ],
          },
        ],
      },
      {
        purpose: 'acd',
        participantName: 'Support',
        sessions: [
          {
            mediaType: 'voice',
            segments: [
              {
                segmentStart: '2024-03-01T09:00:05.000Z',
                segmentEnd: '2024-03-01T09:00:40.000Z',
                segmentType: 'interact',
                queueId: 'q-1',
              },
            ],
          },
        ],
      },
      {
        purpose: 'agent',
        userId: 'u-7',
        participantName: 'Grace',
        sessions: [
          {
            mediaType: 'voice',
            sessionId: 's-agent',
            segments: [
              {
                segmentStart: '2024-03-01T09:00:30.000Z',
                segmentEnd: '2024-03-01T09:00:40.000Z',
                segmentType: 'alert',
              },
              {
                segmentStart: '2024-03-01T09:00:40.000Z',
                segmentEnd: '2024-03-01T09:05:00.000Z',
                segmentType: 'interact',
              },
            ],
          },
        ],
      },
    ],
  };

  it('counts the agent answer as the answer time', () => {
    const call = normaliseGenesysConversations(conversation).records[0];
    expect(call).toMatchObject({
      answeredAt: '2024-03-01T09:00:40.000Z',
      ringSeconds: 40,
      talkSeconds: 260,
      totalSeconds: 300,
      agent: { id: 'u-7', name: 'Grace' },
      queue: { id: 'q-1', name: 'Support' },
    });
    expect(call?.from.e164).toBe('+442071838750');
  });

  it('calls a queued call without agent abandoned', () => {
    const abandoned = {
      ...conversation,
      participants: [
        {
          purpose: 'customer',
          sessions: [
            {
              mediaType: 'voice',
              ani: 'tel:+442071838750',
              dnis: 'tel:+442079460000',
              segments: [
                {
                  segmentStart: '2024-03-01T09:00:00.000Z',
                  segmentEnd: '2024-03-01T09:01:00.000Z',
                  segmentType: 'system',
                  queueId: 'q-1',
                },
              ],
            },
          ],
        },
        conversation.participants[1],
      ],
    };
    expect(normaliseGenesysConversations(abandoned).records[0]).toMatchObject({
      disposition: 'cancelled',
      answeredAt: null,
    });
  });

  it('quarantines a conversation without participants', () => {
    expect(
      normaliseGenesysConversations({ conversationId: 'c-2', conversationStart: 'x' }).quarantined[0]?.reason,
    ).toMatch(/participants/);
  });
});
