/**
 * Which test files need workerd. `@cloudflare/vitest-pool-workers` starts a workerd and imports
 * the Worker for every test file (about 7 s each on CI's 2 cores, with no reuse option:
 * cloudflare/workers-sdk#15539), so a test whose whole import graph never touches `cloudflare:*`
 * (the pure domain, adapters tested through MSW) runs in plain Node instead, in a fraction of that.
 *
 * The split is read from the code, not from a list, so a new test lands in the right project by
 * itself: a file goes to workerd when it, or anything it imports through a relative path, imports
 * a `cloudflare:` module (type-only imports are erased and do not count), or when it says
 * `// runs-in: workerd` (a test of how something behaves inside workerd itself, such as MSW's
 * interception there). A file wrongly sent to Node fails loudly there (a workerd global missing).
 *
 * The workerd files share a workerd per vitest worker (vitest.config.mts, `isolate: false`), which
 * took the per-file start-up away; `// storage: own` keeps one file on a workerd of its own.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// `import x from '…'`, `export { x } from '…'`, `import '…'`, `import('…')`; not `import type`.
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[\w*{}\s,$]*?\s*from\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function specifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT)) {
    if (m[1]) continue;
    const spec = m[2] ?? m[3];
    if (spec) out.push(spec);
  }
  return out;
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

interface Node {
  /** Imports `cloudflare:*` itself (or is marked `// runs-in: workerd`). */
  direct: boolean;
  /** Files it imports by relative path. */
  edges: string[];
}

function readNode(file: string): Node {
  if (!/\.(ts|tsx|mts)$/.test(file)) return { direct: false, edges: [] }; // .liquid, .sql: text
  const source = readFileSync(file, 'utf8');
  const specs = specifiers(source);
  return {
    direct: /^\/\/ runs-in: workerd\b/m.test(source) || specs.some((spec) => spec.startsWith('cloudflare:')),
    edges: specs.filter((spec) => spec.startsWith('.')).flatMap((spec) => resolveRelative(file, spec) ?? []),
  };
}

/** True when `file` or anything it reaches by relative imports imports `cloudflare:*`. */
export function needsWorkerd(file: string, graph = new Map<string, Node>()): boolean {
  const seen = new Set<string>([file]);
  const todo = [file];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    let node = graph.get(next);
    if (!node) graph.set(next, (node = readNode(next)));
    if (node.direct) return true;
    for (const edge of node.edges) {
      if (seen.has(edge)) continue;
      seen.add(edge);
      todo.push(edge);
    }
  }
  return false;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'e2e' || entry.name === 'node_modules' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * A workerd test that cannot share its workerd with other files says `// storage: own` and why.
 * Shared files start from an emptied database (test/setup.ts) but not from fresh rate limiters:
 * a file that looks up the demo shop's fixed orders would spend the limit another file needs.
 */
function wantsOwnWorkerd(file: string): boolean {
  return /^\/\/ storage: own\b/m.test(readFileSync(file, 'utf8'));
}

/** Test files (relative to `root`) split by where they must run: Node, a shared workerd, or a workerd of their own. */
export function splitTests(root: string): { node: string[]; workerd: string[]; ownWorkerd: string[] } {
  const graph = new Map<string, Node>();
  const node: string[] = [];
  const workerd: string[] = [];
  const ownWorkerd: string[] = [];
  for (const file of [...testFiles(join(root, 'src')), ...testFiles(join(root, 'test'))].sort()) {
    const list = !needsWorkerd(file, graph) ? node : wantsOwnWorkerd(file) ? ownWorkerd : workerd;
    list.push(relative(root, file));
  }
  return { node, workerd, ownWorkerd };
}
