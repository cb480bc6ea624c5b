import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminClient } from '../../src/admin-client/index.js';
import { createMockApp, createMockServer, drain } from '../../src/mock/index.js';
import { keepScreenshot, openBrowser, type Browser } from './chromium.js';

// The mock's own API reference: "Try it out" answers on the first Execute, with the first key the
// mock was started with, against the mock that serves the page (the production server is listed
// second), and the page loads nothing from anywhere else.
describe('the /docs page of a running mock in headless Chromium', () => {
  let server: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    server = createMockServer(createMockApp({ contacts: 2 }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await drain(server, 1000);
  });

  it('lists contacts on the first Execute, as the first tenant, from this mock; nothing is loaded from elsewhere', async () => {
    const { page } = browser;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${url}/`);
    expect(new URL(page.url()).pathname).toBe('/docs');
    await page.locator('body[data-reference="ready"]').waitFor({ timeout: 30_000 });

    await expect.poll(() => page.locator('#reference-key').getAttribute('data-tenant')).toBe('demo-a');
    expect(await page.locator('#reference-key').textContent()).toContain('sk_test_demo_a');
    expect(await page.locator('.servers select option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))).toEqual([url, 'https://api.allsign.io']);

    const op = page.locator('#operations-Contacts-listContacts');
    await op.locator('.opblock-summary').click();
    await op.locator('.execute').click();
    const status = op.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 20_000 });
    expect((await status.textContent())?.trim()).toBe('200');
    const body = JSON.parse((await op.locator('.live-responses-table .response-col_description .microlight').first().textContent()) ?? '{}') as { data: unknown[]; total: number };
    expect(body.total).toBe(2);
    expect(body.data).toHaveLength(2);
    await keepScreenshot(op, 'docs-try-it-out');

    const { requests } = await createAdminClient({ baseUrl: url }).requests();
    expect(requests.filter((r) => r.url.startsWith('/v2/'))).toMatchObject([{ method: 'GET', url: '/v2/contacts?page=1&pageSize=25', status: 200, tenant: 'demo-a' }]);
    expect(requested.filter((address) => !address.startsWith(`${url}/`) && !address.startsWith('data:'))).toEqual([]);
  }, 90_000);
});
