import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminClient } from '../../src/admin-client/index.js';
import { createMockApp, createMockServer, drain } from '../../src/mock/index.js';
import { keepScreenshot, openBrowser, type Browser } from './chromium.js';

// The mock's own API reference: "Try it out" must call the mock that serves the page (never the
// production server the contract names), and the mock's journal shows the call.
describe('the /docs page of a running mock in headless Chromium', () => {
  let server: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    server = createMockServer(createMockApp({ contacts: 0 }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await drain(server, 1000);
  });

  it('authorises with a demo key and executes a create against this mock', async () => {
    const { page } = browser;
    await page.goto(`${url}/`);
    expect(new URL(page.url()).pathname).toBe('/docs');
    const op = page.locator('#operations-Contacts-createContact');
    await op.waitFor({ timeout: 30_000 });
    expect(await page.locator('.servers select').inputValue()).toBe(url);

    await page.locator('.auth-wrapper .authorize').click();
    const modal = page.locator('.dialog-ux .modal-ux');
    await modal.locator('.auth-container input').fill('sk_test_demo_a');
    await modal.locator('.auth-btn-wrapper .modal-btn.authorize').click();
    await modal.locator('.auth-btn-wrapper .btn-done').click();
    await modal.waitFor({ state: 'detached' });

    await op.locator('.opblock-summary').click();
    await op.locator('.try-out__btn').click();
    await op.locator('textarea.body-param__text').fill(JSON.stringify({ email: 'swagger@example.com', full_name: 'Desde la Referencia' }));
    await op.locator('.execute').click();
    const status = op.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 20_000 });
    expect((await status.textContent())?.trim()).toBe('201');
    await keepScreenshot(op, 'docs-try-it-out');

    const journal = await createAdminClient({ baseUrl: url }).requests();
    const create = journal.requests.find((r) => r.method === 'POST' && r.url === '/v2/contacts');
    expect(create).toMatchObject({ status: 201, tenant: 'demo-a', body: { email: 'swagger@example.com', full_name: 'Desde la Referencia' } });
  }, 90_000);
});
