/**
 * The door of a module, enforced (the server's twin of the console's feature boundaries):
 * - from outside a module, only its `index.js` may be imported; tests and benchmarks may also
 *   import its `testing/index.js` (fixtures and fakes), production code never;
 * - the kernel (`src/platform/`) never imports `src/modules/`, `src/app/` or `src/cli/`;
 * - a module's code never imports `src/app/`, `src/cli/`, `test/` or `bench/`: the app assembles
 *   modules, not the reverse. Its test files may use the harness in `test/support/`; its testing/
 *   folder may not, since other modules' tests import it.
 * Relative specifiers are resolved against the importing file, so every depth of folder is judged
 * alike; package imports are not this rule's business.
 */
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** Repo-relative, with forward slashes. */
const relative = (file) => path.relative(root, file).split(path.sep).join('/');

function moduleOf(file) {
  const match = /^src\/modules\/([^/]+)\/(.*)$/.exec(file);
  return match ? { name: match[1], inside: match[2] } : undefined;
}

const withoutExtension = (file) => file.replace(/\.(js|ts|tsx)$/, '');

const isTestFile = (file) => /\.test\.tsx?$/.test(file);

/** Test code: test files anywhere, the test and bench folders, a module's testing folder. */
const isTestCode = (file) =>
  isTestFile(file) ||
  file.startsWith('test/') ||
  file.startsWith('bench/') ||
  /^src\/modules\/[^/]+\/testing\//.test(file);

const isUnder = (file, ...folders) => folders.some((folder) => file.startsWith(`${folder}/`));

/** @type {import('eslint').Rule.RuleModule} */
export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Keep imports on the doors of modules and out of the kernel (docs/architecture.md)',
    },
    schema: [],
    messages: {
      door: "'{{specifier}}' reaches inside the {{module}} module: import its door, src/modules/{{module}}/index.js{{testing}}.",
      testingInProduction:
        "'{{specifier}}' is test code (a testing/ folder): only tests and benchmarks import it.",
      kernel:
        "The kernel (src/platform) never imports modules, the app or the CLI ('{{specifier}}'): hand it what it needs instead.",
      upward:
        "A module's code and its testing/ folder never import src/app, src/cli, test/ or bench/ ('{{specifier}}'): the app assembles modules, not the reverse.",
    },
  },
  create(context) {
    const from = relative(context.filename);
    const fromModule = moduleOf(from);
    const testCode = isTestCode(from);

    function check(node) {
      const specifier = node.source && node.source.type === 'Literal' ? node.source.value : undefined;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const to = relative(path.resolve(path.dirname(context.filename), specifier));
      const toModule = moduleOf(to);
      const report = (messageId, data = {}) =>
        context.report({ node: node.source, messageId, data: { specifier, ...data } });

      if (isUnder(from, 'src/platform') && isUnder(to, 'src/modules', 'src/app', 'src/cli'))
        return report('kernel');
      if (fromModule && !isTestFile(from) && isUnder(to, 'src/app', 'src/cli', 'test', 'bench'))
        return report('upward');
      if (!toModule) return;
      const target = withoutExtension(toModule.inside);
      if (target.startsWith('testing/') && !testCode) return report('testingInProduction');
      if (fromModule && fromModule.name === toModule.name) return;
      if (target === 'index' || (target === 'testing/index' && testCode)) return;
      report('door', {
        module: toModule.name,
        testing: testCode ? ' (or, for fixtures and fakes, its testing/index.js)' : '',
      });
    }

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'module-boundaries': moduleBoundaries } };
