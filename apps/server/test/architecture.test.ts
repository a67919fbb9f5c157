import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The shape of apps/server/src, checked on its imports (docs/ARCHITECTURE.md, "Layers"):
 * no import circle; the kernel (lib/, db/, config.ts) imports no feature and no http/; no feature
 * imports http/; a feature is used from outside only through its index.ts; features depend on
 * each other in one direction.
 */

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

type Graph = Map<string, string[]>;

/** Relative imports of every source file (tests excluded), as paths under src. */
function importGraph(root: string): Graph {
  const graph: Graph = new Map();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const file = path.relative(root, full).split(path.sep).join('/');
        const text = fs.readFileSync(full, 'utf8');
        const targets = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s+'(\.[^']+)'/g)].map((m) =>
          path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1] as string)),
        );
        graph.set(file, targets);
      }
    }
  };
  walk(root);
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself). */
function circles(graph: Graph): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, indexOf.get(w) as number));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return found;
}

const featureOf = (file: string) => (file.startsWith('features/') ? file.split('/')[1] : undefined);
const isKernel = (file: string) => file.startsWith('lib/') || file.startsWith('db/') || file === 'config.ts';

/** Every import that breaks a layering rule, as "from -> to: rule". */
function violations(graph: Graph): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const own = featureOf(from);
      const other = featureOf(to);
      if (own && to.startsWith('http/')) out.push(`${from} -> ${to}: a feature imports http/`);
      if (isKernel(from) && (other || to.startsWith('http/'))) out.push(`${from} -> ${to}: the kernel imports a feature or http/`);
      if (other && other !== own && to !== `features/${other}/index.ts`)
        out.push(`${from} -> ${to}: another feature is used only through its index.ts`);
    }
  }
  return out;
}

/** Circles among features themselves (a feature's files importing another feature's, in both directions). */
function featureCircles(graph: Graph): string[][] {
  const features: Graph = new Map();
  for (const [from, targets] of graph) {
    const own = featureOf(from);
    if (!own) continue;
    const deps = features.get(own) ?? [];
    for (const to of targets) {
      const other = featureOf(to);
      if (other && other !== own && !deps.includes(other)) deps.push(other);
    }
    features.set(own, deps);
  }
  return circles(features);
}

describe('architecture of apps/server/src', () => {
  const graph = importGraph(SRC);

  it('reads the real tree', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('app.ts')).toContain('features/cases/index.ts');
  });

  it('has no import circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('has no circle among features', () => {
    expect(featureCircles(graph)).toEqual([]);
  });

  it('keeps the layers: kernel below features, features below http, features used through index.ts', () => {
    expect(violations(graph)).toEqual([]);
  });

  it('finds each kind of violation when there is one', () => {
    const bad: Graph = new Map([
      ['lib/a.ts', ['features/x/index.ts']],
      ['features/x/index.ts', ['features/x/service.ts']],
      ['features/x/service.ts', ['http/errors.ts', 'features/y/repository.ts']],
      ['features/y/repository.ts', ['features/x/index.ts']],
      ['http/errors.ts', []],
    ]);
    expect(violations(bad)).toEqual([
      'lib/a.ts -> features/x/index.ts: the kernel imports a feature or http/',
      'features/x/service.ts -> http/errors.ts: a feature imports http/',
      'features/x/service.ts -> features/y/repository.ts: another feature is used only through its index.ts',
    ]);
    expect(circles(bad)).toEqual([['features/x/index.ts', 'features/x/service.ts', 'features/y/repository.ts']]);
    expect(featureCircles(bad)).toEqual([['x', 'y']]);
  });
});
