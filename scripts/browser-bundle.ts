// What the browser entries cost a page: each is bundled the way a frontend build would (esbuild,
// platform browser, minified) and its size printed, largest inputs first. What a page loads at start
// is the entry with its static imports; what the code imports with `import()` (persistence, the
// control plane's routes) is a lazy part, fetched only when used, and printed apart. `npm run build`
// runs it; a build error here (a Node built-in reaching a browser entry) fails the build, and
// test/architecture/browser-bundle.test.ts holds each entry's start under its budget.
import { build, type Metafile, type Plugin } from 'esbuild';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface BrowserEntry {
  source: string;
  /** what a page may load at start, gzip, in KiB (1024 bytes) as printed */
  budgetKB: number;
  /** it judges traffic against the whole contract, provenance marks included; the mock's entries run on the engine's prose-less one */
  wholeContract?: boolean;
}

export const BROWSER_ENTRIES: Record<string, BrowserEntry> = {
  'allsign-v2-toolkit/msw': { source: 'src/mock/adapters/msw.ts', budgetKB: 150 },
  'allsign-v2-toolkit/mock/core': { source: 'src/mock/core.ts', budgetKB: 85 },
  'allsign-v2-toolkit/admin': { source: 'src/admin-client/index.ts', budgetKB: 4 },
  'allsign-v2-toolkit/validate': { source: 'src/validate/index.ts', budgetKB: 80, wholeContract: true },
};

export interface BrowserBundle {
  errors: string[];
  /** the code a page loads at start (the entry and its static imports, one file) */
  code: string;
  bytes: number;
  gzipBytes: number;
  metafile: Metafile;
  /** each module of ours imported with `import()`: what loading it adds to the start (its inputs, minified and gzip bytes) */
  lazy: { module: string; inputs: string[]; code: string; bytes: number; gzipBytes: number }[];
}

/** Leaves `import()` out of the bundle, collecting what our own code imports so (packages' own lazy parts stay theirs). */
function lazyImports(found: Set<string>): Plugin {
  return {
    name: 'lazy-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        if (args.path.startsWith('.') && !args.importer.includes('node_modules')) {
          const resolved = await b.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir });
          if (resolved.path) found.add(resolved.path);
        }
        return { path: args.path, external: true };
      });
    },
  };
}

/** Everything already in `inputs` stays out: what a lazy module adds is what remains. */
function already(inputs: Set<string>): Plugin {
  return {
    name: 'already-loaded',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === 'resolving') return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
        return resolved.path && inputs.has(relative(root, resolved.path)) ? { path: args.path, external: true } : undefined;
      });
    },
  };
}

async function bundle(entry: string, plugins: Plugin[]) {
  return build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins,
  }).catch((error: { errors?: { text: string }[] }) => ({ errors: error.errors ?? [{ text: String(error) }], outputFiles: [], metafile: { inputs: {}, outputs: {} } }));
}

const gzip = (code: string) => (code ? gzipSync(code, { level: 9 }).byteLength : 0);

export async function bundleForBrowser(entry: string): Promise<BrowserBundle> {
  const found = new Set<string>();
  const start = await bundle(join(root, entry), [lazyImports(found)]);
  const code = start.outputFiles[0]?.text ?? '';
  const loaded = new Set(Object.keys(start.metafile.inputs));
  const lazy: BrowserBundle['lazy'] = [];
  const errors = start.errors.map((e) => e.text);
  for (const module of found) {
    const part = await bundle(module, [already(loaded), lazyImports(found)]);
    const text = part.outputFiles[0]?.text ?? '';
    errors.push(...part.errors.map((e) => `${relative(root, module)}: ${e.text}`));
    lazy.push({ module: relative(root, module), inputs: Object.keys(part.metafile.inputs), code: text, bytes: Buffer.byteLength(text), gzipBytes: gzip(text) });
  }
  return {
    errors,
    code,
    bytes: Buffer.byteLength(code),
    gzipBytes: gzip(code),
    metafile: start.metafile,
    lazy: lazy.sort((a, b) => b.bytes - a.bytes),
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Bytes in the output by package (or our own src/), largest first. */
function breakdown(metafile: Metafile): [string, number][] {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? (input.startsWith('src/contract/engine-documents.generated') ? 'the contracts without prose (JSON)' : input.startsWith('src/contract/') && input.includes('document.generated') ? 'a whole contract (JSON)' : 'src/');
      sizes.set(pkg, (sizes.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let failed = false;
  for (const [name, { source, budgetKB }] of Object.entries(BROWSER_ENTRIES)) {
    const result = await bundleForBrowser(source);
    if (result.errors.length) {
      failed = true;
      console.error(`browser bundle of ${name}: ${result.errors.length} errors\n  ${result.errors.join('\n  ')}`);
      continue;
    }
    const parts = breakdown(result.metafile).slice(0, 5).map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`);
    const over = result.gzipBytes > budgetKB * 1024 ? ' OVER BUDGET' : '';
    const lazy = result.lazy.map((l) => `${l.module.replace(/^src\//, '')} ${kb(l.gzipBytes)}`).join(', ');
    console.log(
      `browser bundle of ${name}: ${kb(result.bytes)} minified, ${kb(result.gzipBytes)} gzip at start (budget ${budgetKB} KB${over}), 0 errors (${parts.join(', ')})` +
        (lazy ? `; lazy, gzip: ${lazy}` : ''),
    );
  }
  if (failed) process.exit(1);
}
