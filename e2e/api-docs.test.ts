/** The browsable API documentation, as a developer integrating with Liandong opens it in a browser. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../apps/server/test/harness.ts';
import { closeJourney, openJourney, shot } from './journey.ts';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  ({ s, browser } = await openJourney());
}, 120_000);
afterAll(() => closeJourney(s, browser));

it('shows every order action in the API docs and runs the health check from the page', async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  await page.goto(`${s.base}/api/docs`);
  await page.getByText('Liandong 联动 API').first().waitFor();
  // Swagger UI renders operations as they scroll into view: read the page the way a developer does, scrolling down.
  const seen = new Set<string>();
  for (let i = 0; i < 200 && !seen.has('/api/v1/orders/{id}/actions/merge'); i++) {
    for (const line of (await page.locator('body').innerText()).split('\n')) seen.add(line.trim());
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(100);
  }
  const body = [...seen].join('\n');
  expect(body).toContain('/api/v1/orders/{id}/actions/dispatch');
  expect(body).toContain('登记工单 Create a work order');
  expect(body).toContain('/api/v1/orders/{id}/actions/merge');
  await page.evaluate('window.scrollTo(0, 0)');
  // Expand the health operation and execute it from the browser.
  await page.locator('.opblock-summary-path', { hasText: /^\/api\/health$/ }).click();
  await page.getByRole('button', { name: 'Try it out' }).click();
  await page.getByRole('button', { name: 'Execute' }).click();
  await expect.poll(async () => page.locator('.live-responses-table tbody .response-col_status').first().innerText()).toContain('200');
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/api-docs.png`, fullPage: false });
  await page.close();
}, 120_000);
