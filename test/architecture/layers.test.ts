import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layers of ARCHITECTURE.md, held against the imports as written: adapters → engine → domain →
// port ← stores, the control plane beside the engine, the contract and the types underneath, and
// nothing below the adapters touching Node or Express (so that the core runs in a browser).

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
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2]!);
}

/** The layer a file of src/ belongs to. */
function layer(file: string): string {
  const rel = relative(src, file).replace(/\\/g, '/');
  const m = /^mock\/(adapters|engine|domain|port|stores|seed|admin)\//.exec(rel);
  if (m) return m[1]!;
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
  'mock-entry': ['adapters', 'admin', 'engine', 'domain', 'port', 'stores', 'seed', 'contract', 'types'],
  adapters: ['cli', 'mock-entry', 'admin-client', 'admin', 'engine', 'domain', 'port', 'stores', 'seed', 'contract', 'types'],
  conformance: ['cli', 'contract', 'types'],
  'admin-client': ['types'],
  // the fetch wrapper: the conformance suite's traffic judge, in a page
  validate: ['conformance', 'contract', 'types'],
};

/** Layers whose code must run in a browser: no Node built-ins, no server framework. */
const PORTABLE = new Set(['types', 'contract', 'port', 'seed', 'stores', 'domain', 'engine', 'admin', 'admin-client', 'validate']);
/** Stores on disk or on a server: Node only, never imported by the core (the memory store stays portable). */
const NODE_STORES = /\/mock\/stores\/sql\//;
const NODE_ONLY = /^(node:|express$|cors$|sonic-boom$|fs$|path$|crypto$|events$|http$|net$|os$|zlib$|child_process$|url$)/;

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

  it('below the adapters, use nothing of Node or Express', () => {
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
