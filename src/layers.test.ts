/**
 * The code's layers, checked on every `npm test` (issue 13, item 7): a dependency linter over the
 * import graph of src/, read with TypeScript's own parser.
 *
 *   engine  → nothing of ours outside src/engine; no React, D3, zustand or KaTeX (the DOM is kept
 *             out by src/engine/tsconfig.json, which type-checks the engine without the DOM lib)
 *   worker  → engine only (it runs in the worker: no page code)
 *   state   → engine and worker/protocol's types only; the worker never imports state
 *   session → the page's side of the engine: engine, worker protocol, state
 *   charts, widgets → never app/ (widgets reach the engine through src/session/)
 *   page    → no module reachable from src/main.tsx by a value import may be tfjs: one missing
 *             `type` keyword would otherwise pull all of tfjs into the page's bundle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname);

interface Edge {
  /** The import as written. */
  spec: string;
  /** The file it resolves to (relative to src/), or the package name. */
  target: string;
  /** `import type`, or every named binding marked `type`: erased by the compiler. */
  typeOnly: boolean;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    try {
      if (statSync(candidate).isFile()) return relative(SRC, candidate);
    } catch {
      /* not this one */
    }
  }
  return relative(SRC, base); // e.g. a CSS file or an asset: never tfjs
}

/** The imports and re-exports of one source text, with whether each is erased as type-only. */
export function importsOf(file: string, text: string): Edge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges: Edge[] = [];
  const add = (spec: string, typeOnly: boolean): void => void edges.push({ spec, target: resolveImport(file, spec), typeOnly });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      const allNamedTypes = !!named && named.length > 0 && named.every((e) => e.isTypeOnly) && !clause?.name;
      add(node.moduleSpecifier.text, !!clause && (clause.isTypeOnly || allNamedTypes));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      add(node.moduleSpecifier.text, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, false); // import('…'): a lazy chunk, but still the page's code
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const FILES = listFiles(SRC).filter((f) => !/\.test\.tsx?$/.test(f));
const GRAPH = new Map(FILES.map((f) => [relative(SRC, f), importsOf(f, readFileSync(f, 'utf8'))]));

const layerOf = (file: string): string => file.split('/')[0]!.replace(/\.tsx?$/, '');
const ours = (target: string): boolean => GRAPH.has(target) || /^[a-z]+\//.test(target) && !target.includes('node_modules');

/** "file → target" for every edge of `layer` whose target breaks `allowed`. */
function violations(layer: string, allowed: (e: Edge, file: string) => boolean): string[] {
  const out: string[] = [];
  for (const [file, edges] of GRAPH) {
    if (layerOf(file) !== layer) continue;
    for (const e of edges) if (!allowed(e, file)) out.push(`${file} → ${e.spec}`);
  }
  return out;
}

/** Modules reachable from `entry` along value imports (type-only imports are erased and not followed). */
export function reachableByValue(graph: Map<string, Edge[]>, entry: string): Map<string, string> {
  const via = new Map<string, string>([[entry, entry]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const e of graph.get(file) ?? []) {
      if (e.typeOnly || via.has(e.target)) continue;
      via.set(e.target, file);
      if (graph.has(e.target)) queue.push(e.target);
    }
  }
  return via;
}

describe('the layers of src/', () => {
  it('reads a real graph (the checks below have something to check)', () => {
    expect(GRAPH.size).toBeGreaterThan(150);
    expect([...GRAPH.keys()].filter((f) => f.startsWith('engine/')).length).toBeGreaterThan(40);
  });

  it('tells type-only imports from value imports, as the compiler erases them', () => {
    const f = join(SRC, 'app/x.ts');
    const edges = importsOf(f, [
      "import type { A } from '@tensorflow/tfjs';",
      "import { type B, type C } from '../engine/tf';",
      "import { type D, E } from '../engine/tf/choices';",
      "import * as tf from '@tensorflow/tfjs-core';",
      "export { F } from './y';",
      "export type { G } from './z';",
      "const m = import('./lazy');",
    ].join('\n'));
    expect(edges.map((e) => [e.spec, e.typeOnly])).toEqual([
      ['@tensorflow/tfjs', true], ['../engine/tf', true], ['../engine/tf/choices', false], ['@tensorflow/tfjs-core', false],
      ['./y', false], ['./z', true], ['./lazy', false],
    ]);
    expect(edges[3]!.target).toBe('@tensorflow/tfjs-core');
  });

  it('finds tfjs behind a chain of value imports, and not behind a type-only one', () => {
    const graph = new Map<string, Edge[]>([
      ['main.tsx', [{ spec: './a', target: 'a.ts', typeOnly: false }, { spec: './t', target: 't.ts', typeOnly: true }]],
      ['a.ts', [{ spec: './b', target: 'b.ts', typeOnly: false }]],
      ['b.ts', [{ spec: '@tensorflow/tfjs', target: '@tensorflow/tfjs', typeOnly: false }]],
      ['t.ts', [{ spec: '@tensorflow/tfjs-core', target: '@tensorflow/tfjs-core', typeOnly: false }]],
    ]);
    const reached = reachableByValue(graph, 'main.tsx');
    expect(reached.get('@tensorflow/tfjs')).toBe('b.ts');
    expect(reached.has('@tensorflow/tfjs-core')).toBe(false);
  });

  it('keeps the engine free of page code and UI libraries', () => {
    const uiLibraries = /^(react|react-dom|zustand|d3|katex|idb-keyval)$/;
    expect(violations('engine', (e) => (e.target.startsWith('engine/') || !ours(e.target)) && !uiLibraries.test(e.target))).toEqual([]);
  });

  it('keeps the worker to the engine and itself', () => {
    expect(violations('worker', (e) => !ours(e.target) || e.target.startsWith('engine/') || e.target.startsWith('worker/'))).toEqual([]);
  });

  it('keeps state/ below the page and apart from the worker (protocol types aside)', () => {
    expect(violations('state', (e) => !ours(e.target) || /^(engine|state)\//.test(e.target) || (e.target === 'worker/protocol.ts' && e.typeOnly))).toEqual([]);
  });

  it('lets session/ (the page side of the engine) use only engine, worker protocol and state', () => {
    expect(violations('session', (e) => !ours(e.target) || /^(engine|state|session)\//.test(e.target) || /^worker\/(protocol|validateRequest)\.ts$/.test(e.target) || /^worker\/engine\.worker/.test(e.target))).toEqual([]);
  });

  it('keeps charts and widgets from reaching into app/', () => {
    for (const layer of ['charts', 'widgets']) expect(violations(layer, (e) => !e.target.startsWith('app/'))).toEqual([]);
  });

  it('keeps tfjs out of the page: nothing reachable from main.tsx by a value import is tfjs', () => {
    const reached = reachableByValue(GRAPH, 'main.tsx');
    expect(reached.size).toBeGreaterThan(50);
    const chains = [...reached.keys()].filter((t) => t.startsWith('@tensorflow/')).map((t) => {
      const chain = [t];
      for (let at = reached.get(t)!; at !== 'main.tsx'; at = reached.get(at)!) chain.unshift(at);
      return chain.join(' → ');
    });
    expect(chains).toEqual([]);
  });
});
