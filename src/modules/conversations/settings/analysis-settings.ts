import { z } from 'zod';
import { llmAnalyserConfigSchema } from '../analysis/llm/index.js';

/** Tenant secrets an LLM analyser may name: only these, so analysis cannot read another feature's credentials. */
export const LLM_SECRET_PREFIX = 'llm.';
const SECRET_FIELDS = [
  'apiKeySecret',
  'accessKeyIdSecret',
  'secretAccessKeySecret',
  'sessionTokenSecret',
] as const;

/**
 * How a tenant's calls are analysed. `local` (the default): the offline analyser only. `llm`: the
 * local analyser, then the configured LLM fills the insight schema and judges the scorecard's llm
 * rules. `piiPolicy` (default `redact-first`): only the redacted transcript, scanned once more, is
 * sent to the provider.
 */
export const analysisSettingsSchema = z
  .object({
    analyser: z.enum(['local', 'llm']).default('local'),
    llm: llmAnalyserConfigSchema.nullable().default(null),
    piiPolicy: z.enum(['redact-first', 'allow-unredacted']).default('redact-first'),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.analyser === 'llm' && value.llm === null)
      ctx.addIssue({ code: 'custom', path: ['llm'], message: 'is required when analyser is llm' });
    if (value.llm === null) return;
    const llm = value.llm as Record<string, unknown>;
    for (const field of SECRET_FIELDS) {
      const name = llm[field];
      if (typeof name === 'string' && !name.startsWith(LLM_SECRET_PREFIX))
        ctx.addIssue({
          code: 'custom',
          path: ['llm', field],
          message: `must name a secret under ${LLM_SECRET_PREFIX} (e.g. ${LLM_SECRET_PREFIX}openai)`,
        });
    }
  })
  .meta({ id: 'ConversationAnalysisSettings' });
export type AnalysisSettings = z.output<typeof analysisSettingsSchema>;
export type AnalysisSettingsInput = z.input<typeof analysisSettingsSchema>;

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = {
  analyser: 'local',
  llm: null,
  piiPolicy: 'redact-first',
};

/** The stored JSON, or the default when none is stored or it no longer parses. */
export function readStoredAnalysis(stored: string | null): AnalysisSettings {
  if (stored === null) return DEFAULT_ANALYSIS_SETTINGS;
  const parsed = analysisSettingsSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : DEFAULT_ANALYSIS_SETTINGS;
}
