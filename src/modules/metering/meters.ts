/**
 * The meters: what is counted, in which base unit it is stored, and the unit it is priced and
 * reported in. Base units are whole numbers (a count, milliseconds, tokens, bytes), so quantities
 * add up exactly; `perUnit` converts (60 000 ms to the minute). Adding a meter is a line here and
 * a case in recording/usage-of-event.ts (or a job).
 */
export interface MeterDefinition {
  /** The module whose work it measures: the cost-allocation report groups by it. */
  readonly module: string;
  /** What a price is per, and what the report's quantities are in. */
  readonly unit: string;
  readonly baseUnit: string;
  /** Base units in one unit. */
  readonly perUnit: bigint;
  /** counter: events add to the day; gauge: a daily measurement replaces the day's value. */
  readonly kind: 'counter' | 'gauge';
  readonly description: string;
}

const minute = { unit: 'minute', baseUnit: 'ms', perUnit: 60_000n } as const;
const millionTokens = { unit: '1M tokens', baseUnit: 'token', perUnit: 1_000_000n } as const;

export const meters = {
  call_records: {
    module: 'calls',
    unit: 'record',
    baseUnit: 'record',
    perUnit: 1n,
    kind: 'counter',
    description:
      'Call records ingested: each new call once (a newer version of a stored call is not counted again).',
  },
  recordings: {
    module: 'conversations',
    unit: 'recording',
    baseUnit: 'recording',
    perUnit: 1n,
    kind: 'counter',
    description: 'Recordings received (uploaded, pulled or from the dialer).',
  },
  audio_minutes: {
    module: 'conversations',
    ...minute,
    kind: 'counter',
    description: 'Minutes of recorded audio put through the pipeline (each transcription run).',
  },
  analyses: {
    module: 'conversations',
    unit: 'analysis',
    baseUnit: 'analysis',
    perUnit: 1n,
    kind: 'counter',
    description: 'Conversation analyses stored (pipeline, re-analysis and re-scoring).',
  },
  analysis_minutes: {
    module: 'conversations',
    ...minute,
    kind: 'counter',
    description: 'Minutes of conversation analysed (the length of each analysed call).',
  },
  llm_input_tokens: {
    module: 'conversations',
    ...millionTokens,
    kind: 'counter',
    description: "Tokens sent to the tenant's language model by analyses.",
  },
  llm_output_tokens: {
    module: 'conversations',
    ...millionTokens,
    kind: 'counter',
    description: "Tokens the tenant's language model answered analyses with.",
  },
  dialer_attempts: {
    module: 'campaigns',
    unit: 'attempt',
    baseUnit: 'attempt',
    perUnit: 1n,
    kind: 'counter',
    description: 'Campaign calls placed by the dialer (each finished attempt, answered or not).',
  },
  dialer_talk_minutes: {
    module: 'campaigns',
    ...minute,
    kind: 'counter',
    description: 'Minutes talked on campaign calls.',
  },
  orders: {
    module: 'orders',
    unit: 'order',
    baseUnit: 'order',
    perUnit: 1n,
    kind: 'counter',
    description: 'Orders created.',
  },
  storage: {
    module: 'storage',
    unit: 'GB-day',
    baseUnit: 'byte-day',
    perUnit: 1_000_000_000n,
    kind: 'gauge',
    description:
      "Bytes in the object store under the tenant, measured once a day per area (the key's top-level folder); a day's bytes are that day's byte-days.",
  },
} as const satisfies Record<string, MeterDefinition>;

export type MeterName = keyof typeof meters;

export const meterNames = Object.keys(meters) as MeterName[];

export function isMeterName(name: string): name is MeterName {
  return Object.hasOwn(meters, name);
}
