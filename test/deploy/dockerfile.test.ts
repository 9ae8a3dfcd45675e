import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Copy, DockerfileParser, JSONInstruction, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';

/*
 * deploy/Dockerfile, linted with the rules of hadolint that apply to it (hadolint is not packaged
 * for Debian and no Docker daemon runs here, so the image itself is not built in CI; this parses the
 * file with dockerfile-ast and checks each rule by its hadolint code, plus the promises the image
 * makes: multi-stage, non-root, read-only root file system, no build tools in the runtime stage).
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const text = readFileSync(path.join(root, 'deploy/Dockerfile'), 'utf8');
const dockerfile = DockerfileParser.parse(text);
const instructions = dockerfile.getInstructions();

/** The instructions of each stage, from its FROM to the next one. */
const stages: Instruction[][] = [];
for (const instruction of instructions) {
  if (instruction.getKeyword() === 'FROM') stages.push([]);
  stages.at(-1)?.push(instruction);
}
const runtime = stages.at(-1) ?? [];
const of = (stage: Instruction[], keyword: string) => stage.filter((i) => i.getKeyword() === keyword);
const copiesOf = (stage: Instruction[]) => stage.filter((i): i is Copy => i instanceof Copy);
/** An instruction's arguments as one line (continuations joined). */
const argsOf = (i: Instruction) => (i.getArgumentsContent() ?? '').replace(/\\\n/g, ' ').replace(/\s+/g, ' ');
const runs = of(instructions, 'RUN').map(argsOf);
const stageNames = new Set(
  of(instructions, 'FROM').map((from) => /\bAS\s+(\S+)/i.exec(argsOf(from))?.[1]?.toLowerCase()),
);

describe('deploy/Dockerfile (hadolint rules by code, and the image promises)', () => {
  it('DL3006/DL3007 and a pinned base: every base image names a full release (x.y.z) or a digest, never latest', () => {
    const bases = of(instructions, 'FROM')
      .map((from) => argsOf(from).split(/\s+/)[0] ?? '')
      .filter((image) => !stageNames.has(image.toLowerCase()));
    expect(bases.length).toBeGreaterThan(0);
    for (const image of bases) {
      expect(image, image).toMatch(
        /^[\w./-]+:\d+\.\d+\.\d+[\w.-]*(@sha256:[0-9a-f]{64})?$|@sha256:[0-9a-f]{64}$/,
      );
      expect(image).not.toMatch(/:latest\b/);
    }
  });

  it('is multi-stage: a build stage and a runtime stage that copies only built output from it', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const copies = of(runtime, 'COPY').map(argsOf);
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copiesOf(runtime)) {
      // Every COPY of the runtime stage takes from the build stage; nothing from the context.
      expect(argsOf(copy), 'COPY in the runtime stage').toBeTruthy();
      expect(
        copy.getFlags().some((f) => f.getName() === 'from'),
        `${argsOf(copy)} copies from the build context`,
      ).toBe(true);
    }
    const sources = copies.map((c) => c.split(' ')[0]);
    expect(sources).toEqual(
      expect.arrayContaining([
        '/app/dist',
        '/app/node_modules',
        '/app/bin',
        '/app/web/console/dist',
        '/app/web/portal/dist',
      ]),
    );
    expect(sources.some((s) => s === '/app/src' || s === '/app' || s === '.')).toBe(false);
  });

  it('has no build tools in the runtime stage: no npm, yarn or compiler runs there, and npm, npx, corepack and yarn are removed', () => {
    const runtimeRuns = of(runtime, 'RUN').map(argsOf).join('\n');
    expect(runtimeRuns).not.toMatch(/\b(npm|npx|yarn|pnpm|corepack)\s+(ci|install|run|add|exec|rebuild)\b/);
    expect(runtimeRuns).not.toMatch(/\b(build-essential|gcc|g\+\+|make|python3?|node-gyp)\b/);
    for (const removed of [
      '/usr/local/lib/node_modules/npm',
      '/usr/local/lib/node_modules/corepack',
      '/usr/local/bin/npm',
      '/usr/local/bin/npx',
      '/usr/local/bin/corepack',
      '/usr/local/bin/yarn',
    ]) {
      expect(runtimeRuns).toContain(removed);
    }
    // The build stage drops dev dependencies and the compilers that are production dependencies.
    const buildRuns = stages
      .slice(0, -1)
      .flatMap((s) => of(s, 'RUN').map(argsOf))
      .join('\n');
    expect(buildRuns).toMatch(/npm prune --omit=dev/);
    expect(buildRuns).toMatch(/rm -rf node_modules\/esbuild node_modules\/@esbuild node_modules\/tsx/);
  });

  it('DL3002: the last USER is not root, and it is numeric (uid:gid) so that runAsNonRoot can verify it', () => {
    const users = of(runtime, 'USER').map(argsOf);
    const last = users.at(-1) ?? '';
    expect(last).toMatch(/^\d+(:\d+)?$/);
    expect(last.split(':')[0]).not.toBe('0');
    // Nothing runs after USER that would need root.
    const userIndex = runtime.findIndex((i) => i.getKeyword() === 'USER');
    expect(of(runtime.slice(userIndex), 'RUN')).toHaveLength(0);
  });

  it('works on a read-only root file system: /tmp and the data dir are volumes, the data dir is the configured one', () => {
    const volumes = of(runtime, 'VOLUME').flatMap((v) =>
      v instanceof JSONInstruction ? v.getJSONStrings().map((s) => s.getJSONValue()) : argsOf(v).split(' '),
    );
    expect(volumes).toEqual(expect.arrayContaining(['/tmp', '/var/lib/switchboard']));
    const env = of(runtime, 'ENV').map(argsOf).join(' ');
    expect(env).toContain('SWITCHBOARD_DATA_DIR=/var/lib/switchboard');
    expect(env).toContain('HOST=0.0.0.0');
    expect(env).toContain('NODE_ENV=production');
    // Application files belong to root: the process cannot change its own code.
    for (const copy of copiesOf(runtime)) {
      expect(argsOf(copy).length).toBeGreaterThan(0);
      expect(
        copy
          .getFlags()
          .find((f) => f.getName() === 'chown')
          ?.getValue(),
        `${argsOf(copy)} must be --chown=0:0`,
      ).toBe('0:0');
    }
  });

  it('DL3025: ENTRYPOINT, CMD and HEALTHCHECK CMD use the JSON (exec) form; the entrypoint is the switchboard CLI', () => {
    for (const keyword of ['ENTRYPOINT', 'CMD']) {
      const [instruction] = of(runtime, keyword);
      expect(instruction, keyword).toBeInstanceOf(JSONInstruction);
    }
    const [entrypoint] = of(runtime, 'ENTRYPOINT');
    expect(
      entrypoint instanceof JSONInstruction && entrypoint.getJSONStrings().map((s) => s.getJSONValue()),
    ).toEqual(['node', '/app/bin/switchboard.js']);
    const [healthcheck] = of(runtime, 'HEALTHCHECK');
    expect(healthcheck ? argsOf(healthcheck) : '').toMatch(/CMD \["node", "-e", .*\/healthz/);
  });

  it('DL3057: the runtime stage has a HEALTHCHECK', () => {
    expect(of(runtime, 'HEALTHCHECK')).toHaveLength(1);
  });

  it('DL3020: COPY, never ADD; DL3000: absolute WORKDIRs; DL3003: WORKDIR, not cd', () => {
    expect(of(instructions, 'ADD')).toHaveLength(0);
    for (const workdir of of(instructions, 'WORKDIR')) expect(argsOf(workdir)).toMatch(/^\//);
    for (const run of runs) expect(run).not.toMatch(/(^|&&|;)\s*cd\s/);
  });

  it('DL3009/DL3014/DL3015/DL3027: apt-get with -y and --no-install-recommends, lists removed in the same RUN, never apt', () => {
    const aptRuns = runs.filter((run) => /apt-get install/.test(run));
    expect(aptRuns.length).toBeGreaterThan(0); // the MEDIA_TOOLS build argument
    for (const run of aptRuns) {
      expect(run).toMatch(/apt-get install -y --no-install-recommends/);
      expect(run).toContain('rm -rf /var/lib/apt/lists/*');
    }
    for (const run of runs) expect(run).not.toMatch(/(^|\s)apt\s+(install|update|upgrade)/);
    // DL3008 (pin apt package versions) is deliberately not followed: Debian replaces a version
    // when a security update lands, so a pinned version stops building; the base image is pinned.
  });

  it('DL4006: a RUN with a pipe runs under a shell with pipefail', () => {
    for (const stage of stages) {
      let pipefail = false;
      for (const instruction of stage) {
        if (instruction.getKeyword() === 'SHELL') pipefail = argsOf(instruction).includes('pipefail');
        if (instruction.getKeyword() === 'RUN' && /[^|]\|[^|]/.test(argsOf(instruction))) {
          expect(pipefail, argsOf(instruction)).toBe(true);
        }
      }
    }
  });

  it('ships every file the server reads from src/ at run time (the build copies it next to the compiled code)', () => {
    const assets = readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.endsWith('.ts') && !e.name.endsWith('.md'))
      .map((e) => path.relative(path.join(root, 'src'), path.join(e.parentPath, e.name)))
      .filter((relative) => !relative.split(path.sep).includes('testing'));
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(runs.join('\n'), `src/${asset} is not copied into dist/`).toContain(
        `cp src/${asset} dist/${asset}`,
      );
    }
  });

  it('.dockerignore keeps local builds, dependencies, data and secrets out of the build context', () => {
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(
      expect.arrayContaining(['**/node_modules', 'dist', 'web/**/dist', '.git', '.switchboard', '.env']),
    );
  });
});
