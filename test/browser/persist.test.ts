import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePage, type ServedExample } from '../../scripts/serve-example.js';
import { openBrowser, type Browser } from './chromium.js';

// createHandlers({ persist }) in real Chromium: the state in the page's IndexedDB survives a reload
// and is shared by the origin's tabs, a reset clears it, tabs writing at once lose nothing, a storage
// error is one warning and the mock goes on in memory, and what is stored is bounded in bytes.
// The page (test/browser/pages/persist) puts `api`, `handlers` and `admin` on window.

declare const window: {
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  handlers: { flush(): Promise<void> };
  admin: { reset(): Promise<unknown>; resetTenant(tenant: string): Promise<unknown> };
};

const PAGE = fileURLToPath(new URL('./pages/persist', import.meta.url));

describe('the MSW handlers with persist, in headless Chromium', () => {
  let site: ServedExample;
  let browser: Browser;

  beforeAll(async () => {
    site = await servePage(PAGE);
    browser = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** Opens the page with `query` in `page` (a new tab when none is given), once its mock is ready. */
  async function open(query: string, page?: Page): Promise<Page> {
    const tab = page ?? (await browser.page.context().newPage());
    await tab.goto(`${site.url}/?${query}`);
    await tab.locator('body[data-msw="ready"]').waitFor({ timeout: 20_000 });
    return tab;
  }
  const reload = async (page: Page) => {
    await page.reload();
    await page.locator('body[data-msw="ready"]').waitFor({ timeout: 20_000 });
  };
  const call = (page: Page, method: string, path: string, body?: unknown) => page.evaluate(([m, p, b]) => window.api(m, p, b), [method, path, body] as const);
  const create = (page: Page, email: string, notes?: string) => call(page, 'POST', '/v2/contacts', { email, full_name: 'Persistida', ...(notes ? { notes } : {}) });
  const flush = (page: Page) => page.evaluate(() => window.handlers.flush());
  /** Every email of the demo tenant (the page seeds 3 contacts per tenant). */
  async function emails(page: Page): Promise<string[]> {
    const list = await call(page, 'GET', '/v2/contacts?pageSize=100');
    expect(list.status).toBe(200);
    return (list.body.data as { email: string }[]).map((c) => c.email).sort();
  }
  /** console.warn lines of a page, from now on. */
  function warnings(page: Page): string[] {
    const seen: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') seen.push(message.text());
    });
    return seen;
  }

  it('keeps the state across a reload and shows it to a second tab; tabs writing at once lose nothing; a reset clears it', async () => {
    const one = await open('key=tabs', browser.page);
    const seeded = await emails(one);
    expect(seeded).toHaveLength(3);

    expect((await create(one, 'recargada@example.com')).status).toBe(201);
    await flush(one);
    await reload(one);
    expect(await emails(one)).toContain('recargada@example.com');
    expect((await create(one, 'recargada@example.com')).status).toBe(409);

    // a new tab loads what the first stored; what it writes, the first sees on its next call
    const two = await open('key=tabs');
    expect(await emails(two)).toEqual(await emails(one));
    expect((await create(two, 'segunda@example.com')).status).toBe(201);
    expect(await emails(one)).toContain('segunda@example.com');

    // both tabs write at once: every create lands, and both tabs (and a reload) agree on the result
    const burst = (page: Page, tab: string) => Promise.all(Array.from({ length: 12 }, (_, i) => create(page, `${tab}-${i}@example.com`)));
    const [fromOne, fromTwo] = await Promise.all([burst(one, 'uno'), burst(two, 'dos')]);
    expect([...fromOne, ...fromTwo].map((r) => r.status)).toEqual(Array(24).fill(201));
    const all = await emails(one);
    expect(all).toHaveLength(3 + 2 + 24);
    expect(await emails(two)).toEqual(all);
    await Promise.all([flush(one), flush(two)]);
    await reload(one);
    expect(await emails(one)).toEqual(all);

    // a tenant reset clears that tenant's changes; a full reset clears what is stored
    await call(two, 'POST', '/v2/contacts', { email: 'otra@example.com' });
    await one.evaluate(() => window.admin.resetTenant('demo-a'));
    await flush(one);
    await reload(two);
    expect(await emails(two)).toEqual(seeded);
    expect((await create(two, 'tras-reset@example.com')).status).toBe(201);
    await one.evaluate(() => window.admin.reset());
    await flush(one);
    await reload(one);
    expect(await emails(one)).toEqual(seeded);
    expect(await emails(two)).toEqual(seeded);
    await two.close();
  }, 120_000);

  it('bounds what it stores in bytes: past the bound, changes stay in memory and a reload finds the last state that fitted', async () => {
    const page = await open('key=bound&maxBytes=12000');
    const warned = warnings(page);
    expect((await create(page, 'cabe@example.com')).status).toBe(201);
    await flush(page);
    // one request, one write: eight contacts of 1,500-character notes take the state past 12,000 bytes
    const big = Array.from({ length: 8 }, (_, i) => ({ email: `grande-${i}@example.com`, notes: 'x'.repeat(1500) }));
    const bulk = await call(page, 'POST', '/v2/contacts/bulk', { contacts: big });
    expect(bulk.body.succeededCount).toBe(8);
    await flush(page);
    expect(warned.filter((w) => w.includes('over persist.maxBytes (12000)'))).toHaveLength(1);
    await reload(page);
    const kept = await emails(page);
    expect(kept).toContain('cabe@example.com');
    expect(kept.filter((e) => e.startsWith('grande-'))).toEqual([]);
    await page.close();
  }, 60_000);

  it('takes a storage error (a full quota, no IndexedDB) as one warning and goes on in memory', async () => {
    // the quota of an origin with nothing stored yet (localhost, not 127.0.0.1) set below what the
    // state takes, through the DevTools protocol: the browser refuses the write
    const origin = site.url.replace('127.0.0.1', 'localhost');
    const full = await browser.page.context().newPage();
    const devtools = await full.context().newCDPSession(full);
    await devtools.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 2000 });
    const warned = warnings(full);
    await full.goto(`${origin}/?key=quota`);
    await full.locator('body[data-msw="ready"]').waitFor({ timeout: 20_000 });
    expect((await create(full, 'solo-memoria@example.com')).status).toBe(201);
    expect((await create(full, 'otra-en-memoria@example.com')).status).toBe(201);
    await flush(full);
    expect(await emails(full)).toEqual(expect.arrayContaining(['solo-memoria@example.com', 'otra-en-memoria@example.com']));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/QuotaExceededError.*goes on in memory/);
    await reload(full);
    expect(await emails(full)).not.toContain('solo-memoria@example.com');
    await devtools.send('Storage.overrideQuotaForOrigin', { origin });
    await full.close();

    const none = await browser.page.context().newPage();
    await none.addInitScript(() => {
      delete (globalThis as { indexedDB?: unknown }).indexedDB;
    });
    const noted = warnings(none);
    await open('key=none', none);
    expect((await create(none, 'sin-indexeddb@example.com')).status).toBe(201);
    expect(await emails(none)).toContain('sin-indexeddb@example.com');
    expect(noted).toHaveLength(1);
    expect(noted[0]).toMatch(/indexedDB.*goes on in memory/);
    await none.close();
  }, 60_000);
});
