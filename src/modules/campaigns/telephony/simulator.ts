import { createHash, randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../platform/context.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import { CampaignsErrors } from '../errors.js';
import type { CallReport, DialRequest, PlacedCall, TelephonyAdapter, TranscriptLine } from './adapter.js';
import { PlaceCallError } from './adapter.js';
import { optOutFromTranscript } from './opt-out-phrases.js';
import { SpeechUnavailableError, synthesizeConversation } from './simulated-speech.js';
import { BUILT_IN_SCRIPTS, type SimScenario, type SimScript } from './simulator-scripts.js';

/*
 * The embedded default: no network, no keys. `place` answers at once with `sim_<uuid>`; then, on
 * timers, the call rings, is answered (or not) and ends, each step a CallReport handed to
 * `deliver`. Which scenario a call plays, its ring and talk times come from a PRNG seeded by the
 * attempt id, so an attempt replays the same; `speed` divides the wall-clock waits (tests: 1000).
 */

export type DeliverReport = (ctx: RequestContext, report: CallReport) => Promise<void>;

export interface SimulatorOptions {
  readonly deliver: DeliverReport;
  readonly logger: Logger;
  /** Wall-clock divisor of the simulated ring and talk times; 1 is real time. */
  readonly speed?: number | undefined;
  /** Scripts beside the built-in ones (a name taken by a built-in replaces it). */
  readonly scripts?: readonly SimScript[] | undefined;
  /** E.164 → scenario name: that number always plays it, whatever the script (`+15550000001: 'opt_out'`). */
  readonly numbers?: Readonly<Record<string, string>> | undefined;
  /** Recordings with espeak-ng; false skips them (quick tests). Default true. */
  readonly recordings?: boolean | undefined;
  readonly now?: () => Date;
}

export interface SimulatorAdapter extends TelephonyAdapter {
  readonly name: 'simulator';
  /** Stops the pending timers (platform shutdown, tests). */
  close(): void;
  /** Which scenario an attempt plays under a script: the determinism, inspectable. */
  scenarioFor(request: Pick<DialRequest, 'attemptId' | 'to' | 'script'>): SimScenario;
}

/** mulberry32: small, fast, good enough to pick scenarios; seeded from the attempt id's hash. */
export function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed, 'utf8').digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const between = (random: () => number, [min, max]: readonly [number, number]) =>
  Math.round(min + random() * (max - min));

const RING_SECONDS: readonly [number, number] = [3, 25];
const TALK_SECONDS: readonly [number, number] = [20, 180];
const FINAL_REPORTS_KEPT = 10_000;

function fill(text: string, context: Readonly<Record<string, string>>): string {
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => context[name] ?? 'there');
}

export function createSimulator(options: SimulatorOptions): SimulatorAdapter {
  const speed = options.speed && options.speed > 0 ? options.speed : 1;
  const now = options.now ?? (() => new Date());
  const scripts = new Map<string, SimScript>();
  for (const script of [...BUILT_IN_SCRIPTS, ...(options.scripts ?? [])]) scripts.set(script.name, script);
  const scenariosByName = new Map<string, SimScenario>();
  for (const script of scripts.values())
    for (const scenario of script.scenarios)
      if (!scenariosByName.has(scenario.name)) scenariosByName.set(scenario.name, scenario);
  const timers = new Set<NodeJS.Timeout>();
  const finals = new Map<string, CallReport>();
  let speechWarned = false;

  const wait = (seconds: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          resolve();
        },
        (seconds * 1000) / speed,
      );
      // Never what keeps a process alive at shutdown.
      timer.unref();
      timers.add(timer);
    });

  function scenarioFor(request: Pick<DialRequest, 'attemptId' | 'to' | 'script'>): SimScenario {
    const byNumber = options.numbers?.[request.to];
    if (byNumber) {
      const scenario = scenariosByName.get(byNumber);
      if (scenario) return scenario;
    }
    const script = scripts.get(request.script ?? 'default');
    if (!script) throw new PlaceCallError(`the simulator has no script '${request.script}'`, false);
    const random = seededRandom(`${request.attemptId}:scenario`);
    const total = script.scenarios.reduce((sum, s) => sum + Math.max(0, s.weight), 0);
    let pick = random() * total;
    for (const scenario of script.scenarios) {
      pick -= Math.max(0, scenario.weight);
      if (pick < 0) return scenario;
    }
    const last = script.scenarios[script.scenarios.length - 1];
    if (!last) throw new PlaceCallError(`the simulator script '${script.name}' has no scenarios`, false);
    return last;
  }

  async function recordingOf(lines: readonly TranscriptLine[]): Promise<CallReport['recording']> {
    if (options.recordings === false || lines.length === 0) return undefined;
    try {
      return { bytes: await synthesizeConversation(lines), contentType: 'audio/wav' };
    } catch (error) {
      if (error instanceof SpeechUnavailableError) {
        if (!speechWarned)
          options.logger.warn(
            { reason: error.message },
            'simulator: no recordings (espeak-ng is missing); transcripts are still delivered',
          );
        speechWarned = true;
      } else {
        options.logger.warn(
          { err: error },
          'simulator: the synthetic recording failed; delivered without one',
        );
      }
      return undefined;
    }
  }

  async function play(
    ctx: RequestContext,
    request: DialRequest,
    providerCallId: string,
    scenario: SimScenario,
  ) {
    const random = seededRandom(`${request.attemptId}:timing`);
    const ringSeconds = between(random, RING_SECONDS);
    const talkSeconds = between(random, scenario.talkSeconds ?? TALK_SECONDS);
    const base = { adapter: 'simulator' as const, providerCallId, attemptId: request.attemptId };
    const deliver = async (report: CallReport) => {
      try {
        await options.deliver(ctx, report);
      } catch (error) {
        options.logger.error(
          { err: error, providerCallId, reportKey: report.reportKey },
          'simulator: delivery failed',
        );
      }
    };
    await wait(0.5);
    await deliver({
      ...base,
      kind: 'status',
      reportKey: `${providerCallId}:ringing`,
      progress: 'ringing',
      raw: { simulated: true, scenario: scenario.name, event: 'ringing' },
    });
    await wait(ringSeconds);
    if (scenario.outcome !== 'answered' && scenario.outcome !== 'voicemail') {
      const final: CallReport = {
        ...base,
        kind: 'end_of_call',
        reportKey: `${providerCallId}:end_of_call`,
        progress: 'ended',
        outcome: scenario.outcome,
        endedAt: now(),
        talkSeconds: 0,
        endedReason: scenario.outcome,
        raw: { simulated: true, scenario: scenario.name, event: 'end_of_call', ringSeconds },
      };
      remember(final);
      await deliver(final);
      return;
    }
    const answeredAt = now();
    const answeredBy = scenario.outcome === 'voicemail' ? 'machine' : (scenario.answeredBy ?? 'human');
    await deliver({
      ...base,
      kind: 'status',
      reportKey: `${providerCallId}:in_progress`,
      progress: 'in_progress',
      answeredAt,
      answeredBy,
      // The simulated agent speaks at once: never an abandoned call by TSR's 2-second rule.
      secondsToLiveVoice: 0.5,
      raw: { simulated: true, scenario: scenario.name, event: 'in_progress' },
    });
    await wait(talkSeconds);
    const lines = (scenario.lines ?? []).map((line) => ({ ...line, text: fill(line.text, request.context) }));
    const recording = await recordingOf(lines);
    const endedAt = now();
    let callbackAt: Date | undefined;
    if (scenario.callbackInDays !== undefined) {
      callbackAt = new Date(endedAt);
      callbackAt.setUTCDate(callbackAt.getUTCDate() + scenario.callbackInDays);
      callbackAt.setUTCHours(10, 0, 0, 0);
    }
    const final: CallReport = {
      ...base,
      kind: 'end_of_call',
      reportKey: `${providerCallId}:end_of_call`,
      progress: 'ended',
      outcome: scenario.outcome,
      answeredBy,
      answeredAt,
      endedAt,
      talkSeconds,
      secondsToLiveVoice: 0.5,
      endedReason: scenario.outcome === 'voicemail' ? 'voicemail' : 'customer-ended-call',
      disposition: scenario.disposition,
      transcript: lines,
      summary: `Simulated call (${scenario.name}).`,
      recording,
      optOut: scenario.optOut
        ? (optOutFromTranscript(lines) ?? { evidence: 'simulated opt-out' })
        : undefined,
      callbackAt,
      converted: scenario.converted ?? false,
      raw: { simulated: true, scenario: scenario.name, event: 'end_of_call', ringSeconds, talkSeconds },
    };
    remember(final);
    await deliver(final);
  }

  function remember(report: CallReport) {
    finals.set(report.providerCallId, report);
    if (finals.size > FINAL_REPORTS_KEPT) {
      const oldest = finals.keys().next().value;
      if (oldest !== undefined) finals.delete(oldest);
    }
  }

  return {
    name: 'simulator',
    scenarioFor,
    place(ctx: RequestContext, request: DialRequest): Promise<PlacedCall> {
      let scenario: SimScenario;
      try {
        scenario = scenarioFor(request);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const providerCallId = `sim_${randomUUID()}`;
      void play(ctx, request, providerCallId, scenario).catch((error: unknown) =>
        options.logger.error({ err: error, providerCallId }, 'simulator: the call failed'),
      );
      return Promise.resolve({ providerCallId });
    },
    parseWebhook() {
      return Promise.reject(CampaignsErrors.telephonyCallbackNotFound('params.adapter', 'takes no webhooks'));
    },
    fetchCall(_ctx: RequestContext, providerCallId: string) {
      return Promise.resolve(finals.get(providerCallId));
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
