// The Playwright way: no service worker, the app unchanged. `useAllSignMock(page)` routes the page's
// calls to https://api.allsign.io to a stateful mock in this test's process, so what one page
// creates the next page lists, and the test reads the mock's journal through the admin client it
// returns. (vitest drives playwright-core here; in @playwright/test the same two lines go in a
// test or a fixture: `const allsign = await useAllSignMock(page, { contacts: 0 })`.)
import { chromium, type Browser, type Page } from 'playwright-core';
import { useAllSignMock, type AllSignMock } from 'allsign-v2-toolkit/playwright';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serveExample, type ServedExample } from '../../scripts/serve-example.js';
// which Chromium this repository's tests use (Debian's or @sparticuz/chromium's); in a project with
// Playwright's own browsers, `chromium.launch()` is enough
import { chooseChromium, launchOptions } from '../../test/browser/chromium.js';

describe('examples/playwright: a two-page app against the routed mock', () => {
  let site: ServedExample;
  let browser: Browser;
  let page: Page;
  let allsign: AllSignMock;

  beforeAll(async () => {
    site = await serveExample('playwright');
    browser = await chromium.launch(await launchOptions());
    console.log(`browser: Chromium ${browser.version()} from ${(await chooseChromium()).source}`);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    allsign = await useAllSignMock(page, { contacts: 0 });
  });
  afterEach(() => page?.close());

  it('keeps what one page creates for the next, renders the 409 and the 422, and the journal has every call', async () => {
    const startedAt = new Date();
    await page.goto(`${site.url}/new.html`);
    await page.fill('#name', 'Ana López');
    await page.fill('#email', 'ana.lopez@example.mx');
    await page.click('#submit');
    // a full navigation to the list: the contact is there, the mock's state outlived the page
    await page.waitForURL(`${site.url}/?created=ana.lopez%40example.mx`);
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('#contacts li').allTextContents()).toEqual(['Ana López <ana.lopez@example.mx>']);

    await page.click('#new');
    await page.locator('body[data-ready="true"]').waitFor();
    await page.fill('#name', 'Ana otra vez');
    await page.fill('#email', 'ANA.LOPEZ@example.mx');
    await page.click('#submit');
    await expect.poll(() => page.locator('#error').textContent()).toBe('409: Contact with this email already exists');

    await page.fill('#email', 'ana-sin-arroba');
    await page.click('#submit');
    await expect.poll(() => page.locator('#error').textContent()).toMatch(/^422: email: /);

    const { requests } = await allsign.requests({ since: startedAt });
    expect(requests.map((r) => `${r.method} ${r.url} ${r.status} ${r.tenant}`).reverse()).toEqual([
      'POST /v2/contacts 201 demo-a',
      'GET /v2/contacts?pageSize=100 200 demo-a',
      'POST /v2/contacts 409 demo-a',
      'POST /v2/contacts 422 demo-a',
    ]);
    // the app's own origin served pages and the bundle only: no API call reached a server
    expect(site.seen.filter((line) => !/^GET \/(|new\.html|app\.js)$/.test(line.replace(/\?.*$/, '')))).toEqual([]);
  }, 60_000);

  it('a fault set through the admin client reaches the page, and stop() hands the calls back to the network', async () => {
    await allsign.addFault({ tenant: 'demo-a', operationId: 'listContacts', status: 503, times: 1 });
    const answer = page.waitForResponse((res) => res.url().startsWith('https://api.allsign.io/v2/contacts'));
    await page.goto(site.url);
    expect((await answer).status()).toBe(503);

    await allsign.stop();
    // unrouted, the call goes to the network, which this machine does not reach
    const failed = page.waitForEvent('requestfailed', (req) => req.url().startsWith('https://api.allsign.io/'));
    await page.reload();
    expect((await failed).url()).toBe('https://api.allsign.io/v2/contacts?pageSize=100');
  }, 60_000);
});
