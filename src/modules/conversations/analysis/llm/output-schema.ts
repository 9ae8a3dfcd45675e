import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type {
  LlmEvidence,
  LlmEvidenceFlag,
  LlmQaRule,
  LlmQaRuleResult,
  LlmSentiment,
  LlmTranscriptSegment,
} from './llm.types.js';

// ajv-formats is CommonJS: under NodeNext the default import is `module.exports`, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

export const SENTIMENTS: readonly LlmSentiment[] = ['positive', 'neutral', 'negative', 'mixed'];

export interface OutputShape {
  /** The JSON Schema the model's answer must satisfy (the tool's input schema). */
  readonly schema: Record<string, unknown>;
  /** Whether the schema meets OpenAI's strict structured-output rules (every object closed, every property required). */
  readonly strictCompatible: boolean;
  readonly validate: ValidateFunction;
}

/** The model's answer once it satisfies the schema. */
export interface ValidAnswer {
  readonly summary: string;
  readonly sentiment?: LlmSentiment;
  readonly actionItems?: string[];
  readonly insights: Record<string, unknown>;
  readonly qa: {
    ruleId: string;
    score: number;
    pass: boolean;
    evidence: LlmEvidence[];
    coachNote: string;
  }[];
}

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

/**
 * The tenant's insight schema, checked: it must be a JSON Schema (draft-07 keywords, as Ajv reads
 * it) of an object. Returns it without `$schema`/`$id`, ready to nest; or the reason it is not.
 */
export function tenantInsightSchema(
  schema: Readonly<Record<string, unknown>>,
): { ok: true; schema: Record<string, unknown> } | { ok: false; reason: string } {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  if (rest.type !== 'object')
    return { ok: false, reason: 'the insight schema must be a JSON Schema with "type": "object"' };
  try {
    newAjv().compile(rest);
  } catch (error) {
    return {
      ok: false,
      reason: `the insight schema is not a valid JSON Schema (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  return { ok: true, schema: rest };
}

/**
 * The answer's JSON Schema from the tenant's insight schema and scorecard: summary, sentiment and
 * action items (when asked), the insights, and one QA result per rule (rule ids as an enum).
 */
export function buildOutputShape(
  insightSchema: Record<string, unknown>,
  rules: readonly LlmQaRule[],
  include: { sentiment: boolean; actionItems: boolean },
): OutputShape {
  const properties: Record<string, unknown> = {
    summary: {
      type: 'string',
      description: 'What the call was about and how it ended, in three sentences at most.',
    },
  };
  if (include.sentiment)
    properties.sentiment = {
      type: 'string',
      enum: [...SENTIMENTS],
      description: "The customer's overall sentiment over the call.",
    };
  if (include.actionItems)
    properties.actionItems = {
      type: 'array',
      items: { type: 'string' },
      description: 'Follow-ups someone promised or must do after the call; empty when none.',
    };
  properties.insights = insightSchema;
  properties.qa = {
    type: 'array',
    minItems: rules.length,
    maxItems: rules.length,
    description: 'One result per QA rule, in the order of the rules.',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['ruleId', 'score', 'pass', 'evidence', 'coachNote'],
      properties: {
        ruleId: rules.length === 0 ? { type: 'string' } : { type: 'string', enum: rules.map((r) => r.id) },
        score: { type: 'integer', minimum: 0, maximum: 100 },
        pass: { type: 'boolean' },
        evidence: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['segmentId', 'quote'],
            properties: {
              segmentId: { type: 'string', pattern: '^seg_[0-9]+$' },
              quote: { type: 'string', description: 'Words copied verbatim from that segment.' },
            },
          },
        },
        coachNote: { type: 'string', description: 'One or two sentences the agent can act on.' },
      },
    },
  };
  const schema: Record<string, unknown> = {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  };
  return { schema, strictCompatible: strictCompatible(schema), validate: newAjv().compile(schema) };
}

/**
 * OpenAI's strict mode takes only schemas whose objects are all closed (`additionalProperties:
 * false`) with every property required; a tenant schema that is not is sent without `strict`.
 */
export function strictCompatible(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every(strictCompatible);
  if (typeof schema !== 'object' || schema === null) return true;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object' || 'properties' in node) {
    const props = node.properties;
    const keys = typeof props === 'object' && props !== null ? Object.keys(props) : [];
    const required = Array.isArray(node.required) ? (node.required as unknown[]) : [];
    if (node.additionalProperties !== false) return false;
    if (!keys.every((key) => required.includes(key))) return false;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      if (!Object.values(value).every(strictCompatible)) return false;
    } else if (typeof value === 'object' && value !== null && !strictCompatible(value)) return false;
  }
  return true;
}

/** Ajv's errors as lines the model can act on (`/qa/0/score must be <= 100`), at most 20. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? []).map((error) => {
    const where = error.instancePath === '' ? '(the answer)' : error.instancePath;
    const extra =
      error.keyword === 'additionalProperties'
        ? ` ('${String((error.params as { additionalProperty?: unknown }).additionalProperty)}')`
        : error.keyword === 'enum'
          ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
          : '';
    return `${where} ${error.message ?? 'is not valid'}${extra}`;
  });
  const unique = [...new Set(lines)];
  return unique.length > 20 ? [...unique.slice(0, 20), `… and ${unique.length - 20} more`] : unique;
}

/** Problems JSON Schema cannot express: each rule answered exactly once. */
export function ruleCoverageProblems(answer: ValidAnswer, rules: readonly LlmQaRule[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const result of answer.qa) seen.set(result.ruleId, (seen.get(result.ruleId) ?? 0) + 1);
  for (const rule of rules) {
    const count = seen.get(rule.id) ?? 0;
    if (count === 0) problems.push(`/qa has no result for rule '${rule.id}'`);
    if (count > 1) problems.push(`/qa has ${count} results for rule '${rule.id}'; give exactly one`);
  }
  return problems;
}

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The QA results in the scorecard's order, evidence held against the transcript that was sent:
 * evidence citing a segment that does not exist is dropped, a quote not found in its segment is
 * kept; both are flagged.
 */
export function checkEvidence(
  answer: ValidAnswer,
  rules: readonly LlmQaRule[],
  segments: readonly LlmTranscriptSegment[],
): { qa: LlmQaRuleResult[]; flags: LlmEvidenceFlag[] } {
  const byId = new Map(segments.map((segment) => [segment.id, normalise(segment.text)]));
  const flags: LlmEvidenceFlag[] = [];
  const byRule = new Map(answer.qa.map((result) => [result.ruleId, result]));
  const qa = rules.flatMap((rule) => {
    const result = byRule.get(rule.id);
    if (result === undefined) return [];
    const evidence = result.evidence.filter((item) => {
      const text = byId.get(item.segmentId);
      if (text === undefined) {
        flags.push({
          kind: 'unknown_segment',
          ruleId: rule.id,
          segmentId: item.segmentId,
          quote: item.quote,
        });
        return false;
      }
      if (!text.includes(normalise(item.quote).replace(/^["'“]|["'”]$/g, '')))
        flags.push({
          kind: 'quote_not_found',
          ruleId: rule.id,
          segmentId: item.segmentId,
          quote: item.quote,
        });
      return true;
    });
    return [
      {
        ruleId: rule.id,
        score: result.score,
        pass: result.pass,
        evidence,
        coachNote: result.coachNote,
      },
    ];
  });
  return { qa, flags };
}
