import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// A browser consumer imports our names next to the DOM's: an export named like a DOM global
// (`Document`, `Response`, …) shadows it in that file and invites mistakes.
const root = fileURLToPath(new URL('../..', import.meta.url));
const ENTRIES = ['src/types/index.ts', 'src/mock/index.ts', 'src/mock/adapters/msw.ts', 'src/admin-client/index.ts', 'src/contract/index.ts', 'src/conformance/index.ts'];

function domGlobals(): Set<string> {
  const lib = readFileSync(createRequire(import.meta.url).resolve('typescript/lib/lib.dom.d.ts'), 'utf8');
  return new Set([...lib.matchAll(/^(?:declare var|declare function|interface|type) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!));
}

/** Every name the entries export, with where each is declared (one place per name when all is well). */
function exportedNames(): Map<string, Set<string>> {
  const files = ENTRIES.map((e) => `${root}${e}`);
  const program = ts.createProgram(files, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const names = new Map<string, Set<string>>();
  for (const file of files) {
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    for (const exported of checker.getExportsOfModule(symbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const where = (target.declarations ?? []).map((d) => d.getSourceFile().fileName.slice(root.length));
      const places = names.get(exported.name) ?? new Set<string>();
      for (const place of where) places.add(place);
      names.set(exported.name, places);
    }
  }
  return names;
}

describe('exported names', () => {
  const names = exportedNames();

  it('none is named like a DOM global', () => {
    const dom = domGlobals();
    expect(dom.has('Document')).toBe(true);
    expect(names.has('SigningDocument')).toBe(true);
    expect([...names].filter(([name]) => dom.has(name)).map(([name, files]) => `${name} (${[...files].join(', ')})`)).toEqual([]);
  });

  it('no two declarations share a name across the entries', () => {
    // the same declaration re-exported by two entries (core's names from ./mock) is one name
    expect(names.get('createMock')?.size).toBe(1);
    expect([...names].filter(([, files]) => files.size > 1).map(([name, files]) => `${name} (${[...files].join(', ')})`)).toEqual([]);
  });
});
