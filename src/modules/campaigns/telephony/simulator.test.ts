import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { systemContext } from '../../../platform/context.js';
import { createLogger } from '../../../platform/telemetry/index.js';
import type { CallReport, DialRequest } from './adapter.js';
import { pcmOfWav } from './simulated-speech.js';
import { createSimulator, type SimulatorOptions } from './simulator.js';
import { OPT_OUT_LINE } from './simulator-scripts.js';

/*
 * The simulator at 1000× speed: a call rings, is answered or not, ends; reports arrive through
 * `deliver` in order. Recordings are real espeak-ng speech where it is installed.
 */

const has = (tool: string) => {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const haveEspeak = has('espeak-ng');
const ctx = systemContext('00000000-0000-4000-8000-000000000001', 'test', 'test');
const logger = createLogger({ level: 'silent' });

const request = (attemptId: string, overrides: Partial<DialRequest> = {}): DialRequest => ({
  attemptId,
  idempotencyKey: `cmp:lead:${attemptId}`,
  campaignId: 'cmp_test',
  to: '+15555550123',
  context: { firstName: 'Ada' },
  ...overrides,
});

function simulator(options: Partial<SimulatorOptions> = {}) {
  const reports: CallReport[] = [];
  let resolveEnd: (report: CallReport) => void = () => undefined;
  const ended = new Promise<CallReport>((resolve) => (resolveEnd = resolve));
  const sim = createSimulator({
    speed: 1000,
    recordings: false,
    logger,
    deliver: (_ctx, report) => {
      reports.push(report);
      if (report.kind === 'end_of_call') resolveEnd(report);
      return Promise.resolve();
    },
    ...options,
  });
  return { sim, reports, ended };
}

describe('telephony simulator', () => {
  it('answers at once with sim_<uuid>, then reports ringing → in_progress → end_of_call with the script', async () => {
    const { sim, reports, ended } = simulator({ numbers: { '+15550000001': 'converts' } });
    const placed = await sim.place(ctx, request('cat_1', { to: '+15550000001' }));
    expect(placed.providerCallId).toMatch(/^sim_[0-9a-f-]{36}$/);
    const final = await ended;
    expect(reports.map((r) => r.progress)).toEqual(['ringing', 'in_progress', 'ended']);
    expect(new Set(reports.map((r) => r.reportKey)).size).toBe(3);
    expect(final).toMatchObject({
      providerCallId: placed.providerCallId,
      attemptId: 'cat_1',
      outcome: 'answered',
      answeredBy: 'human',
      converted: true,
      disposition: 'sale',
    });
    expect(final.talkSeconds).toBeGreaterThanOrEqual(90);
    expect(final.transcript?.[0]?.text).toContain('Hello Ada');
    expect(await sim.fetchCall(ctx, placed.providerCallId)).toBe(final);
  });

  it('plays the same scenario and timings for the same attempt id, whatever the instance', () => {
    const a = simulator().sim;
    const b = simulator().sim;
    const picks = Array.from({ length: 50 }, (_, i) => a.scenarioFor(request(`cat_${i}`)).name);
    expect(Array.from({ length: 50 }, (_, i) => b.scenarioFor(request(`cat_${i}`)).name)).toEqual(picks);
    // Weighted, not constant: several scenarios among 50 attempts.
    expect(new Set(picks).size).toBeGreaterThan(3);
  });

  it('a number told to opt out does, quoting the customer', async () => {
    const { sim, ended } = simulator({ numbers: { '+15550000001': 'opt_out' } });
    await sim.place(ctx, request('cat_2', { to: '+15550000001', script: 'busy' }));
    const final = await ended;
    expect(final.outcome).toBe('answered');
    expect(final.optOut?.evidence).toContain(OPT_OUT_LINE);
    expect(final.transcript?.some((l) => l.speaker === 'customer' && l.text === OPT_OUT_LINE)).toBe(true);
  });

  it('a callback-tomorrow scenario sets callbackAt the next day; busy ends without talk; voicemail is a machine', async () => {
    const callback = simulator();
    await callback.sim.place(ctx, request('cat_3', { script: 'callback_tomorrow' }));
    const c = await callback.ended;
    expect(c.callbackAt).toBeInstanceOf(Date);
    expect(c.callbackAt!.getTime() - c.endedAt!.getTime()).toBeGreaterThan(0);
    expect(c.callbackAt!.getTime() - c.endedAt!.getTime()).toBeLessThanOrEqual(2 * 86_400_000);

    const busy = simulator();
    await busy.sim.place(ctx, request('cat_4', { script: 'busy' }));
    expect(await busy.ended).toMatchObject({ outcome: 'busy', talkSeconds: 0 });
    expect(busy.reports.map((r) => r.progress)).toEqual(['ringing', 'ended']);

    const vm = simulator();
    await vm.sim.place(ctx, request('cat_5', { script: 'voicemail' }));
    expect(await vm.ended).toMatchObject({ outcome: 'voicemail', answeredBy: 'machine' });
  });

  it('refuses an unknown script, not retryable', async () => {
    const { sim } = simulator();
    await expect(sim.place(ctx, request('cat_6', { script: 'nope' }))).rejects.toMatchObject({
      name: 'PlaceCallError',
      retryable: false,
    });
  });

  it.skipIf(!haveEspeak)(
    haveEspeak
      ? 'records the conversation as one mono WAV of espeak-ng speech'
      : 'SKIPPED: recordings need espeak-ng (apt-get install espeak-ng)',
    async () => {
      const { sim, ended } = simulator({ recordings: true });
      await sim.place(ctx, request('cat_7', { script: 'opt_out' }));
      const final = await ended;
      const recording = final.recording;
      expect(recording && 'bytes' in recording).toBe(true);
      if (!recording || !('bytes' in recording)) return;
      expect(recording.contentType).toBe('audio/wav');
      const pcm = pcmOfWav(recording.bytes);
      expect(recording.bytes.readUInt32LE(4)).toBe(recording.bytes.length - 8);
      // Three lines of speech and two pauses: more than two seconds of audio.
      expect(pcm.data.length / 2 / pcm.sampleRate).toBeGreaterThan(2);
    },
    30_000,
  );
});
