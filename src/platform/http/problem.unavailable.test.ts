import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../bus/dead-letter-category.js';
import { toAppError } from './problem.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a request that failed because PostgreSQL went away', () => {
  it('answers 503 (unavailable, try again), not 500, for a restart, a refused connection or a lost one', () => {
    // As a PostgreSQL 15 fast restart under single-record ingest produced them (session 22).
    for (const error of [
      withCode('the database system is shutting down', '57P03'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('sorry, too many clients already', '53300'),
      withCode('connection failure', '08006'),
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('the batch failed', { cause: withCode('the database system is shutting down', '57P03') }),
    ]) {
      expect(classifyFailure(error), error.message).toBe('db_unavailable');
      expect(toAppError(error)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', kind: 'unavailable' });
    }
  });

  it('leaves every other failure an internal error', () => {
    for (const error of [
      new Error('boom'),
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('relation "calls.missing" does not exist', '42P01'),
    ])
      expect(toAppError(error)).toMatchObject({ code: 'INTERNAL', kind: 'internal' });
  });
});
