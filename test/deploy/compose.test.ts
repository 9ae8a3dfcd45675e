import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseObjectStoreUrl } from '../../src/platform/objects/index.js';
import { interpolate } from './support/compose-interpolate.js';
import { configFrom, sampleMasterKey, unknownSettings } from './support/switchboard-env.js';

/*
 * deploy/compose.yaml: parsed with `yaml` (merge keys on, as compose reads them) and checked for
 * what the issue asks (PostgreSQL, NATS with JetStream, an S3 store, Redis, 2 api, 2 workers, an
 * OTLP collector), for health checks and start order, and for each Switchboard process's
 * environment against the real configuration schema. `docker-compose config` (Debian's
 * docker-compose, no daemon needed) validates the file as compose does, when it is installed.
 */

const deployDir = fileURLToPath(new URL('../../deploy/', import.meta.url));
const composeFile = path.join(deployDir, 'compose.yaml');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  read_only?: boolean;
  tmpfs?: string[];
  cap_drop?: string[];
  security_opt?: string[];
  restart?: string;
  volumes?: string[];
  ports?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true }) as ComposeFile;
const { services } = compose;
const byRole = (role: string) =>
  Object.entries(services).filter(
    ([, s]) => s.build?.dockerfile === 'deploy/Dockerfile' && s.command?.[0] === role,
  );
const switchboardServices = Object.entries(services).filter(
  ([, s]) => s.build?.dockerfile === 'deploy/Dockerfile',
);

/** What an operator puts in deploy/.env (deploy/compose/env.example lists it). */
const operatorEnv = {
  SWITCHBOARD_DOMAIN: 'switchboard.example.com',
  SWITCHBOARD_MASTER_KEY: sampleMasterKey,
  POSTGRES_PASSWORD: 'pg0secret',
  MINIO_ROOT_USER: 'switchboard',
  MINIO_ROOT_PASSWORD: 'minio0secret',
  REDIS_PASSWORD: 'redis0secret',
};
const envOf = (service: Service) =>
  Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(v, operatorEnv)]),
  );

const dockerCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
if (!dockerCompose) {
  process.stderr.write(
    'Skipping `docker-compose config` on deploy/compose.yaml: docker-compose is not installed (apt-get install -y docker-compose).\n',
  );
}

describe('deploy/compose.yaml', () => {
  it('runs PostgreSQL, NATS with JetStream, MinIO (S3), Redis and an OpenTelemetry collector', () => {
    expect(services.postgres?.image).toMatch(/^postgres:\d+\.\d+/);
    expect(services.nats?.image).toMatch(/^nats:\d+\.\d+\.\d+/);
    expect(services.nats?.command).toContain('--jetstream');
    expect(services.nats?.command).toContain('--store_dir');
    expect(services.minio?.image).toMatch(/^minio\/minio:RELEASE\./);
    expect(services['minio-init']?.command?.join(' ')).toMatch(
      /mc mb --ignore-existing --with-lock local\/switchboard/,
    );
    expect(services.redis?.image).toMatch(/^redis:\d+\.\d+\.\d+/);
    expect(services['otel-collector']?.image).toMatch(
      /^otel\/opentelemetry-collector(-contrib)?:\d+\.\d+\.\d+$/,
    );
    const collector = parse(readFileSync(path.join(deployDir, 'compose/otel-collector.yaml'), 'utf8')) as {
      receivers: { otlp: { protocols: { http: { endpoint: string } } } };
      service: { pipelines: { traces: { receivers: string[] } } };
    };
    expect(collector.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(collector.service.pipelines.traces.receivers).toContain('otlp');
  });

  it('runs 2 api processes, 2 workers, one scheduler and the migrations as a one-shot job', () => {
    expect(byRole('api').map(([name]) => name)).toEqual(['api-1', 'api-2']);
    expect(byRole('worker').map(([name]) => name)).toEqual(['worker-1', 'worker-2']);
    expect(byRole('scheduler').map(([name]) => name)).toEqual(['scheduler']);
    const [[, migrate] = ['', {} as Service]] = byRole('migrate');
    expect(migrate.restart).toBe('no');
    expect(migrate.healthcheck?.disable).toBe(true);
  });

  it('leaves the timers to the scheduler: workers run with SWITCHBOARD_TIMERS=false, the scheduler without it', () => {
    for (const [name, worker] of byRole('worker'))
      expect(worker.environment?.SWITCHBOARD_TIMERS, name).toBe('false');
    for (const [name, scheduler] of byRole('scheduler'))
      expect(scheduler.environment?.SWITCHBOARD_TIMERS, name).toBeUndefined();
  });

  it('health-checks every long-running service, and starts each after what it needs is healthy or done', () => {
    for (const name of ['postgres', 'nats', 'minio', 'redis']) {
      expect(services[name]?.healthcheck?.test?.length, name).toBeGreaterThan(0);
    }
    for (const role of ['api', 'worker', 'scheduler']) {
      for (const [name, service] of byRole(role)) {
        expect(service.healthcheck?.test?.join(' '), name).toMatch(/\/readyz/);
        expect(service.depends_on, name).toMatchObject({
          migrate: { condition: 'service_completed_successfully' },
          nats: { condition: 'service_healthy' },
          redis: { condition: 'service_healthy' },
          'minio-init': { condition: 'service_completed_successfully' },
        });
      }
    }
    expect(services.migrate?.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
    expect(services['minio-init']?.depends_on).toMatchObject({ minio: { condition: 'service_healthy' } });
    expect(services.proxy?.depends_on).toMatchObject({
      'api-1': { condition: 'service_healthy' },
      'api-2': { condition: 'service_healthy' },
    });
  });

  it('runs Switchboard read-only, without capabilities, with /tmp as a tmpfs and the data dir as a volume', () => {
    expect(switchboardServices.length).toBe(6);
    for (const [name, service] of switchboardServices) {
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
      expect(service.security_opt, name).toContain('no-new-privileges:true');
      expect(service.tmpfs?.[0], name).toMatch(/^\/tmp:/);
      expect(service.volumes, name).toContain('switchboard-data:/var/lib/switchboard');
    }
  });

  it("gives each Switchboard process a configuration that Switchboard's own schema accepts", () => {
    for (const [name, service] of switchboardServices) {
      const env = envOf(service);
      expect(unknownSettings(env), name).toEqual([]);
      const config = configFrom(env);
      expect(config.http.host, name).toBe('0.0.0.0');
      expect(config.http.publicUrl).toBe('https://switchboard.example.com');
      expect(config.http.trustProxy).toBe(true);
      expect(config.bus.natsUrl).toBe('nats://nats:4222');
      expect(config.redis.url).toBe('redis://:redis0secret@redis:6379');
      expect(config.security.masterKey).toBe(sampleMasterKey);
      expect(parseObjectStoreUrl(config.objects.url, { cwd: '/' })).toMatchObject({
        kind: 's3',
        options: {
          bucket: 'switchboard',
          endpoint: 'http://minio:9000',
          forcePathStyle: true,
          credentials: { accessKeyId: 'switchboard', secretAccessKey: 'minio0secret' },
        },
      });
      expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
    }
  });

  it('refuses to start without a secret, naming it, instead of running with an empty one', () => {
    const withoutKey: Record<string, string> = { ...operatorEnv, SWITCHBOARD_MASTER_KEY: '' };
    expect(() => envOfWith(services['api-1'] ?? {}, withoutKey)).toThrow(
      /SWITCHBOARD_MASTER_KEY: set SWITCHBOARD_MASTER_KEY in deploy\/\.env/,
    );
  });

  it.skipIf(!dockerCompose)(
    'is a valid compose file for `docker-compose config` (and names a missing secret)',
    async () => {
      const run = (env: Record<string, string>) =>
        promisify(execFile)('docker-compose', ['-f', composeFile, 'config', '-q'], {
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        });
      await expect(run(operatorEnv)).resolves.toMatchObject({ stderr: '' });
      await expect(run({ ...operatorEnv, POSTGRES_PASSWORD: '' })).rejects.toThrow(/set POSTGRES_PASSWORD/);
    },
  );
});

function envOfWith(service: Service, env: Record<string, string>) {
  return Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(v, env)]);
}
