import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The engine, the domain and the in-memory store run in a browser: their entry point bundles for
// the browser platform with no error, and what it bundles works there (no Node built-in inside).
describe('the mock core in a browser bundle', () => {
  it('builds for --platform=browser with zero errors and no Node built-ins', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../../src/mock/core.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      minify: true,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => /(^|\/)node:|node_modules\/(express|body-parser|sonic-boom)\//.test(i))).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/from\s*"node:/);
  }, 60_000);
});
