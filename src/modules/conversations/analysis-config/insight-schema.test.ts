import { describe, expect, it } from 'vitest';
import { insightJsonSchema, insightSchemaBodySchema, validateInsightResult } from './insight-schema.js';
import { parseConfigBody } from './analysis-config.service.js';
import { AppError } from '../../../platform/errors.js';

const definition = insightSchemaBodySchema.parse({
  name: 'Support insights',
  fields: [
    {
      name: 'reason',
      type: 'enum',
      description: 'Why the customer called',
      enumValues: ['billing', 'cancel', 'other'],
      required: true,
    },
    { name: 'resolved', type: 'boolean', description: 'Resolved on the call', required: true },
    { name: 'products', type: 'array-of-string', description: 'Products mentioned' },
    { name: 'refundAmount', type: 'number', description: 'Refund promised, in the call currency' },
    { name: 'summary', type: 'string', description: 'One sentence' },
  ],
});

const fieldsOf = (body: unknown) => {
  try {
    parseConfigBody('insight_schema', body);
    return [];
  } catch (error) {
    return (error as AppError).fields.map((f) => f.field);
  }
};

describe('insight schemas', () => {
  it('compile to a JSON Schema with the required fields and enum values', () => {
    expect(insightJsonSchema(definition)).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['reason', 'resolved'],
      properties: {
        reason: { type: 'string', enum: ['billing', 'cancel', 'other'] },
        products: { type: 'array', items: { type: 'string' } },
      },
    });
  });

  it('accept a result that fits, and name every field of one that does not', () => {
    expect(
      validateInsightResult(definition, { reason: 'cancel', resolved: false, products: ['Pro plan'] }).valid,
    ).toBe(true);
    const bad = validateInsightResult(definition, { reason: 'weather', products: ['a', 3], extra: 1 });
    expect(bad.valid).toBe(false);
    expect(bad.problems.map((p) => p.field).sort()).toEqual(['extra', 'products.1', 'reason', 'resolved']);
  });

  it('refuse bad definitions, naming the field path', () => {
    const field = { name: 'reason', type: 'string', description: 'Why' };
    expect(fieldsOf({ name: 'x', fields: [field, { ...field, type: 'enum' }] })).toEqual([
      'body.fields.1.name',
      'body.fields.1.enumValues',
    ]);
    expect(fieldsOf({ name: 'x', fields: [{ ...field, enumValues: ['a'] }] })).toEqual([
      'body.fields.0.enumValues',
    ]);
    expect(
      fieldsOf({ name: 'x', fields: [{ ...field, type: 'enum', enumValues: ['a', 'b', 'a'] }] }),
    ).toEqual(['body.fields.0.enumValues.2']);
    expect(fieldsOf({ name: 'x', fields: [{ ...field, name: 'Has space' }] })).toEqual([
      'body.fields.0.name',
    ]);
    expect(fieldsOf({ name: 'x', fields: [{ ...field, type: 'date' }] })).toEqual(['body.fields.0.type']);
    expect(fieldsOf({ name: 'x', fields: [] })).toEqual(['body.fields']);
  });
});
