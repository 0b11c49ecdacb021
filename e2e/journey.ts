/**
 * What every browser journey shares: a platform on the demo district and Debian's Chromium, screenshots to
 * E2E_SCREENSHOTS when it is set, and signing in through the console's login form.
 */
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../apps/server/test/harness.ts';
import { launchBrowser } from './browser.ts';

export async function openJourney(): Promise<{ s: TestServer; browser: Browser }> {
  const [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  return { s, browser };
}

export async function closeJourney(s: TestServer | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await s?.close();
}

export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png` });
}

/** Signs in on the console's login form with the demo password. */
export async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(base);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}
