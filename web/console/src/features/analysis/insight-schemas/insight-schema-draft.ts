import type { Schema } from '@/api/types';
import { limitProblem, type FieldErrors } from '@/kit/forms';
import type { Translation } from '@/i18n';
import type { insightSchemasMessages } from './insight-schemas.messages';

export type InsightSchemaBody = Schema<'InsightSchemaInput'>;
export type InsightFieldType = Schema<'InsightField'>['type'];
export const insightFieldTypes = [
  'string',
  'number',
  'boolean',
  'enum',
  'array-of-string',
] as const satisfies readonly InsightFieldType[];

/** The lengths of insight-schema.ts (limits.gen.ts carries only top-level request fields). */
export const insightLimits = {
  name: { maxLength: 200 },
  description: { maxLength: 2000 },
  fields: { minItems: 1, maxItems: 100 },
  fieldDescription: { maxLength: 1000 },
  enumValues: { maxItems: 100 },
  enumValue: { maxLength: 200 },
} as const;

export interface FieldDraft {
  key: string;
  name: string;
  type: InsightFieldType;
  description: string;
  /** One value a line; sent for enum fields only. */
  enumValues: string;
  required: boolean;
}

export interface InsightSchemaDraft {
  name: string;
  description: string;
  fields: FieldDraft[];
}

let keys = 0;
export const emptyField = (): FieldDraft => ({
  key: `field-${(keys += 1)}`,
  name: '',
  type: 'string',
  description: '',
  enumValues: '',
  required: false,
});

export const newInsightSchemaDraft = (): InsightSchemaDraft => ({
  name: '',
  description: '',
  fields: [emptyField()],
});

export const insightDraftOf = (body: Schema<'InsightSchema'>): InsightSchemaDraft => ({
  name: body.name,
  description: body.description,
  fields: body.fields.map((field) => ({
    ...emptyField(),
    name: field.name,
    type: field.type,
    description: field.description,
    enumValues: (field.enumValues ?? []).join('\n'),
    required: field.required,
  })),
});

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export const toInsightSchemaBody = (draft: InsightSchemaDraft): InsightSchemaBody => ({
  name: draft.name.trim(),
  description: draft.description,
  fields: draft.fields.map((field) => ({
    name: field.name.trim(),
    type: field.type,
    description: field.description.trim(),
    required: field.required,
    ...(field.type === 'enum' ? { enumValues: lines(field.enumValues) } : {}),
  })),
});

export const insightDraftFields = (draft: InsightSchemaDraft): string[] => [
  'name',
  'description',
  ...draft.fields.flatMap((_, i) =>
    ['name', 'type', 'description', 'enumValues', 'required', ''].map((f) =>
      f ? `fields.${i}.${f}` : `fields.${i}`,
    ),
  ),
  'fields',
];

const FIELD_NAME = /^[a-z][a-zA-Z0-9_]{0,63}$/;

export function insightDraftProblems(
  draft: InsightSchemaDraft,
  m: Translation<(typeof insightSchemasMessages)['en']>,
): FieldErrors<string> {
  const problems: FieldErrors<string> = {};
  const put = (field: string, message: string | undefined) => {
    if (message && !problems[field]) problems[field] = message;
  };
  put('name', draft.name.trim() === '' ? m.nameRequired : limitProblem(draft.name, insightLimits.name));
  put('description', limitProblem(draft.description, insightLimits.description));
  put('fields', draft.fields.length === 0 ? m.noFields : limitProblem(draft.fields, insightLimits.fields));
  draft.fields.forEach((field, i) => {
    put(`fields.${i}.name`, FIELD_NAME.test(field.name.trim()) ? undefined : m.fieldNameInvalid);
    put(
      `fields.${i}.description`,
      field.description.trim() === ''
        ? m.descriptionRequired
        : limitProblem(field.description, insightLimits.fieldDescription),
    );
    if (field.type !== 'enum') return;
    const values = lines(field.enumValues);
    put(
      `fields.${i}.enumValues`,
      values.length === 0 ? m.valuesRequired : limitProblem(values, insightLimits.enumValues),
    );
    for (const value of values) put(`fields.${i}.enumValues`, limitProblem(value, insightLimits.enumValue));
  });
  return problems;
}
