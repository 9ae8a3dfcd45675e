import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('works with an empty environment, on embedded defaults', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.objects.url).toBe(`file://${path.resolve('.switchboard')}/objects`);
    expect(config.dataDir).toBe(path.resolve('.switchboard'));
  });

  it('reads and coerces environment variables', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_POOL_MAX: '7',
      LOG_PRETTY: 'true',
      DATABASE_URL: 'postgres://u:p@db/sb',
    });
    expect(config.http.port).toBe(8080);
    expect(config.database.poolMax).toBe(7);
    expect(config.log.pretty).toBe(true);
    expect(config.database.url).toBe('postgres://u:p@db/sb');
  });

  it('remembers webhook deliveries for ten minutes to recognise replays, unless told otherwise', () => {
    expect(loadConfig({}).webhooks).toEqual({ replayWindowSeconds: 600 });
    expect(loadConfig({ SWITCHBOARD_WEBHOOK_REPLAY_WINDOW_SECONDS: '0' }).webhooks).toEqual({
      replayWindowSeconds: 0,
    });
    expect(problemsOf({ SWITCHBOARD_WEBHOOK_REPLAY_WINDOW_SECONDS: '-5' })).toEqual([
      expect.stringMatching(/^SWITCHBOARD_WEBHOOK_REPLAY_WINDOW_SECONDS: /),
    ]);
  });

  it('points the Teams connector at Microsoft Graph unless told otherwise (national clouds, tests)', () => {
    expect(loadConfig({}).graph).toEqual({
      baseUrl: 'https://graph.microsoft.com/v1.0',
      loginUrl: 'https://login.microsoftonline.com',
    });
    const config = loadConfig({
      SWITCHBOARD_GRAPH_BASE_URL: 'https://graph.microsoft.us/v1.0',
      SWITCHBOARD_GRAPH_LOGIN_URL: 'https://login.microsoftonline.us',
    });
    expect(config.graph).toEqual({
      baseUrl: 'https://graph.microsoft.us/v1.0',
      loginUrl: 'https://login.microsoftonline.us',
    });
    expect(problemsOf({ SWITCHBOARD_GRAPH_BASE_URL: 'graph.microsoft.com' })).toEqual([
      expect.stringMatching(/^SWITCHBOARD_GRAPH_BASE_URL: must be a URL/),
    ]);
  });

  it('names the variable of an invalid value', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT: /)]);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: must be a URL starting with postgres:/),
    ]);
    expect(problemsOf({ SWITCHBOARD_MASTER_KEY: 'c2hvcnQ=' })).toEqual([
      expect.stringMatching(/^SWITCHBOARD_MASTER_KEY: must be 32 bytes/),
    ]);
  });

  it('rejects unknown variables with our prefixes, so typos do not pass silently', () => {
    expect(problemsOf({ SWITCHBOARD_DATADIR: '/tmp/x' })).toEqual([
      expect.stringMatching(/^SWITCHBOARD_DATADIR: unknown setting/),
    ]);
    expect(problemsOf({ DATABASE_ULR: 'postgres://x' })[0]).toMatch(/^DATABASE_ULR: unknown setting/);
    // Other programs' variables are none of our business.
    expect(() => loadConfig({ HOME: '/root', PATH: '/bin', npm_config_cache: 'x' })).not.toThrow();
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ PORT: '-1', LOG_LEVEL: 'loud', SWITCHBOARD_NOPE: '1' })).toHaveLength(3);
  });

  it('reads a JSON config file, which the environment overrides', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sb-config-'));
    const file = path.join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ PORT: 4000, LOG_LEVEL: 'debug' }));
    const config = loadConfig({ SWITCHBOARD_CONFIG_FILE: file, LOG_LEVEL: 'warn' });
    expect(config.http.port).toBe(4000);
    expect(config.log.level).toBe('warn');
  });

  it('rejects unknown keys and bad JSON in the config file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sb-config-'));
    const unknown = path.join(dir, 'unknown.json');
    writeFileSync(unknown, JSON.stringify({ PROT: 1 }));
    expect(problemsOf({ SWITCHBOARD_CONFIG_FILE: unknown })).toEqual([
      'PROT: unknown setting in the config file',
    ]);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ "PORT": ');
    expect(problemsOf({ SWITCHBOARD_CONFIG_FILE: broken })[0]).toMatch(
      /^SWITCHBOARD_CONFIG_FILE: .* is not valid JSON/,
    );
  });

  it('is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
  });
});

describe('describeConfig', () => {
  it('masks secrets but keeps where we connect', () => {
    const described = describeConfig(
      loadConfig({
        DATABASE_URL: 'postgres://admin:hunter2@db.internal:5432/switchboard',
        SWITCHBOARD_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
        REDIS_URL: 'redis://:s3cret@cache:6379',
      }),
    );
    expect(described.DATABASE_URL).toBe('postgres://****:****@db.internal:5432/switchboard');
    expect(described.SWITCHBOARD_MASTER_KEY).toBe('****');
    expect(described.REDIS_URL).not.toContain('s3cret');
    expect(JSON.stringify(described)).not.toContain('hunter2');
  });

  it('takes a NATS prefix that is a valid subject token, and leaves it to the installation otherwise', () => {
    expect(loadConfig({}).bus.natsPrefix).toBeUndefined();
    expect(loadConfig({ SWITCHBOARD_NATS_PREFIX: 'acme-prod' }).bus.natsPrefix).toBe('acme-prod');
    for (const bad of ['Acme', 'a.b', 'a*', '9lives', 'a b', 'x'.repeat(33)]) {
      expect(problemsOf({ SWITCHBOARD_NATS_PREFIX: bad })).toEqual([
        expect.stringMatching(/^SWITCHBOARD_NATS_PREFIX: must be 1-32 characters/),
      ]);
    }
  });

  it('re-drives unprocessed payloads after 15 minutes unless told otherwise, never sooner than a minute', () => {
    expect(loadConfig({}).calls.redriveAfterMs).toBe(900_000);
    expect(loadConfig({ SWITCHBOARD_REDRIVE_AFTER_SECONDS: '300' }).calls.redriveAfterMs).toBe(300_000);
    expect(problemsOf({ SWITCHBOARD_REDRIVE_AFTER_SECONDS: '10' })).toEqual([
      expect.stringMatching(/^SWITCHBOARD_REDRIVE_AFTER_SECONDS: /),
    ]);
  });

  it('lays the raw archive out one object per record unless told segments, and names a bad layout', () => {
    expect(loadConfig({}).calls.archiveLayout).toBe('object-per-record');
    expect(loadConfig({ SWITCHBOARD_ARCHIVE_LAYOUT: 'segments' }).calls.archiveLayout).toBe('segments');
    expect(problemsOf({ SWITCHBOARD_ARCHIVE_LAYOUT: 'segment' })).toEqual([
      expect.stringMatching(/^SWITCHBOARD_ARCHIVE_LAYOUT: .*object-per-record.*segments/),
    ]);
  });
});
