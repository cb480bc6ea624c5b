import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveExample, type ServedExample } from '../../scripts/serve-example.js';
import { keepScreenshot, openBrowser, type Browser } from './chromium.js';

// examples/msw-contacts in a real browser: the mock runs in the page through MSW's service worker,
// and the static server behind the page never sees an API call.
describe('the MSW example page in headless Chromium', () => {
  let site: ServedExample;
  let browser: Browser;

  beforeAll(async () => {
    site = await serveExample('msw-contacts');
    browser = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('creates a contact through the form, finds it, and shows the 409 and a 422 naming the field', async () => {
    const { page } = browser;
    await page.goto(site.url);
    await page.locator('body[data-msw="ready"]').waitFor({ timeout: 20_000 });
    const status = page.locator('#status');
    const search = async (text: string) => {
      await page.locator('#results').evaluate((list: { dataset: Record<string, string> }) => delete list.dataset.total);
      await page.fill('#search', text);
      await page.click('#search-button');
      await page.locator('#results[data-total]').waitFor();
    };

    await page.fill('#name', 'Ana López');
    await page.fill('#email', 'ana.lopez@example.mx');
    // each step waits for the page to show its answer (the status's data-status, the list's data-total)
    await page.click('#submit');
    await page.locator('#status[data-status="201"]').waitFor();
    expect(await status.textContent()).toBe('201: Created Ana López <ana.lopez@example.mx>');

    // accent-insensitive search finds the new contact
    await search('lopez');
    expect(await page.locator('#results li').allTextContents()).toContain('Ana López <ana.lopez@example.mx>');

    await page.click('#submit');
    await page.locator('#status[data-status="409"]').waitFor();
    expect(await status.textContent()).toBe('409: Contact with this email already exists');

    await page.fill('#email', 'ana-sin-arroba');
    await page.click('#submit');
    await page.locator('#status[data-status="422"]').waitFor();
    expect(await status.textContent()).toMatch(/^422: email: /);

    // the page persists: once stored, a reload finds the contact it made
    await page.evaluate(() => (globalThis as unknown as { allsignMock: { flush(): Promise<void> } }).allsignMock.flush());
    await page.reload();
    await page.locator('body[data-msw="ready"]').waitFor({ timeout: 20_000 });
    await search('lopez');
    expect(await page.locator('#results li').allTextContents()).toContain('Ana López <ana.lopez@example.mx>');

    await keepScreenshot(page, 'msw-contacts');
    // the page's origin served the page, the bundle and the worker; the API calls never left the browser
    expect(site.seen.filter((line) => line.includes('/api/'))).toEqual([]);
    expect(site.seen).toContain('GET /mockServiceWorker.js');
  }, 90_000);
});
