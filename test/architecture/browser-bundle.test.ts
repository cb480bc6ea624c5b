import { describe, expect, it } from 'vitest';
import { adminContractDocument, contractDocument } from '../../src/contract/index.js';
import { BROWSER_ENTRIES, bundleForBrowser, kb } from '../../scripts/browser-bundle.js';

/** A phrase of each contract's prose: the engine runs on the contracts without it (engine-documents.generated.ts). */
const PROSE = [contractDocument(), adminContractDocument()].map((doc) => String((doc.info as { description?: string }).description).split('\n')[0]!.slice(0, 50));

// The engine, the domain, the in-memory store, the MSW handlers and the admin client run in a
// browser: each browser entry bundles for the browser platform with no error, what it bundles works
// there (no Node built-in, no server framework inside, lazy parts included), and what a page loads
// at start stays within the entry's budget (gzip), as `npm run build` prints it.
describe.each(Object.entries(BROWSER_ENTRIES))('%s in a browser bundle', (_name, { source, budgetKB, wholeContract }) => {
  it(`builds for --platform=browser with zero errors, no Node built-ins, no faker${wholeContract ? '' : ' and no contract prose'}, within ${budgetKB} KB gzip at start`, async () => {
    const bundle = await bundleForBrowser(source);
    expect(bundle.errors).toEqual([]);
    const inputs = [...Object.keys(bundle.metafile.inputs), ...bundle.lazy.flatMap((l) => l.inputs)];
    expect(inputs.filter((i) => /(^|\/)node:|node_modules\/(express|body-parser|sonic-boom|@faker-js)\//.test(i))).toEqual([]);
    for (const code of [bundle.code, ...bundle.lazy.map((l) => l.code)]) {
      expect(code).not.toMatch(/from\s*"node:/);
      if (!wholeContract) for (const phrase of PROSE) expect(code.includes(phrase), `a whole contract is in the bundle (its prose: "${phrase}")`).toBe(false);
    }
    expect(bundle.bytes).toBeGreaterThan(0);
    expect(bundle.gzipBytes, `${kb(bundle.gzipBytes)} gzip at start, over the budget of ${budgetKB} KB`).toBeLessThanOrEqual(budgetKB * 1024);
  }, 60_000);
});
