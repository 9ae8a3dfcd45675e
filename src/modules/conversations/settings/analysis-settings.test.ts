import { describe, expect, it } from 'vitest';
import {
  analysisSettingsSchema,
  DEFAULT_ANALYSIS_SETTINGS,
  readStoredAnalysis,
} from './analysis-settings.js';

describe('analysis settings', () => {
  it('defaults to the local analyser, redact first', () => {
    expect(analysisSettingsSchema.parse({})).toEqual(DEFAULT_ANALYSIS_SETTINGS);
    expect(readStoredAnalysis(null)).toEqual(DEFAULT_ANALYSIS_SETTINGS);
  });

  it('takes an LLM provider whose secrets are named under llm.', () => {
    const parsed = analysisSettingsSchema.parse({
      analyser: 'llm',
      llm: { provider: 'anthropic', apiKeySecret: 'llm.anthropic' },
      piiPolicy: 'allow-unredacted',
    });
    expect(parsed).toMatchObject({
      analyser: 'llm',
      piiPolicy: 'allow-unredacted',
      llm: { provider: 'anthropic' },
    });
  });

  it('names the field of a secret outside llm. and an llm analyser without a provider', () => {
    const outside = analysisSettingsSchema.safeParse({
      analyser: 'llm',
      llm: {
        provider: 'bedrock',
        region: 'eu-west-1',
        accessKeyIdSecret: 'transcription.aws',
        secretAccessKeySecret: 'llm.aws-secret',
      },
    });
    expect(outside.success ? [] : outside.error.issues.map((i) => i.path.join('.'))).toEqual([
      'llm.accessKeyIdSecret',
    ]);
    const missing = analysisSettingsSchema.safeParse({ analyser: 'llm' });
    expect(missing.success ? [] : missing.error.issues.map((i) => i.path.join('.'))).toEqual(['llm']);
  });
});
