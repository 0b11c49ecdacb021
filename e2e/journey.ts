/**
 * What every browser journey shares: a platform on the demo district and Debian's Chromium, screenshots to
 * E2E_SCREENSHOTS when it is set, and signing in through the console's login form.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../apps/server/test/harness.ts';
import { launchBrowser } from './browser.ts';
import { phoneContext, type PhoneOptions } from './phone.ts';

export async function openJourney(opts: { clock?: () => Date } = {}): Promise<{ s: TestServer; browser: Browser }> {
  const [s, browser] = await Promise.all([startTestServer({ slowRequestMs: 2_000, ...opts }), launchBrowser()]);
  return { s, browser };
}

export async function closeJourney(s: TestServer | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await s?.close();
}

export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png` });
}

/**
 * When the running test fails, what the page showed: its address and accessibility tree on stderr, and a
 * screenshot named after the test in E2E_SCREENSHOTS (or the system's temporary folder), so that a journey that
 * failed only on a busy CI machine can be read afterwards.
 */
export function diagnoseOnFailure(page: Page): void {
  onTestFailed(async ({ task }) => {
    if (page.isClosed()) return;
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
    const folder = process.env.E2E_SCREENSHOTS ?? tmpdir();
    // Open dialogs first: what a journey waits on is most often in one, and the page around it can be long.
    const dialogs = await page.getByRole('dialog').all().catch(() => []);
    const parts = await Promise.all([...dialogs, page.locator('body')].map((l) => l.ariaSnapshot({ timeout: 5_000 }).catch((e: Error) => `(no snapshot: ${e.message})`)));
    const tree = parts.join('\n---\n');
    await page.screenshot({ path: join(folder, `failed-${name}.png`), timeout: 5_000 }).catch(() => undefined);
    process.stderr.write(`\n--- page at failure of "${task.name}": ${page.url()} (screenshot ${join(folder, `failed-${name}.png`)})\n${tree.slice(0, 8_000)}\n---\n`);
  });
}

/**
 * Chooses an option of an antd select or tree select within `scope` (a dialog, a drawer): types into the control
 * labelled `label`, clicks the option titled `title` in the list (which lies outside the scope), until the choice
 * shows in the scope. On a busy machine the list may still be opening, or close under the click, so it tries again.
 */
export async function chooseOption(page: Page, scope: Locator, label: string, typed: string, title: string): Promise<void> {
  const chosen = scope.getByTitle(title, { exact: true });
  for (let i = 0; i < 4 && !(await chosen.count()); i++) {
    await scope.getByLabel(label, { exact: true }).fill(typed);
    await page.getByTitle(title, { exact: true }).last().click({ timeout: 5_000 }).catch(() => undefined);
    await page.waitForTimeout(300);
  }
  await chosen.first().waitFor();
}

/**
 * Clicks 确定 in `scope` once it is no longer busy: while a submission is on its way antd shows the button as
 * "loading 确定". On a busy CI machine one answer once took over 30 s (the server logs slow requests, see openJourney).
 */
export async function submitIn(scope: Locator, timeout = 90_000): Promise<void> {
  const ready = scope.getByRole('button', { name: '确定', exact: true });
  await ready.waitFor({ timeout });
  await ready.click();
}

/** Signs in on the console's login form with the demo password; a failure later in the test shows the page. */
export async function signIn(page: Page, base: string, username: string): Promise<void> {
  diagnoseOnFailure(page);
  await page.goto(base);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** A phone's context and its first page (phone.ts); a failure later in the test shows what the page showed. */
export async function phonePage(browser: Browser, opts: PhoneOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phoneContext(browser, opts);
  const page = await context.newPage();
  diagnoseOnFailure(page);
  return { context, page };
}
