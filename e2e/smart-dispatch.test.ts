/**
 * 智能分拨 in Debian's Chromium: a citizen's call about a missing sewer cover waits at the district centre; the
 * dispatcher on a laptop (1366×768) opens it and sees the suggestions — unit, condition and category, confidence and
 * the words that weighed — and applies the first with one click: the order goes to that unit and the timeline says
 * it was the model's suggestion, with its version and confidence. A handling unit's user is shown no suggestions.
 * An administrator, in 系统管理 → 智能分拨, sees the models with their state and evaluation, retrains one and watches
 * it become the one in use, and turns 自动派遣 on with its least confidence (a value out of range refused at its
 * field); a supervisor, who has 系统管理 too, has no such tab.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DispatchSuggestions } from '@liandong/contracts';
import type { TestServer } from '../apps/server/test/harness.ts';
import { expectOk, orderIn, type Fixture } from '../apps/server/test/order-fixtures.ts';
import { closeJourney, diagnoseOnFailure, openJourney, shot as rawShot, signIn } from './journey.ts';

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

/** A screenshot once antd's tabs, messages and progress bars have finished moving. */
async function shot(page: Page, name: string): Promise<void> {
  // A string, run in the page: this project's TypeScript knows no DOM. Endless ones (a spinner) do not count.
  await page.waitForFunction(`document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)`);
  await rawShot(page, name);
}

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

it('an administrator sees the models, retrains one and turns automatic dispatch on with its least confidence', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await signIn(page, s.base, 'admin');
  await page.getByRole('menu', { name: '功能导航' }).getByText('系统管理').click();
  await page.getByRole('tab', { name: '智能分拨' }).click();
  const models = page.getByRole('region', { name: '分拨模型' });
  const table = models.getByRole('table');
  // The model the suggestions above trained: ready, in use, with its evaluation and when it was trained.
  const first = table.getByRole('row').filter({ hasText: 'v1' });
  await first.getByText('可用').waitFor({ timeout: 30_000 });
  await first.getByText('使用中').waitFor();
  // Nothing was dispatched before it: no hit rate to show.
  expect(await first.getByRole('cell', { name: '—', exact: true }).count()).toBeGreaterThanOrEqual(2);
  await expect.poll(() => table.getByRole('columnheader').allInnerTexts()).toEqual(['版本', '状态', '首位命中率', '前三命中率', '评估工单数', '学习样本', '训练完成时间']);

  await models.getByRole('button', { name: '重新训练' }).click();
  await page.getByText('已开始训练模型 v2').waitFor();
  const second = table.getByRole('row').filter({ hasText: 'v2' });
  await second.getByText('使用中').waitFor({ timeout: 60_000 });
  expect(await first.getByText('使用中').count()).toBe(0);
  const runs = expectOk(await (await s.as('admin')).get('/api/v1/dispatch/models'), 'models').items;
  expect(runs.map((m: { version: number; state: string }) => [m.version, m.state])).toEqual([
    [2, 'ready'],
    [1, 'ready'],
  ]);
  // The second run learned the dispatch the first test applied: its evaluation is shown as the server has it.
  const top1 = runs[0].evaluation?.heldOut ? `${Math.round(runs[0].evaluation.top1 * 1000) / 10}%` : '—';
  await second.getByRole('cell', { name: top1, exact: true }).first().waitFor();

  const auto = page.getByRole('region', { name: '自动派遣' });
  const toggle = auto.getByRole('switch', { name: '自动派遣' });
  expect(await toggle.isChecked()).toBe(false);
  await expect.poll(() => auto.getByLabel('最低置信度').inputValue()).toBe('90');
  await toggle.click();
  await auto.getByLabel('最低置信度').fill('');
  await auto.getByRole('button', { name: '保存' }).click();
  await auto.getByText('请填写 50 到 100 之间的数值').waitFor();
  expect(expectOk(await (await s.as('admin')).get('/api/v1/dispatch/auto'), 'auto')).toEqual({ enabled: false, minConfidence: 0.9 });
  await auto.getByLabel('最低置信度').fill('85');
  await auto.getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存').first().waitFor();
  expect(expectOk(await (await s.as('admin')).get('/api/v1/dispatch/auto'), 'auto')).toEqual({ enabled: true, minConfidence: 0.85 });
  await shot(page, 'smart-dispatch-admin-1366');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, 'smart-dispatch-admin-1920');
  await page.setViewportSize({ width: 1366, height: 768 });

  // Read back after a reload, and in English.
  await page.reload();
  await page.getByRole('tab', { name: '智能分拨' }).click();
  await expect.poll(() => page.getByRole('region', { name: '自动派遣' }).getByRole('switch', { name: '自动派遣' }).isChecked()).toBe(true);
  await expect.poll(() => page.getByRole('region', { name: '自动派遣' }).getByLabel('最低置信度').inputValue()).toBe('85');

  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('tab', { name: 'Smart dispatch' }).click();
  const enModels = page.getByRole('region', { name: 'Dispatch models' });
  await enModels.getByText('In use').waitFor({ timeout: 30_000 });
  await enModels.getByRole('button', { name: 'Retrain' }).waitFor();
  expect(await page.getByRole('region', { name: 'Automatic dispatch' }).getByRole('switch', { name: 'Automatic dispatch' }).isChecked()).toBe(true);
  // Every tab on one line at 1366 in English too: antd's overflow menu (…) stays hidden.
  expect(await page.locator('.ant-tabs-nav-operations-hidden').count()).toBe(1);
  await shot(page, 'smart-dispatch-admin-en-1366');
  await context.close();
  expectOk(await (await s.as('admin')).put('/api/v1/dispatch/auto', { enabled: false, minConfidence: 0.85 }), 'off');
}, 180_000);

it('a supervisor, who has 系统管理 too, has no smart-dispatch tab (and the server refuses him)', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await signIn(page, s.base, 'zx_supervisor');
  await page.getByRole('menu', { name: '功能导航' }).getByText('系统管理').click();
  await page.getByRole('tab', { name: '消息记录' }).waitFor();
  expect(await page.getByRole('tab', { name: '智能分拨' }).count()).toBe(0);
  expect((await (await s.as('zx_supervisor')).get('/api/v1/dispatch/models')).status).toBe(403);
  await context.close();
});
