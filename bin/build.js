// Compiles src/ into dist/, the JavaScript that `switchboard` and `npm start` run. Each file is
// transpiled on its own by esbuild, exactly as tsx and vitest run the sources (the tsconfig sets
// isolatedModules, so nothing needs the whole program); types are checked by `npm run typecheck`,
// not here. A full build takes well under a second, so the bin can rebuild whenever the sources
// changed instead of running stale JavaScript.
//
//   node bin/build.js            build when src/ changed since the last build
//   node bin/build.js --clean    remove dist/ and build everything
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const sourceDir = path.join(root, 'src');
export const distDir = path.join(root, 'dist');
const stampFile = path.join(distDir, '.build-stamp.json');

/** What the runtime needs: no tests, contract suites or test helpers (`testing/` folders). */
function isRuntimeSource(relative) {
  return (
    relative.endsWith('.ts') &&
    !relative.endsWith('.d.ts') &&
    !relative.endsWith('.test.ts') &&
    !relative.endsWith('.contract.ts') &&
    !relative.split(path.sep).includes('testing')
  );
}

/** What the output depends on besides the sources: how they are built and the tsconfig esbuild reads. */
const buildInputs = [fileURLToPath(import.meta.url), path.join(root, 'tsconfig.json')];

/**
 * The runtime sources and a fingerprint of them: their number and newest modification time,
 * folders included (a deleted or renamed file changes its folder's), and this script's and the
 * tsconfig's. Any edit, checkout, added or removed file changes it; it costs about 10 ms of stat
 * calls.
 */
function scanSources() {
  const files = [];
  let newest = Math.max(
    ...[sourceDir, ...buildInputs].map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)),
  );
  for (const entry of readdirSync(sourceDir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    } else if (entry.isFile() && isRuntimeSource(path.relative(sourceDir, full))) {
      files.push(full);
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return { files, fingerprint: `${files.length}:${newest}` };
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Whether dist/ holds the build of the sources as they are now. */
export function isBuildCurrent() {
  if (!existsSync(sourceDir)) return true; // an installed package: dist/ is all there is
  return readStamp()?.sources === scanSources().fingerprint;
}

/** Writes through a temporary name, so a process loading dist/ meanwhile never reads half a file. */
function writeAtomically(file, contents) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/**
 * Builds dist/ from src/. Concurrent builds (test files spawning the CLI in parallel) are safe:
 * they write the same files, each atomically. The stamp records the sources as they were before
 * the build read them, so an edit made during a build is caught by the next check.
 */
export async function build({ clean = false } = {}) {
  const started = performance.now();
  const { files, fingerprint } = scanSources();
  if (clean) rmSync(distDir, { recursive: true, force: true });
  const esbuild = await import('esbuild');
  try {
    const result = await esbuild.build({
      entryPoints: files,
      outbase: sourceDir,
      outdir: distDir,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      sourcemap: 'linked',
      sourcesContent: false,
      write: false,
      logLevel: 'error',
    });
    const written = new Set();
    for (const output of result.outputFiles) {
      writeAtomically(output.path, output.contents);
      written.add(output.path);
    }
    removeLeftovers(written);
  } finally {
    await esbuild.stop();
  }
  writeAtomically(stampFile, `${JSON.stringify({ sources: fingerprint })}\n`);
  return { files: files.length, ms: Math.round(performance.now() - started) };
}

/** Removes the output of sources that no longer exist, so nothing can import them by accident. */
function removeLeftovers(written) {
  if (!existsSync(distDir)) return;
  for (const entry of readdirSync(distDir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && /\.js(\.map)?$/.test(entry.name) && !written.has(full)) unlinkSync(full);
  }
}

async function hasBuildTools() {
  try {
    await import('esbuild');
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds when the sources changed since the last build. Without the build tools (an install
 * without dev dependencies) it says so and runs dist/ as it is, unless there is no dist/.
 */
export async function ensureBuilt() {
  if (isBuildCurrent()) return;
  if (await hasBuildTools()) {
    await build();
    return;
  }
  if (!existsSync(stampFile)) {
    throw new Error(
      'dist/ is not built and esbuild is not installed: run `npm install` (with dev dependencies), then try again',
    );
  }
  process.stderr.write(
    'switchboard: src/ changed since dist/ was built, and esbuild is not installed to rebuild it; running the old build\n',
  );
}

// `node bin/build.js` (the prepare script, on `npm install` and `npm ci`) and `npm run build`.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const clean = process.argv.includes('--clean');
  if (!(await hasBuildTools())) {
    process.stdout.write(
      'server: build tools not installed (production install?); running whatever dist/ holds\n',
    );
  } else if (!clean && isBuildCurrent()) {
    process.stdout.write('server: dist/ is up to date\n');
  } else {
    const { files, ms } = await build({ clean });
    process.stdout.write(`server: built ${files} files into dist/ in ${ms} ms\n`);
  }
}
