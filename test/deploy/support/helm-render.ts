import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from './kubernetes-objects.js';

/*
 * Renders deploy/helm/switchboard with deploy/helm/tools/render, the repository's stand-in for
 * `helm template` (Helm cannot be installed where CI runs; see that program's comment). The
 * program is built from source for the run with Debian's Go and sprig packages, offline.
 */

const goPath = process.env.SWITCHBOARD_GOPATH ?? '/usr/share/gocode';

/** Why the chart cannot be rendered here, or undefined when it can. */
export function rendererMissing(): string | undefined {
  if (spawnSync('go', ['version']).status !== 0) return 'go is not installed (apt-get install -y golang-go)';
  for (const pkg of ['github.com/Masterminds/sprig', 'sigs.k8s.io/yaml']) {
    if (!existsSync(path.join(goPath, 'src', pkg)))
      return `the Go package ${pkg} is not in ${goPath} (apt-get install -y golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev)`;
  }
  return undefined;
}

export interface Renderer {
  render(options?: RenderOptions): Promise<string>;
  /** The values after coalescing values.yaml with the files, as the templates see them. */
  values(files?: readonly string[]): Promise<unknown>;
  close(): void;
}

export interface RenderOptions {
  readonly files?: readonly string[];
  readonly upgrade?: boolean;
  readonly notes?: boolean;
}

export async function buildRenderer(root: string): Promise<Renderer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-render-'));
  const binary = path.join(dir, 'render');
  await promisify(execFile)('go', ['build', '-o', binary, './deploy/helm/tools/render'], {
    cwd: root,
    env: { ...process.env, GO111MODULE: 'off', GOPATH: goPath, GOFLAGS: '' },
  });
  const chart = path.join(root, 'deploy/helm/switchboard');
  const run = async (args: string[]) =>
    (
      await promisify(execFile)(binary, [
        '-chart',
        chart,
        '-name',
        'switchboard',
        '-namespace',
        'switchboard',
        ...args,
      ])
    ).stdout;
  const fileArgs = (files: readonly string[] = []) => files.flatMap((f) => ['-f', f]);
  return {
    render: (options = {}) =>
      run([
        ...fileArgs(options.files),
        ...(options.upgrade ? ['-is-upgrade'] : []),
        ...(options.notes ? ['-notes'] : []),
      ]),
    values: async (files) => JSON.parse(await run(['-print-values', ...fileArgs(files)])) as unknown,
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The objects of a rendering, each YAML document parsed; a document that fails to parse throws. */
export function objectsOf(manifests: string): KubeObject[] {
  return parseAllDocuments(manifests.replace(/\nNOTES:\n[\s\S]*$/, ''))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('; '));
      return doc.toJS() as KubeObject | null;
    })
    .filter((o): o is KubeObject => o !== null);
}
