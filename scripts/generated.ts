// The generated files (from the contract, and the seed's word lists), each with its generator. `npm run gen` writes them;
// `npm run check:generated` (and a test) regenerate them aside and fail on any difference:
// generated code is never edited by hand, and never left stale.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { leanDocument } from './engine-document.js';
import { seedWords } from './seed-words.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONTRACT = join(root, 'openapi/allsign-v2.yaml');
/** the control plane's own contract (/__admin) */
const ADMIN_CONTRACT = join(root, 'openapi/admin.yaml');

export interface Generated {
  file: string;
  make(): string;
}

/**
 * openapi-typescript's options. A schema default is what the server fills in when a request leaves
 * the field out, so a defaulted field stays optional (`config: {}` is a valid document create);
 * responses say what is always present with `required`, not with defaults.
 */
const TYPE_OPTIONS = ['--default-non-nullable', 'false'];

/** TypeScript types of every schema and operation of a contract (openapi-typescript). */
function types(contract: string): () => string {
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'allsign-types-'));
    try {
      const out = join(dir, 'generated.ts');
      execFileSync(process.execPath, [join(root, 'node_modules/openapi-typescript/bin/cli.js'), contract, '-o', out, ...TYPE_OPTIONS], { stdio: 'pipe' });
      return readFileSync(out, 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** A contract as a JSON string in a module: it is read with no file system (in a browser too). */
function document(contract: string, name: string): () => string {
  return () => {
    const json = JSON.stringify(parse(readFileSync(contract, 'utf8')));
    return [`// Generated from ${relative(root, contract)} by \`npm run gen\`: never edit by hand.`, `export const ${name} = ${JSON.stringify(json)};`, ''].join('\n');
  };
}

/** Both contracts as the engine runs them (engine-document.ts: no prose), in one module the mock imports. */
function engineDocuments(): string {
  const lean = (contract: string) => JSON.stringify(JSON.stringify(leanDocument(parse(readFileSync(contract, 'utf8')))));
  return [
    `// Generated from ${relative(root, CONTRACT)} and ${relative(root, ADMIN_CONTRACT)} by \`npm run gen\`, without their prose: never edit by hand.`,
    `export const ENGINE_CONTRACT_JSON = ${lean(CONTRACT)};`,
    `export const ENGINE_ADMIN_CONTRACT_JSON = ${lean(ADMIN_CONTRACT)};`,
    '',
  ].join('\n');
}

export const GENERATED: Generated[] = [
  { file: join(root, 'src/types/allsign-v2.generated.ts'), make: types(CONTRACT) },
  { file: join(root, 'src/contract/document.generated.ts'), make: document(CONTRACT, 'CONTRACT_JSON') },
  { file: join(root, 'src/types/admin.generated.ts'), make: types(ADMIN_CONTRACT) },
  { file: join(root, 'src/contract/admin-document.generated.ts'), make: document(ADMIN_CONTRACT, 'ADMIN_CONTRACT_JSON') },
  { file: join(root, 'src/contract/engine-documents.generated.ts'), make: engineDocuments },
  { file: join(root, 'src/mock/seed/words.generated.ts'), make: seedWords },
];

/** The generated files that differ from a fresh generation. */
export function stale(): string[] {
  return GENERATED.filter((g) => g.make() !== readFileSync(g.file, 'utf8')).map((g) => relative(root, g.file));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--write')) {
    for (const g of GENERATED) writeFileSync(g.file, g.make());
    console.log(`wrote ${GENERATED.map((g) => relative(root, g.file)).join(', ')}`);
  } else {
    const old = stale();
    if (old.length) {
      console.error(`${old.join(', ')} ${old.length === 1 ? 'is' : 'are'} stale: run \`npm run gen\` and commit the result.`);
      process.exit(1);
    }
    console.log("the generated files match their sources (openapi/allsign-v2.yaml, openapi/admin.yaml, the seed's word lists)");
  }
}
