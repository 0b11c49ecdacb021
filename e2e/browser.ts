/**
 * Debian's Chromium driven by playwright-core; nothing downloads a browser. Its pages ask for reduced motion, as a
 * user may (prefers-reduced-motion): the console then opens and closes its dialogs and lists without animation.
 */
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  // Chromium's --force-prefers-reduced-motion does not reach headless pages; the context option does.
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options?: BrowserContextOptions) => newContext({ reducedMotion: 'reduce', ...options });
  browser.newPage = (options?: BrowserContextOptions) => newPage({ reducedMotion: 'reduce', ...options });
  return browser;
}
