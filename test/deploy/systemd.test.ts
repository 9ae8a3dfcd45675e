import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configFrom, sampleMasterKey, unknownSettings } from './support/switchboard-env.js';

/*
 * deploy/systemd: the units for bare machines, parsed and checked for what they promise (one
 * role each, distinct ports, the hardening options, the environment Switchboard accepts), and
 * verified by `systemd-analyze verify` where systemd is installed.
 */

const dir = fileURLToPath(new URL('../../deploy/systemd/', import.meta.url));
const unitFiles = readdirSync(dir).filter((f) => /\.(service|timer)$/.test(f));

/** A unit file as sections of key → values (a key may repeat: Environment=, ReadWritePaths=). */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let current: Record<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header?.[1]) {
      current = sections[header[1]] = {};
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 0) throw new Error(`not a unit line: ${line}`);
    (current[line.slice(0, eq)] ??= []).push(line.slice(eq + 1));
  }
  return sections;
}

const units = Object.fromEntries(
  unitFiles.map((f) => [f, parseUnit(readFileSync(path.join(dir, f), 'utf8'))]),
);
const service = (name: string) => units[name]?.Service ?? {};
const envOf = (name: string) =>
  Object.fromEntries(
    (service(name).Environment ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
  );
const exampleEnv = Object.fromEntries(
  readFileSync(path.join(dir, 'switchboard.env.example'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

const roles = ['api', 'worker', 'scheduler'];
const services = unitFiles.filter((f) => f.endsWith('.service'));

// verify also checks that each ExecStart's program exists: the units name Debian's /usr/bin/node.
const systemdAnalyze =
  spawnSync('systemd-analyze', ['--version']).status === 0 && existsSync('/usr/bin/node');
if (!systemdAnalyze)
  process.stderr.write(
    'Skipping `systemd-analyze verify` of deploy/systemd: systemd or /usr/bin/node is not installed.\n',
  );

describe('deploy/systemd', () => {
  it('has a unit per role, the migrations, and a nightly backup timer', () => {
    expect(unitFiles.sort()).toEqual([
      'switchboard-api.service',
      'switchboard-backup.service',
      'switchboard-backup.timer',
      'switchboard-migrate.service',
      'switchboard-scheduler.service',
      'switchboard-worker.service',
    ]);
    for (const role of [...roles, 'migrate']) {
      expect(service(`switchboard-${role}.service`).ExecStart).toEqual([
        `/usr/bin/node /opt/switchboard/current/bin/switchboard.js ${role}`,
      ]);
    }
    expect(service('switchboard-migrate.service').Type).toEqual(['oneshot']);
    expect(service('switchboard-backup.service').ExecStart?.[0]).toMatch(/switchboard\.js backup /);
    const timer = units['switchboard-backup.timer']?.Timer ?? {};
    expect(timer.OnCalendar).toEqual(['*-*-* 02:30:00']);
    expect(timer.Persistent).toEqual(['true']);
  });

  it('gives each role its own port, leaves timers to the scheduler, and restarts on failure after a graceful stop', () => {
    const ports = roles.map((role) => envOf(`switchboard-${role}.service`).PORT);
    expect(new Set(ports).size).toBe(3);
    expect(envOf('switchboard-worker.service').SWITCHBOARD_TIMERS).toBe('false');
    expect(envOf('switchboard-scheduler.service').SWITCHBOARD_TIMERS).toBeUndefined();
    for (const role of roles) {
      const unit = service(`switchboard-${role}.service`);
      expect(unit.Restart, role).toEqual(['on-failure']);
      expect(unit.KillMode, role).toEqual(['mixed']);
      // Longer than the default shutdown timeout (15 s), so the graceful stop can finish.
      expect(Number(unit.TimeoutStopSec?.[0]), role).toBeGreaterThan(15);
      expect(units[`switchboard-${role}.service`]?.Unit?.After?.[0], role).toContain(
        'switchboard-migrate.service',
      );
    }
  });

  it('hardens every service: unprivileged user, no new privileges, read-only system, private /tmp, no capabilities', () => {
    for (const name of services) {
      const unit = service(name);
      expect(unit, name).toMatchObject({
        User: ['switchboard'],
        NoNewPrivileges: ['yes'],
        ProtectSystem: ['strict'],
        ProtectHome: ['yes'],
        PrivateTmp: ['yes'],
        PrivateDevices: ['yes'],
        ProtectKernelTunables: ['yes'],
        ProtectKernelModules: ['yes'],
        ProtectControlGroups: ['yes'],
        RestrictSUIDSGID: ['yes'],
        CapabilityBoundingSet: [''],
        SystemCallFilter: ['@system-service'],
        RestrictAddressFamilies: ['AF_INET AF_INET6 AF_UNIX'],
        UMask: ['0077'],
        StateDirectory: ['switchboard'],
      });
      expect(unit.ReadWritePaths, name).toContain('/var/lib/switchboard');
    }
    expect(service('switchboard-backup.service').ReadWritePaths).toContain('/var/backups/switchboard');
  });

  it("reads an environment file that, with each unit's own settings, is a configuration Switchboard accepts", () => {
    // The file would override the units' Environment= lines, so it must leave those alone.
    for (const key of ['PORT', 'SWITCHBOARD_DATA_DIR', 'OTEL_SERVICE_NAME'])
      expect(exampleEnv[key]).toBeUndefined();
    for (const role of roles) {
      const env = {
        ...envOf(`switchboard-${role}.service`),
        ...exampleEnv,
        SWITCHBOARD_MASTER_KEY: sampleMasterKey,
      };
      expect(unknownSettings(env), role).toEqual([]);
      const config = configFrom(env);
      expect(config.dataDir).toBe('/var/lib/switchboard');
      expect(config.http.publicUrl).toBe('https://switchboard.example.com');
      expect(config.bus.natsUrl).toBe('nats://nats.internal:4222');
      expect(service(`switchboard-${role}.service`).EnvironmentFile).toEqual([
        '/etc/switchboard/switchboard.env',
      ]);
    }
  });

  it.skipIf(!systemdAnalyze)('passes systemd-analyze verify without a warning', async () => {
    const { stderr } = await promisify(execFile)(
      'systemd-analyze',
      ['verify', ...unitFiles.map((f) => path.join(dir, f))],
      { env: { ...process.env, SYSTEMD_LOG_LEVEL: 'warning' } },
    );
    expect(stderr).toBe('');
  });
});
