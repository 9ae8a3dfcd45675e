import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { consoleFirstRunProbe } from '../../src/app/console-setup.js';
import { consolePlugin } from '../../src/platform/http/console.plugin.js';
import type { TestPlatform } from '../support/test-platform.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const consoleDir = path.join(repo, 'web/console');
export const artifactsDir = path.join(repo, 'test-artifacts/console');
/** Every page at both sizes and in both themes (pages.int.test.ts): what a reviewer looks at. */
export const screenshotsDir = path.join(artifactsDir, 'screenshots');

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Whether web/console/dist is at least as new as the console's sources. */
async function consoleBuildIsFresh(): Promise<boolean> {
  const index = path.join(consoleDir, 'dist/index.html');
  const sources = Math.max(
    await newestMtime(path.join(consoleDir, 'src')),
    (await stat(path.join(consoleDir, 'index.html'))).mtimeMs,
    (await stat(path.join(consoleDir, 'vite.config.ts'))).mtimeMs,
  );
  return existsSync(index) && (await stat(index)).mtimeMs >= sources;
}

/**
 * Builds web/console/dist when it is missing or older than the console's sources (npm ci builds it;
 * a source edit makes it stale). Test files run in parallel processes: one builds under a lock
 * directory while the others wait for it, so no test is served a half-written dist.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  const lock = path.join(consoleDir, '.dist-build.lock');
  for (;;) {
    if (await consoleBuildIsFresh()) return;
    try {
      await mkdir(lock);
    } catch {
      // Another process builds; a lock older than 10 minutes was left by one that died.
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 10 * 60_000) await rm(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      if (!(await consoleBuildIsFresh()))
        await promisify(execFile)(
          process.execPath,
          [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build', consoleDir, '--logLevel', 'error'],
          { cwd: repo },
        );
      return;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}

/**
 * Serves the console from the test platform and listens on a free port. The composition root
 * mounts the console plugin; until it does, the test mounts it the same way.
 */
export async function serveConsole(t: TestPlatform): Promise<string> {
  const http = t.platform.http;
  if (!http) throw new Error('the test platform serves no HTTP');
  if (!http.registeredRoutes.some((r) => r.url === '/console/setup.json')) {
    await http.register(consolePlugin({ firstRun: consoleFirstRunProbe(t.platform.modules.identity) }));
  }
  await http.listen({ host: '127.0.0.1', port: 0 });
  const address = http.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

export interface Browser {
  /** A fresh browser profile: no cookies, no storage, nobody signed in. */
  newContext(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  await mkdir(screenshotsDir, { recursive: true });
  const contexts: { context: BrowserContext; dir: string }[] = [];
  return {
    async newContext(viewport = { width: 1280, height: 800 }) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-chromium-'));
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: chromiumPath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
        viewport,
        locale: 'en-GB',
        timezoneId: 'Europe/Berlin',
      });
      contexts.push({ context, dir });
      return context;
    },
    async close() {
      for (const { context, dir } of contexts) {
        await context.close().catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Records into `complaints` anything a page complains about (script errors, CSP violations,
 * failed requests logged as console errors); returns the page.
 */
export function watchComplaints(complaints: string[]): (page: Page) => Page {
  return (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') complaints.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => complaints.push(`${page.url()}: ${error.message}`));
    return page;
  };
}
