import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const ELECTRON = join(ROOT, 'electron');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier a file names: static imports and re-exports (type-only too), and dynamic imports. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s[^'"]*?\sfrom\s+['"]([^'"]+)['"]/gm)) found.push(match[1]!);
  for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(match[1]!);
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]!);
  return found;
}

/** `electron/<folder>/…` → folder; the entry files directly in electron/ count as `(entry)`; outside electron/ → its top folder. */
function folderOf(file: string): string {
  const rel = relative(ROOT, file).split('/');
  if (rel[0] !== 'electron') return rel[0]!;
  return rel.length === 2 ? '(entry)' : `electron/${rel[1]}`;
}

/** Folder → folders it imports from (relative imports only; packages and node: builtins are leaves). */
function folderGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(ELECTRON)) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Map<string, string[]>();
    graph.set(from, edges);
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const to = folderOf(resolve(dirname(file), spec));
      if (to === from) continue;
      edges.set(to, [...(edges.get(to) ?? []), `${relative(ROOT, file)} → ${spec}`]);
    }
  }
  return graph;
}

function findCycle(graph: Map<string, Map<string, string[]>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('electron/ module layering', () => {
  const graph = folderGraph();

  it('finds the imports it checks (the scan itself works)', () => {
    expect(graph.get('electron/core')?.has('electron/connector')).toBe(true);
    expect(graph.get('electron/services')?.has('electron/common')).toBe(true);
  });

  it('has no cycle between folders', () => {
    const cycle = findCycle(graph);
    const evidence = cycle?.slice(1).map((to, i) => graph.get(cycle[i]!)?.get(to)?.[0]);
    expect({ cycle, evidence }).toEqual({ cycle: null, evidence: undefined });
  });

  it('keeps electron/common a leaf: it imports only shared/ and packages', () => {
    expect([...(graph.get('electron/common')?.entries() ?? [])].filter(([to]) => to !== 'shared')).toEqual([]);
  });

  it('keeps the connector below the core and services', () => {
    const edges = graph.get('electron/connector') ?? new Map<string, string[]>();
    for (const above of ['electron/core', 'electron/services', 'electron/host', 'electron/web-host', '(entry)']) {
      expect(edges.get(above), `electron/connector imports ${above}`).toBeUndefined();
    }
  });
});
