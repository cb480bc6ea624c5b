// WireMock as the benchmark's peer: its standalone jar from the npm package `wiremock` (nothing
// downloaded), run by the machine's Java (17 or later), with one static stub per request the
// benchmark makes, answering the very body our mock answered. Its defaults otherwise (request
// journal on, as ours is).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../scripts/free-port.js';
import { startProcess, type Started } from './processes.js';

export interface Stub {
  method: 'GET' | 'POST';
  /** an exact path, or a pattern of one (`[^/]+` for an id) */
  path: string;
  pattern?: boolean;
  status: number;
  body: unknown;
}

/** The jar, or why WireMock cannot run here (no Java, no package). */
export function wiremockJar(): { jar: string } | { missing: string } {
  let jar: string;
  try {
    const dir = join(dirname(createRequire(import.meta.url).resolve('wiremock/package.json')), 'build');
    jar = join(dir, readdirSync(dir).find((f) => /^wiremock-standalone-.*\.jar$/.test(f))!);
  } catch {
    return { missing: 'the npm package wiremock (its standalone jar) is not installed' };
  }
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    return { missing: 'no java on PATH (Debian: apt-get install default-jre-headless)' };
  }
  return { jar };
}

export async function startWiremock(jar: string, stubs: Stub[], cpus?: string): Promise<Started> {
  const root = mkdtempSync(join(tmpdir(), 'allsign-bench-wiremock-'));
  mkdirSync(join(root, 'mappings'));
  stubs.forEach((s, i) =>
    writeFileSync(
      join(root, 'mappings', `stub-${i}.json`),
      JSON.stringify({
        request: { method: s.method, ...(s.pattern ? { urlPathPattern: s.path } : { urlPath: s.path }) },
        response: { status: s.status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(s.body) },
      }),
    ),
  );
  const port = await freePort();
  return startProcess('wiremock', 'java', ['-jar', jar, '--port', String(port), '--bind-address', '127.0.0.1', '--disable-banner', '--root-dir', root], port, { path: '/__admin/health' }, { cpus });
}
