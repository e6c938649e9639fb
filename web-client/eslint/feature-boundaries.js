// @ts-check
import path from 'node:path';

/**
 * Keeps the code base one-directional (bulletproof-react's rule):
 *   shared (src/api, src/components, src/lib) ← features (src/features/<name>) ← app (src/app)
 * - a feature never imports another feature (compose them in src/app instead);
 * - features and shared code never import src/app;
 * - shared code never imports a feature;
 * - no barrel files: no `export * from`, no index.ts(x) re-export modules under src.
 * Import paths are resolved (relative or the `@/` alias) before they are judged, so
 * `../../account/x` is caught as surely as `@/features/account/x`.
 */

const SHARED = new Set(['api', 'components', 'lib', 'testing', 'assets', 'styles']);

/** @param {string} file @param {string} src */
function areaOf(file, src) {
  const relative = path.relative(src, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const [top, second] = relative.split(path.sep);
  if (top === 'features' && second) return { kind: 'feature', name: second };
  if (top === 'app') return { kind: 'app', name: 'app' };
  if (top && SHARED.has(top)) return { kind: 'shared', name: top };
  return { kind: 'root', name: top ?? '' };
}

/** @type {import('eslint').Rule.RuleModule} */
const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce feature boundaries: no cross-feature imports, no upward imports, no barrels.' },
    schema: [
      {
        type: 'object',
        properties: { srcDir: { type: 'string' } },
        additionalProperties: false,
      },
    ],
    messages: {
      crossFeature:
        'Feature "{{from}}" must not import from feature "{{to}}". Move the shared part to src/components, src/lib or src/api, or compose both features in src/app.',
      importsApp: 'Only src/app may import from src/app ("{{from}}" does). Pass what you need in as props or move it to shared code.',
      sharedImportsFeature:
        'Shared code (src/{{from}}) must not import feature "{{to}}"; shared code is used by features, not the other way round.',
      barrel: 'No barrel files: import from the module that defines the thing.',
    },
  },
  create(context) {
    const options = /** @type {{ srcDir?: string }} */ (context.options[0] ?? {});
    const src = path.resolve(context.cwd, options.srcDir ?? 'src');
    const filename = context.filename;
    const from = areaOf(filename, src);
    if (!from) return {};

    /** @param {import('estree').Node} node @param {unknown} specifier */
    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      let target;
      if (specifier.startsWith('@/')) target = path.join(src, specifier.slice(2));
      else if (specifier === '.' || specifier.startsWith('./') || specifier.startsWith('../'))
        target = path.resolve(path.dirname(filename), specifier);
      else return;
      const to = areaOf(target, src);
      if (!to || !from) return;

      if (from.kind === 'feature' && to.kind === 'feature' && from.name !== to.name)
        context.report({ node, messageId: 'crossFeature', data: { from: from.name, to: to.name } });
      else if (to.kind === 'app' && from.kind !== 'app' && from.kind !== 'root')
        context.report({ node, messageId: 'importsApp', data: { from: path.relative(src, filename) } });
      else if (from.kind === 'shared' && to.kind === 'feature')
        context.report({ node, messageId: 'sharedImportsFeature', data: { from: from.name, to: to.name } });
    }

    const isIndexModule = /^index\.[cm]?[jt]sx?$/.test(path.basename(filename));

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
      ExportAllDeclaration: (node) => {
        context.report({ node, messageId: 'barrel' });
        check(node.source, node.source.value);
      },
      ExportNamedDeclaration: (node) => {
        if (!node.source) return;
        if (isIndexModule) context.report({ node, messageId: 'barrel' });
        check(node.source, node.source.value);
      },
    };
  },
};

export default {
  meta: { name: 'mediacoop-boundaries' },
  rules: { 'feature-boundaries': featureBoundaries },
};
