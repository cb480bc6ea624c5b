import { describe, expect, it } from 'vitest';
import { BROWSER_ENTRIES, bundleForBrowser } from '../../scripts/browser-bundle.js';

// The engine, the domain, the in-memory store, the MSW handlers and the admin client run in a
// browser: each browser entry bundles for the browser platform with no error, and what it bundles
// works there (no Node built-in, no server framework inside).
describe.each(Object.entries(BROWSER_ENTRIES))('%s in a browser bundle', (_name, entry) => {
  it('builds for --platform=browser with zero errors and no Node built-ins', async () => {
    const bundle = await bundleForBrowser(entry);
    expect(bundle.errors).toEqual([]);
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.filter((i) => /(^|\/)node:|node_modules\/(express|body-parser|sonic-boom)\//.test(i))).toEqual([]);
    expect(bundle.code).not.toMatch(/from\s*"node:/);
    expect(bundle.bytes).toBeGreaterThan(0);
  }, 60_000);
});
