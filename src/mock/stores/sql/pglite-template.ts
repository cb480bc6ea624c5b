import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BytesBlob } from './bytes-blob.js';
import { MIGRATIONS } from './migrations.js';

// A freshly created and migrated PGlite database, packed: unpacking it takes about a second where
// initdb in WASM takes five to ten. One file per PGlite version and schema, in the user's cache
// (ALLSIGN_MOCK_CACHE_DIR, else XDG_CACHE_HOME or ~/.cache, else the temporary directory).

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function cacheDirs(): string[] {
  const own = process.env.ALLSIGN_MOCK_CACHE_DIR;
  if (own) return [own];
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return [join(xdg, 'allsign-mock'), join(tmpdir(), `allsign-mock-${process.getuid?.() ?? 'user'}`)];
}

function fileName(): string {
  const schema = createHash('sha256').update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 12);
  return `pglite-${pgliteVersion()}-schema-${schema}.tar.gz`;
}

let kept: { name: string; template: Blob } | undefined;

/**
 * The template of the current PGlite version and schema, if one was made. `keep`: held in memory
 * for the next database too (a process that makes many, such as a test run, reads and unpacks the
 * file once); the CLI makes one and keeps nothing.
 */
export function readTemplate(keep = false): Blob | undefined {
  const name = fileName();
  if (kept?.name === name) return kept.template;
  for (const dir of cacheDirs()) {
    let bytes: Uint8Array;
    try {
      bytes = gunzipSync(readFileSync(join(dir, name)));
    } catch {
      // not there (or unreadable): the next place, then initdb
      continue;
    }
    const template = new BytesBlob(bytes);
    if (keep) kept = { name, template };
    return template;
  }
  return undefined;
}

/** Best effort: without a writable cache, the next creation runs initdb again. */
export async function writeTemplate(tarball: Blob): Promise<void> {
  const packed = gzipSync(Buffer.from(await tarball.arrayBuffer()), { level: 1 });
  for (const dir of cacheDirs()) {
    try {
      mkdirSync(dir, { recursive: true });
      // written aside and renamed: a process reading it never sees half a file
      const draft = join(dir, `${fileName()}.${process.pid}.tmp`);
      writeFileSync(draft, packed);
      renameSync(draft, join(dir, fileName()));
      return;
    } catch {
      // try the next place
    }
  }
}
