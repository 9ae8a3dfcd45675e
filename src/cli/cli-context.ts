// The helpers of every command. Everything heavy (the platform, the configuration schema, the
// logger) is imported when a command runs, not when the CLI starts: `switchboard --help` and a
// command's option parsing load only commander and the command definitions.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import type { Platform } from '../app/platform.js';
import type { Config } from '../platform/config/index.js';
import { systemContext, type RequestContext } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import type { Logger } from '../platform/telemetry/index.js';

export async function config(): Promise<Config> {
  const { loadConfig } = await import('../platform/config/index.js');
  return loadConfig(process.env);
}

/** CLI commands log only warnings by default, so their own output stays readable. */
export async function cliLogger(cfg: Config): Promise<Logger> {
  const { createLogger } = await import('../platform/telemetry/index.js');
  const { classificationRegistry, redactedFieldNames } = await import('../platform/privacy/index.js');
  const { kernelClassification } = await import('../platform/db/kernel.classification.js');
  const { modules } = await import('../app/modules.js');
  return createLogger({
    level: cfg.settings.LOG_LEVEL === 'info' ? 'warn' : cfg.log.level,
    pretty: cfg.log.pretty,
    redactFields: redactedFieldNames(classificationRegistry(kernelClassification, modules)),
  });
}

/** Runs `fn` with a platform (no HTTP) on the configured database, closing it afterwards. */
export async function withPlatform<T>(fn: (platform: Platform) => Promise<T>): Promise<T> {
  const cfg = await config();
  const { createPlatform } = await import('../app/platform.js');
  const platform = await createPlatform(cfg, { role: 'cli', logger: await cliLogger(cfg) });
  try {
    return await fn(platform);
  } finally {
    await platform.close();
  }
}

/** The context of an operator acting from the command line on one tenant (audited as `system:cli`). */
export async function tenantContext(platform: Platform, tenantRef: string): Promise<RequestContext> {
  const tenant = await platform.modules.identity.tenantAdmin.findBySlugOrId(tenantRef);
  if (!tenant)
    throw new AppError(
      'CLI_TENANT_NOT_FOUND',
      'not_found',
      `No tenant '${tenantRef}'. List them with: switchboard tenants list`,
    );
  return systemContext(tenant.uuid, `cli-${randomUUID()}`, 'cli');
}

/** Reads a secret from the terminal without echoing it. */
export async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new AppError(
      'CLI_NO_TTY',
      'invalid_input',
      'No terminal to ask for the password: pass --password (or pipe it with --password-stdin).',
    );
  }
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const answer = rl.question(question);
  muted = true;
  const value = await answer;
  rl.close();
  process.stdout.write('\n');
  return value;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Collects a repeatable option (`--role a --role b`, or `--role a,b`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}
