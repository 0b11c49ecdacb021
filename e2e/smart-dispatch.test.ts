/**
 * 智能分拨 in Debian's Chromium: a citizen's call about a missing sewer cover waits at the district centre; the
 * dispatcher on a laptop (1366×768) opens it and sees the suggestions — unit, condition and category, confidence and
 * the words that weighed — and applies the first with one click: the order goes to that unit and the timeline says
 * it was the model's suggestion, with its version and confidence. A handling unit's user is shown no suggestions.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { DispatchSuggestions } from '@liandong/contracts';
import type { TestServer } from '../apps/server/test/harness.ts';
import { expectOk, orderIn, type Fixture } from '../apps/server/test/order-fixtures.ts';
import { closeJourney, diagnoseOnFailure, openJourney, shot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
let f: Fixture;
let first: DispatchSuggestions['items'][number];

beforeAll(async () => {
  ({ s, browser } = await openJourney());
  f = await orderIn(s, 'pending_dispatch', { description: '松陵镇中山路人行道上的污水井盖缺失，只用一块木板盖着，晚上看不清很危险' });
  const out: DispatchSuggestions = expectOk(await (await s.as('zx_dispatcher')).post('/api/v1/dispatch/suggestions', { orderId: f.id }), 'suggest');
  first = out.items[0]!;
}, 240_000);
afterAll(() => closeJourney(s, browser));

it('a dispatcher sees the suggestions with confidence and reasons, and applies one with a click', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await signIn(page, s.base, 'zx_dispatcher');
  await page.getByRole('navigation', { name: '工作队列' }).waitFor();
  await page.goto(`${s.base}/orders/${f.id}`);
  const panel = page.getByRole('region', { name: '智能分拨建议' });
  const item = panel.getByRole('listitem', { name: first.unit.name });
  await item.waitFor({ timeout: 30_000 });
  await item.getByText(first.condition!.description).waitFor();
  await item.getByText(first.category!.name, { exact: true }).first().waitFor();
  await item.getByText(first.reasons[0]!, { exact: true }).first().waitFor();
  await item.getByRole('progressbar').waitFor();
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'smart-dispatch-suggestions-1366');

  await item.getByRole('button', { name: `采用建议：派往${first.unit.name}` }).click();
  const timeline = page.getByRole('region', { name: '流转记录' });
  await timeline.getByText(/采用智能分拨建议（模型 v\d+，置信度 \d+%）/).waitFor({ timeout: 20_000 });
  await page.getByText('待签收').first().waitFor();
  // Now it handles it: that suggestion says so and is not offered again (a redispatch goes elsewhere).
  await item.getByText('当前承办').waitFor();
  expect(await item.getByRole('button', { name: `采用建议：派往${first.unit.name}` }).isDisabled()).toBe(true);
  await shot(page, 'smart-dispatch-applied-1366');
  const detail = expectOk(await (await s.as('zx_dispatcher')).get(`/api/v1/orders/${f.id}`), 'detail');
  expect(detail.handlerUnit.id).toBe(first.unit.id);
  expect(detail.state.code).toBe('pending_sign');
  await context.close();
});

it('a handling unit is shown no suggestions', async () => {
  const g = await orderIn(s, 'pending_sign', { description: '路灯不亮' });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await signIn(page, s.base, 'cgj_handler');
  await page.getByRole('navigation', { name: '工作队列' }).waitFor();
  await page.goto(`${s.base}/orders/${g.id}`);
  await page.getByRole('region', { name: '流转记录' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: '签收' }).first().waitFor();
  expect(await page.getByRole('region', { name: '智能分拨建议' }).count()).toBe(0);
  await context.close();
});
