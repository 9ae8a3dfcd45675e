import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { classifyFailure, deadLetterCategoryOf } from './dead-letter-category.js';

describe('classifyFailure: why a handler gave up, in a word', () => {
  it('tells a timeout, an unreachable database and a refused event from a bug', () => {
    expect(
      classifyFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ).toBe('timeout');
    expect(
      classifyFailure(
        Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      ),
    ).toBe('timeout');
    expect(classifyFailure(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      'db_unavailable',
    );
    expect(classifyFailure(new Error('Connection terminated unexpectedly'))).toBe('db_unavailable');
    // A wrapped driver error is followed through its cause.
    expect(
      classifyFailure(
        new Error('ingest failed', { cause: Object.assign(new Error('x'), { code: '08006' }) }),
      ),
    ).toBe('db_unavailable');
    const invalid = z.object({ id: z.string() }).safeParse({});
    expect(classifyFailure(invalid.error)).toBe('schema_rejected');
    expect(classifyFailure(new AppError('CALLS_INVALID', 'invalid_input', 'bad'))).toBe('schema_rejected');
    expect(classifyFailure(new AppError('OBJECTS_DOWN', 'unavailable', 'down'))).toBe(
      'dependency_unavailable',
    );
    expect(classifyFailure(new AppError('CALLS_NOT_FOUND', 'not_found', 'gone'))).toBe('rejected');
    expect(classifyFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      'handler_error',
    );
    expect(classifyFailure('a string')).toBe('handler_error');
  });

  it('reads a category it does not know as a handler error', () => {
    expect(deadLetterCategoryOf('timeout')).toBe('timeout');
    expect(deadLetterCategoryOf('gremlins')).toBe('handler_error');
  });
});
