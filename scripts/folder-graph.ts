/**
 * The folders of `src/` as a graph: an edge A → B for every value import (not `import type`) from
 * a file in A of a file in B. `npm test` fails when two folders import each other, directly or
 * through others (test/foundation/layers.test.ts), so the layout stays a set of layers.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const importPattern = /^\s*(import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `src/admin/api/cases.ts` → `admin/api`; a file directly in `src/` → `.`. */
export function folderOf(srcRoot: string, file: string): string {
  const rel = relative(srcRoot, dirname(file));
  return rel === '' ? '.' : rel.split(sep).join('/');
}

/** Only the first level counts as a capability (admin/api is part of admin). */
const capability = (folder: string) => folder.split('/')[0]!;

export function folderEdges(srcRoot: string): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of sourceFiles(srcRoot)) {
    const from = capability(folderOf(srcRoot, file));
    for (const m of readFileSync(file, 'utf8').matchAll(importPattern)) {
      const target = resolve(dirname(file), m[2]!);
      if (!target.startsWith(srcRoot)) continue;
      const to = capability(folderOf(srcRoot, `${target}.ts`));
      if (to === from || to === '.' || from === '.') continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  return edges;
}

/** Every pair of folders that reach each other, with one path each way. */
export function folderCycles(edges: Map<string, Set<string>>): string[] {
  const reach = (from: string, to: string): string[] | null => {
    const seen = new Set([from]);
    const queue: string[][] = [[from]];
    while (queue.length > 0) {
      const path = queue.shift()!;
      for (const next of edges.get(path.at(-1)!) ?? []) {
        if (next === to) return [...path, next];
        if (!seen.has(next)) {
          seen.add(next);
          queue.push([...path, next]);
        }
      }
    }
    return null;
  };
  const cycles: string[] = [];
  const folders = [...edges.keys()].sort();
  for (const a of folders) {
    for (const b of edges.get(a) ?? []) {
      const back = reach(b, a);
      if (back && a < b) cycles.push(`${a} → ${b} and back ${back.join(' → ')}`);
    }
  }
  return cycles;
}

if (process.argv[1]?.endsWith('folder-graph.ts')) {
  const root = resolve(process.argv[2] ?? 'src');
  const edges = folderEdges(root);
  for (const [from, tos] of [...edges].sort()) console.log(`${from} → ${[...tos].sort().join(', ')}`);
  const cycles = folderCycles(edges);
  console.log(cycles.length === 0 ? 'no cycles' : cycles.join('\n'));
}
