import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { bundledChromium } from './bundled-chromium.js';

// The browser tests drive a real headless Chromium through playwright-core (which downloads no
// browser of its own): CHROMIUM_PATH when set, else Debian's where it is installed, else the one
// @sparticuz/chromium ships in its npm package, so `npm ci && npm test` needs nothing from apt.
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

export interface ChromiumChoice {
  executablePath: string;
  /** added to the browser's environment */
  env: Record<string, string>;
  /** which one, for the test output */
  source: string;
}

let choice: Promise<ChromiumChoice> | undefined;

/** The Chromium this run uses (decided once per test file). */
export function chooseChromium(): Promise<ChromiumChoice> {
  choice ??= (async () => {
    const given = process.env.CHROMIUM_PATH;
    if (given) {
      if (!existsSync(given)) throw new Error(`CHROMIUM_PATH is ${given}, which does not exist`);
      return { executablePath: given, env: {}, source: `CHROMIUM_PATH (${given})` };
    }
    if (existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, env: {}, source: `Debian's chromium (${DEBIAN_CHROMIUM})` };
    const bundled = await bundledChromium();
    return { executablePath: bundled.executablePath, env: bundled.env, source: `@sparticuz/chromium ${bundled.version} (no ${DEBIAN_CHROMIUM}; unpacked in ${bundled.executablePath})` };
  })();
  return choice;
}

/** What a launch of the chosen Chromium takes: its path, its environment and the flags of a closed network. */
export async function launchOptions(): Promise<{ executablePath: string; env: Record<string, string>; headless: true; args: string[] }> {
  const { executablePath, env } = await chooseChromium();
  return {
    executablePath,
    env: { ...(process.env as Record<string, string>), ...env },
    headless: true,
    // no sandbox (root in CI), and none of the background calls a closed network refuses
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  };
}

export interface Browser {
  page: Page;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile (no service worker left from an earlier run); says which Chromium it is. */
export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'allsign-chromium-'));
  const { source } = await chooseChromium();
  const context: BrowserContext = await chromium.launchPersistentContext(profile, await launchOptions());
  console.log(`browser: Chromium ${context.browser()?.version() ?? '(version unknown)'} from ${source}`);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A screenshot of the page (all of it) or of one element, kept as a test artifact; its path is printed. */
export async function keepScreenshot(target: Page | Locator, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await ('goto' in target ? target.screenshot({ path, fullPage: true }) : target.screenshot({ path }));
  console.log(`screenshot: ${path}`);
  return path;
}
