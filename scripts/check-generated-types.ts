// Regenerates src/types from the contract into a temporary file and fails when the committed
// file differs: generated code is never edited by hand, and never left stale.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const GENERATED = join(root, 'src/types/allsign-v2.generated.ts');

export function regenerate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'allsign-types-'));
  try {
    const out = join(dir, 'generated.ts');
    execFileSync(process.execPath, [join(root, 'node_modules/openapi-typescript/bin/cli.js'), join(root, 'openapi/allsign-v2.yaml'), '-o', out], {
      stdio: 'pipe',
    });
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fresh = regenerate();
  const committed = readFileSync(GENERATED, 'utf8');
  if (fresh !== committed) {
    console.error('src/types/allsign-v2.generated.ts is stale: run `npm run gen:types` and commit the result.');
    process.exit(1);
  }
  console.log('src/types/allsign-v2.generated.ts matches openapi/allsign-v2.yaml');
}
