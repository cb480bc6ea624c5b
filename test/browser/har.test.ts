import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TrafficBook } from '../../src/conformance/traffic/book.js';
import { readHar } from '../../src/conformance/traffic/har/read.js';
import { startMock } from '../conformance/helpers.js';
import { startProxy } from '../conformance/traffic/helpers.js';
import { launchOptions } from './chromium.js';

const identity = { exchange: <T>(e: T) => e, record: <T>(r: T) => r, text: (t: string) => t };

// A HAR as browsers write them: headless Chromium records (playwright-core's recordHar) a page that
// calls the API through the validating proxy; the HAR validator reads it to the proxy's verdict.
describe('a HAR recorded by Chromium', () => {
  it('validates: the API calls judged, the page and its assets left out, nothing found in the mock', async () => {
    const mock = await startMock();
    const proxy = await startProxy(mock.baseUrl);
    const har = join(mkdtempSync(join(tmpdir(), 'allsign-chromium-har-')), 'page.har');
    const browser = await chromium.launch(await launchOptions());
    try {
      const context = await browser.newContext({ recordHar: { path: har, content: 'embed' } });
      const page = await context.newPage();
      await page.goto(`${proxy.url}/docs`);
      const statuses = await page.evaluate(async () => {
        const headers = { authorization: 'Bearer sk_test_demo_a', 'content-type': 'application/json' };
        const list = await fetch('/v2/contacts?pageSize=3', { headers });
        const created = await fetch('/v2/contacts', { method: 'POST', headers, body: JSON.stringify({ email: `chromium-${Date.now()}@example.com`, fullName: 'Navegador' }) });
        const refused = await fetch('/v2/contacts?pageSize=0', { headers });
        // a body the page never reads may or may not be in the HAR: the page reads them all
        await Promise.all([list.json(), created.json(), refused.json()]);
        return [list.status, created.status, refused.status];
      });
      expect(statuses).toEqual([200, 201, 422]);
      await context.close();
      const book = new TrafficBook(har);
      const read = await readHar(har, (e) => book.add(e));
      const report = book.report('documented', identity);
      expect(read.malformedCount).toBe(0);
      expect(report.judged).toBe(3);
      expect(report.bodiesNotValidated).toBe(0);
      expect(report.skipped['not the API']).toBeGreaterThanOrEqual(1);
      expect(report.findings).toEqual([]);
      expect(report.clientRequests.map((g) => g.field)).toEqual(['query.pageSize']);
      expect(report.coverage.find((r) => r.operationId === 'createContact')?.statuses['201']).toBe(1);
      // the proxy saw the same three API calls
      const live = proxy.book.report('documented', identity);
      expect(live.judged).toBe(3);
    } finally {
      await browser.close();
      await proxy.close();
      await mock.close();
    }
  }, 120_000);
});
