/**
 * Finds import cycles among the TypeScript files under the given folders: static, type-only and
 * dynamic imports and re-exports all count, because a circle of types is still a circle a reader
 * has to untangle (platform/db had one, all for the type NoTables).
 *
 *   node --import tsx tools/import-cycles.ts [folders...]   (default: src)
 *
 * Exits 1 and prints each cycle when there is one. madge and dpdm are not dependencies of the
 * project; the TypeScript compiler's import scanner is.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

async function typeScriptFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The file a relative specifier names (`./x.js` is `./x.ts` under NodeNext), or undefined for packages. */
function resolve(from: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = path.resolve(path.dirname(from), specifier);
  const candidates = [
    target.replace(/\.js$/, '.ts'),
    target.replace(/\.js$/, '.tsx'),
    `${target}.ts`,
    path.join(target, 'index.ts'),
  ];
  return candidates.find((c) => known.has(c));
}

/** Each cycle once, as the files in import order, the first file repeated at the end. */
export async function findImportCycles(folders: readonly string[]): Promise<string[][]> {
  const files = (await Promise.all(folders.map((f) => typeScriptFiles(path.resolve(f))))).flat();
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(await readFile(file, 'utf8'), true, true);
    edges.set(file, [...new Set(importedFiles.flatMap((i) => resolve(file, i.fileName, known) ?? []))]);
  }

  // Tarjan's strongly connected components: every component of more than one file is a tangle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const tangles: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const to of edges.get(file) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(to) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    const selfImport = component.length === 1 && (edges.get(file) ?? []).includes(file);
    if (component.length > 1 || selfImport) tangles.push(component);
  };
  for (const file of files) if (!index.has(file)) visit(file);

  // One concrete cycle per tangle, found by walking inside it, so the report reads as a path.
  return tangles.map((component) => {
    const inside = new Set(component);
    const start = [...component].sort()[0] ?? '';
    const cyclePath = (from: string, seen: string[]): string[] | undefined => {
      for (const to of edges.get(from) ?? []) {
        if (to === start) return [...seen, to];
        if (inside.has(to) && !seen.includes(to)) {
          const found = cyclePath(to, [...seen, to]);
          if (found) return found;
        }
      }
      return undefined;
    };
    return (cyclePath(start, [start]) ?? [start, start]).map((f) => path.relative(process.cwd(), f));
  });
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const folders = process.argv.slice(2);
  const cycles = await findImportCycles(folders.length > 0 ? folders : ['src']);
  for (const cycle of cycles) process.stdout.write(`import cycle: ${cycle.join(' -> ')}\n`);
  process.stdout.write(cycles.length === 0 ? 'no import cycles\n' : `${cycles.length} import cycle(s)\n`);
  process.exitCode = cycles.length === 0 ? 0 : 1;
}
