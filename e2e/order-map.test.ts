/**
 * 工单分布 in the console, in Debian's Chromium: a dispatcher switches his queue to the map; the count in view is the
 * queue's, a cluster zooms in when clicked, and a single order's dot opens the order.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../apps/server/test/harness.ts';
import { createOrder } from '../apps/server/test/order-fixtures.ts';
import { closeJourney, openJourney, shot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  ({ s, browser } = await openJourney());
  for (const w of ['songling_gridworker', 'songling_gridworker', 'shengze_gridworker', 'pingwang_gridworker']) await createOrder(s, { gridWorker: w });
}, 120_000);
afterAll(() => closeJourney(s, browser));

it('a dispatcher sees his queue on the map and opens an order from it', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await signIn(page, s.base, 'zx_dispatcher');
  const queue = (await (await s.as('zx_dispatcher')).get('/api/v1/orders?state=pending_accept')).body.total;
  expect(queue).toBe(4);
  await page.getByRole('navigation', { name: '工作队列' }).getByText('待受理').click();
  await page.getByText('地图', { exact: true }).click();
  await page.getByRole('status').filter({ hasText: '视野内工单' }).getByText(`视野内工单 ${queue} 件`).waitFor({ timeout: 20_000 });
  await page.waitForTimeout(500);
  await shot(page, 'desk-map-1920');

  // Zoom in through clusters until single orders show; one opens its order.
  const dot = page.getByRole('button', { name: /^工单 LD\d+/ }).first();
  for (let i = 0; i < 6 && !(await dot.isVisible()); i++) {
    await page.getByRole('button', { name: /件工单，点击放大/ }).first().click();
    await page.waitForTimeout(1200);
  }
  const code = (await dot.getAttribute('aria-label'))!.replace('工单 ', '');
  await dot.click();
  await page.waitForURL(/\/orders\/\d+/);
  await page.getByText(code).first().waitFor();
  await context.close();
}, 120_000);
