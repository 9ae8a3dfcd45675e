import { describe, expect, it } from 'vitest';
import { libpqConnection, parsePgToolVersion } from './pg-tools.js';

describe('PostgreSQL client tools', () => {
  it('reads the major version from --version', () => {
    expect(parsePgToolVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n')).toEqual({
      major: 15,
      version: '15.20',
    });
    expect(parsePgToolVersion('pg_restore (PostgreSQL) 18beta1')).toEqual({ major: 18, version: '18' });
    expect(parsePgToolVersion('something else')).toBeUndefined();
  });

  it('keeps the password off the command line', () => {
    expect(libpqConnection('postgres://owner:s%40cret@db:5432/switchboard?sslmode=require')).toEqual({
      dbname: 'postgres://owner@db:5432/switchboard?sslmode=require',
      env: { PGPASSWORD: 's@cret' },
    });
    expect(libpqConnection('postgres://postgres@127.0.0.1/test').env).toEqual({});
  });
});
