import type { ObjectStore } from '../../../platform/objects/index.js';
import {
  insertTestRecording,
  type TestRecordingDeps,
  type TestRecordingInput,
} from '../pipeline/testing/insert-recording.js';

/** What insertRecordingOn uses of a test platform (test/support's TestPlatform fits). */
interface PlatformWithQuietObjects {
  readonly platform: Omit<TestRecordingDeps, 'objects'> & { readonly quietObjects: ObjectStore };
}

/*
 * What the conversations tests that run the analysis share: the opt-out call, the auto-fail
 * disclosure rule and the scorecard built on it, and a recording inserted through a test
 * platform. Other test helpers stay where their subject is (pipeline/testing, recordings/testing,
 * scoring/testing).
 */

/**
 * A supplied WebVTT transcript: the customer asks to be taken off the list and the agent never
 * says the recording disclosure.
 */
export const OPT_OUT_CALL = `WEBVTT

00:00:00.000 --> 00:00:04.000
<v Agent>Hello, thank you for calling Acme Energy, how can I help you today?

00:00:04.500 --> 00:00:09.000
<v Customer>You keep calling me about offers. Please take me off your list.

00:00:09.500 --> 00:00:13.000
<v Agent>I understand. I will remove your number today.

00:00:13.500 --> 00:00:15.000
<v Customer>Thank you, goodbye.
`;

/** Deterministic and auto-failing: the agent says "call is recorded" within the first 30 s. */
export const disclosureRule = {
  id: 'disclosure',
  name: 'Recording disclosure',
  category: 'Compliance',
  weight: 2,
  autoFail: true,
  kind: 'deterministic',
  check: {
    type: 'phrase_said',
    phrases: ['call is recorded'],
    speaker: 'agent',
    within: { from: 'start', seconds: 30 },
  },
};

/** Disclosure, talk ratio under 70 % and an LLM empathy rule: OPT_OUT_CALL grades E on it. */
export const outboundQaScorecard = {
  name: 'Outbound QA',
  rules: [
    disclosureRule,
    {
      id: 'talk-ratio',
      name: 'Agent talks under 70%',
      category: 'Handling',
      weight: 1,
      kind: 'deterministic',
      check: { type: 'talk_ratio', speaker: 'agent', maxPercent: 70 },
    },
    {
      id: 'empathy',
      name: 'Empathy',
      category: 'Soft skills',
      weight: 1,
      kind: 'llm',
      howToJudge: 'The agent acknowledges what the customer feels or asks for.',
    },
  ],
};

/** insertTestRecording with the test platform's database, keyring, bus and (quiet) object store. */
export function insertRecordingOn(
  t: PlatformWithQuietObjects,
  tenantId: string,
  input: TestRecordingInput,
): Promise<{ id: string; publicId: string }> {
  return insertTestRecording(
    {
      database: t.platform.database,
      keyring: t.platform.keyring,
      bus: t.platform.bus,
      objects: t.platform.quietObjects,
    },
    tenantId,
    input,
  );
}
