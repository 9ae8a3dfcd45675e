import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { animationsFinished } from '../support/browser.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const portalDir = path.join(repo, 'web/portal');
const kitDir = path.join(repo, 'web/console/src');
export const portalArtifactsDir = path.join(repo, 'test-artifacts/portal');

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Whether web/portal/dist is at least as new as the portal's sources and the console kit it uses. */
async function portalBuildIsFresh(): Promise<boolean> {
  const index = path.join(portalDir, 'dist/index.html');
  const sources = Math.max(
    await newestMtime(path.join(portalDir, 'src')),
    await newestMtime(kitDir),
    (await stat(path.join(portalDir, 'index.html'))).mtimeMs,
    (await stat(path.join(portalDir, 'vite.config.ts'))).mtimeMs,
  );
  return existsSync(index) && (await stat(index)).mtimeMs >= sources;
}

/** Builds web/portal/dist when missing or stale, one process at a time (like ensureConsoleBuilt). */
export async function ensurePortalBuilt(): Promise<void> {
  const lock = path.join(portalDir, '.dist-build.lock');
  for (;;) {
    if (await portalBuildIsFresh()) return;
    try {
      await mkdir(lock);
    } catch {
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 10 * 60_000) await rm(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      if (!(await portalBuildIsFresh()))
        await promisify(execFile)(
          process.execPath,
          [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build', portalDir, '--logLevel', 'error'],
          { cwd: repo },
        );
      return;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}

/** A free TCP port: the platform's public URL (the provider's callback, the 3-D Secure link) is fixed before it starts. */
export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

export interface ConsumerAccount {
  readonly sub: string;
  readonly email: string;
  readonly name: string;
}

/**
 * A consumer identity provider (`oidc-provider`) for the portal: its login page signs in whoever
 * the test names and consents at once.
 */
export async function startConsumerIdp(callback: string, clientId: string) {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const state: { account: ConsumerAccount } = {
    account: { sub: 'nobody', email: 'nobody@example.test', name: 'Nobody' },
  };
  const accounts = new Map<string, ConsumerAccount>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: [callback],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'consumer-key-1', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['test-cookie-signing-key'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      return account
        ? {
            accountId: sub,
            claims: () => ({ sub, email: account.email, email_verified: true, name: account.name }),
          }
        : undefined;
    },
  });
  const handle = provider.callback();
  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const { account } = state;
    accounts.set(account.sub, account);
    const grant = new provider.Grant({ accountId: account.sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub }, consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: false },
    );
  }
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    void handle(req, res);
  });
  return { issuer, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

interface AxeViolation {
  readonly id: string;
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[]; readonly html?: string }[];
}

/** axe-core's source, for `context.addInitScript` (DevTools injection: the platform's CSP does not govern it). */
export async function axeSource(): Promise<string> {
  return readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
}

/** axe-core on the page as it is: the serious and critical violations, in words. */
export async function axe(page: Page): Promise<string[]> {
  await animationsFinished(page);
  const violations = await page.evaluate<AxeViolation[]>(
    `window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => `${n.target.join(' ')} ${(n.html ?? '').slice(0, 160)}`).join(', ')}`,
    );
}

/** Waits until the page has drawn its content: a heading, no loading placeholder. */
export async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
  await page
    .waitForFunction(
      'document.querySelector(\'.skeleton, .page-pending, [aria-busy="true"]\') === null',
      undefined,
      {
        timeout: 10_000,
      },
    )
    .catch(() => undefined);
}

export interface ReceivedMail {
  readonly to: readonly string[];
  /** The message as sent, quoted-printable soft breaks joined and `=XX` decoded. */
  readonly text: string;
}

/** A real SMTP server (the smtp-server package) that keeps what it receives, as the notifications module's test does. */
export async function startSmtp(): Promise<{
  url: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          text: raw
            .replace(/=\r?\n/g, '')
            .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The entry names of a zip archive, read from its central directory (throws when it is not a zip). */
export function zipEntryNames(zip: Buffer): string[] {
  if (zip.readUInt32LE(0) !== 0x04034b50) throw new Error('not a zip: no local file header');
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('not a zip: broken central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}
