import { describe, expect, it } from 'vitest';
import { callRecord } from '../testing/index.js';
import { toVcon } from '../vcon.js';
import { vconItems } from '../connectors/normalise-vcon.js';
import type { VconContribution } from '../contract.js';
import { createVconContributions, withContributions } from './vcon-contributions.js';

const recordingDialog = (url: string) => ({
  type: 'recording' as const,
  start: '2024-05-01T10:00:10.000Z',
  duration: 60,
  parties: [0, 1],
  mediatype: 'audio/wav',
  url,
  content_hash: `sha512-${'A'.repeat(86)}`,
});
const contribution = (url: string): VconContribution => ({
  dialog: [recordingDialog(url)],
  analysis: [
    { type: 'transcript', dialog: 0, vendor: 'switchboard', encoding: 'json', body: { segments: [] } },
  ],
  attachments: [],
});

describe('contributions to a vCon export', () => {
  it("moves a contribution's dialog indexes behind the dialogs already there", () => {
    const record = callRecord('00000000-0000-4000-8000-000000000001', {
      recordings: [
        {
          uri: 'https://pbx.example/rec/1.wav',
          sourceRecordingId: '1',
          mediaType: 'audio/wav',
          startedAt: null,
          durationSeconds: 60,
        },
      ],
    });
    const merged = withContributions(toVcon(record), record, [
      contribution('https://objects.test/a'),
      contribution('https://objects.test/b'),
    ]);
    expect(merged.dialog.map((d) => d.url ?? null)).toEqual([
      null, // the source's recording without a known hash: no url
      'https://objects.test/a',
      'https://objects.test/b',
    ]);
    expect(merged.analysis.map((a) => a.dialog)).toEqual([1, 2]);
  });

  it("replaces an unrecorded call's placeholder, and the result imports as the same call", () => {
    const record = callRecord('00000000-0000-4000-8000-000000000001');
    const plain = toVcon(record);
    expect(plain.dialog).toEqual([expect.objectContaining({ type: 'recording' })]);
    const merged = withContributions(plain, record, [contribution('https://objects.test/a')]);
    expect(merged.dialog).toEqual([recordingDialog('https://objects.test/a')]);
    expect(merged.analysis[0]?.dialog).toBe(0);
    const [item] = vconItems(JSON.stringify(merged));
    expect(item?.kind).toBe('record');
    if (item?.kind !== 'record') return;
    expect(item.record).toMatchObject({ startedAt: record.startedAt, talkSeconds: record.talkSeconds });
    expect(item.record.attributes.vcon).toMatchObject({
      analysis: [expect.objectContaining({ type: 'transcript', dialog: 0, vendor: 'switchboard' })],
    });
  });

  it("places keyed analysis on the dialog the key names: another contribution's, or the call's own", () => {
    const record = callRecord('00000000-0000-4000-8000-000000000001');
    const summary = {
      type: 'summary',
      vendor: 'switchboard',
      encoding: 'json' as const,
      body: { text: 'hi' },
    };
    const merged = withContributions(toVcon(record), record, [
      { ...contribution('https://objects.test/a'), dialogKeys: ['recording:rec_a'] },
      {
        dialog: [],
        analysis: [],
        attachments: [],
        keyedAnalysis: [
          { dialogKeys: ['recording:rec_a'], analysis: summary },
          { dialogKeys: ['call:0'], analysis: { ...summary, type: 'imported' } },
          { dialogKeys: ['recording:rec_unseen'], analysis: { ...summary, type: 'dropped' } },
        ],
      },
    ]);
    // The placeholder gave way to rec_a's dialog, which now stands for the call's dialog 0 too.
    expect(merged.dialog).toHaveLength(1);
    expect(merged.analysis.map((a) => [a.type, a.dialog])).toEqual([
      ['transcript', 0],
      ['summary', 0],
      ['imported', 0],
    ]);
  });

  it('keeps the contributors in registration order and refuses a name twice', async () => {
    const registry = createVconContributions();
    const answer = (url: string) => () => Promise.resolve(new Map([['call_x', contribution(url)]]));
    registry.register('first', answer('https://objects.test/1'));
    registry.register('second', answer('https://objects.test/2'));
    expect(() => registry.register('first', answer('https://objects.test/3'))).toThrow(/registered already/);
    const collected = await registry.collect(
      { tenantId: 't', actor: { type: 'system', id: 'test' }, requestId: 'r' },
      { permissions: new Set(), media: 'redacted' },
      [],
    );
    expect(collected.size).toBe(0);
  });
});
