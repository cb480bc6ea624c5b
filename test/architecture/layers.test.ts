import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layers of ARCHITECTURE.md, held against the imports as written (static and dynamic): package
// entries → adapters → mock.ts → admin → engine → domain → port ← stores, the contract and the
// types underneath, and nothing below the adapters touching Node or a server package (so that the
// core runs in a browser).

const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const written = /^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  return [...text.matchAll(written)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The layer a file of src/ belongs to. */
function layer(file: string): string {
  const rel = relative(src, file).replace(/\\/g, '/');
  const m = /^mock\/(adapters|engine|domain|port|stores|seed|admin)\//.exec(rel);
  if (m) return m[1]!;
  // the composition root and its defaults, under the adapters; the package's entries above them
  if (rel === 'mock/mock.ts' || rel === 'mock/defaults.ts') return 'composition';
  if (rel.startsWith('mock/')) return 'mock-entry';
  return rel.split('/')[0]!;
}

// what each layer may import (besides itself); packages are checked apart
const ALLOWED: Record<string, string[]> = {
  types: [],
  cli: [],
  contract: ['types'],
  port: ['types', 'contract'],
  seed: ['port', 'types'],
  stores: ['port', 'seed', 'contract', 'types'],
  domain: ['port', 'contract', 'types'],
  engine: ['domain', 'port', 'contract', 'types'],
  admin: ['engine', 'domain', 'port', 'contract', 'types'],
  composition: ['admin', 'engine', 'domain', 'port', 'stores', 'seed', 'contract', 'types'],
  'mock-entry': ['adapters', 'composition', 'admin', 'engine', 'domain', 'port', 'stores', 'seed', 'contract', 'types'],
  adapters: ['cli', 'composition', 'admin-client', 'admin', 'engine', 'domain', 'port', 'stores', 'seed', 'contract', 'types'],
  conformance: ['cli', 'contract', 'types'],
  'admin-client': ['types'],
  // the fetch wrapper: the conformance suite's traffic judge, in a page
  validate: ['conformance', 'contract', 'types'],
};

/** Layers whose code must run in a browser: no Node built-ins, no server framework. */
const PORTABLE = new Set(['types', 'contract', 'port', 'seed', 'stores', 'domain', 'engine', 'admin', 'admin-client', 'validate']);
/** Stores on disk or on a server: Node only, never imported by the core (the memory store stays portable). */
const NODE_STORES = /\/mock\/stores\/sql\//;
const NODE_ONLY = /^(node:|(fs|fs\/promises|path|crypto|events|http|https|net|os|zlib|child_process|url|stream|util|module|worker_threads|express|cors|sonic-boom|pg|@electric-sql\/pglite|prom-client|commander)(\/|$))/;

describe('the layers', () => {
  const all = files(src).filter((f) => !f.endsWith('.generated.ts'));

  it('import only downwards', () => {
    const wrong: string[] = [];
    for (const file of all) {
      const from = layer(file);
      for (const spec of imports(file).filter((s) => s.startsWith('.'))) {
        const to = layer(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
        if (to !== from && !ALLOWED[from]?.includes(to)) wrong.push(`${relative(root, file)} (${from}) imports ${spec} (${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('below the adapters, use nothing of Node or of a server package', () => {
    const wrong: string[] = [];
    const portable = all.filter((f) => (PORTABLE.has(layer(f)) && !NODE_STORES.test(f.replace(/\\/g, '/'))) || /mock\/(mock|core|defaults)\.ts$/.test(f) || /adapters\/(fetch|msw|playwright)\.ts$/.test(f));
    for (const file of portable) for (const spec of imports(file)) if (NODE_ONLY.test(spec)) wrong.push(`${relative(root, file)} imports ${spec}`);
    expect(wrong).toEqual([]);
  });

  it('the conformance suite never reaches into the mock', () => {
    const wrong = all.filter((f) => layer(f) === 'conformance').flatMap((f) => imports(f).filter((s) => s.includes('/mock/')).map((s) => `${relative(root, f)} imports ${s}`));
    expect(wrong).toEqual([]);
  });
});
