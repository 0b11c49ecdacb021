/**
 * The command-centre console as its users meet it, in Debian's Chromium: a dispatcher signs in, finds a new order
 * in his 待派遣 queue, opens it and dispatches it; a town user typing another town's order URL is told it is not
 * his. Controls are found by their visible Chinese labels and roles. Screenshots at the sizes people use
 * (1920×1080 command-centre screens, 1366×768 laptops) go to E2E_SCREENSHOTS when it is set.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../apps/server/test/harness.ts';
import { orderIn, type Fixture } from '../apps/server/test/order-fixtures.ts';
import { closeJourney, openJourney, shot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
let waiting: Fixture;
let shengze: Fixture;
beforeAll(async () => {
  ({ s, browser } = await openJourney());
  waiting = await orderIn(s, 'pending_dispatch');
  shengze = await orderIn(s, 'pending_dispatch', { gridWorker: 'shengze_gridworker' });
}, 120_000);
afterAll(() => closeJourney(s, browser));


async function openDesk(page: Page, username: string): Promise<void> {
  await signIn(page, s.base, username);
  await page.getByRole('navigation', { name: '工作队列' }).waitFor();
}

it('a dispatcher finds a new order in 待派遣, opens it and dispatches it to a department', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await openDesk(page, 'zx_dispatcher');
  const queues = page.getByRole('navigation', { name: '工作队列' });
  await queues.getByText('待派遣', { exact: true }).click();
  const row = page.getByRole('row', { name: new RegExp(waiting.code) });
  await row.waitFor();
  await expect.poll(() => row.innerText()).toContain('待派遣');
  await shot(page, 'console-desk-1920');

  await page.getByRole('link', { name: waiting.code }).click();
  await page.getByText('流转记录').waitFor();
  await expect.poll(() => page.locator('body').innerText()).toContain('受理');
  await page.getByRole('button', { name: '派遣', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await shot(page, 'console-dispatch-dialog');
  // By keyboard, as a dispatcher does: type part of the unit's name, Enter takes the first match.
  await dialog.getByLabel('单位', { exact: true }).fill('城市管理局');
  await page.getByRole('option', { name: /吴江区城市管理局/ }).waitFor({ state: 'attached' });
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(async () => (await s.as('zx_dispatcher')).get(`/api/v1/orders/${waiting.id}`).then((r) => r.body.state.code)).toBe('pending_sign');
  await expect.poll(() => page.locator('body').innerText()).toContain('吴江区城市管理局');
  await shot(page, 'console-order-1920');

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('link', { name: '返回' }).click();
  await page.getByRole('navigation', { name: '工作队列' }).waitFor();
  await expect.poll(() => page.url()).toContain('queue=pending-dispatch'); // back in the queue he came from
  await shot(page, 'console-desk-1366');

  // Every string follows the language switch.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('navigation', { name: 'Work queues' }).getByText('To dispatch').waitFor();
  expect(await page.locator('body').innerText()).not.toMatch(/待派遣|工作队列/);
  await shot(page, 'console-desk-1366-en');
  await page.getByRole('button', { name: '中文' }).click();
  await context.close();
}, 120_000);

it('a form refusal appears in the form, in Chinese, and nothing is saved', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(s.base);
  await page.getByLabel('用户名').fill('zx_dispatcher');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByText('请输入密码').waitFor();
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: /密码|用户名/ }).waitFor();
  await shot(page, 'console-login-error-1366');
  await context.close();
}, 60_000);

it("a town user who types another town's order URL is told it is not his; the server refused it", async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openDesk(page, 'songling_dispatcher');
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/orders/${shengze.id}`));
  await page.goto(`${s.base}/orders/${shengze.id}`);
  expect((await answer).status()).toBe(404);
  await page.getByText('工单不存在，或不在您的权限范围内').waitFor();
  await context.close();
}, 60_000);

it('a supervisor opens the supervision board (督办看板); a department handler is not offered it', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await openDesk(page, 'zx_supervisor');
  await page.getByRole('menu', { name: '功能导航' }).getByText('督办看板').click();
  await page.getByText('在办工单：层级 × 红黄绿灯').waitFor();
  const units = page.getByRole('table').last();
  await expect.poll(() => units.innerText()).toContain('按时率');
  await expect.poll(() => page.locator('body').innerText()).toMatch(/红灯\s*\n?\s*\d+/);
  await shot(page, 'console-board-1920');
  await context.close();

  const other = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const handler = await other.newPage();
  await openDesk(handler, 'cgj_handler');
  expect(await handler.getByRole('menu', { name: '功能导航' }).innerText()).not.toContain('督办看板');
  await other.close();
}, 60_000);

it('a dispatcher selects orders in 待派遣 and dispatches them at once; each outcome is listed', async () => {
  const first = await orderIn(s, 'pending_dispatch');
  const second = await orderIn(s, 'pending_dispatch');
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openDesk(page, 'zx_dispatcher');
  await page.getByRole('navigation', { name: '工作队列' }).getByText('待派遣', { exact: true }).click();
  for (const o of [first, second]) await page.getByRole('row', { name: new RegExp(o.code) }).getByRole('checkbox').check();
  const bar = page.getByRole('toolbar', { name: '批量操作' });
  await expect.poll(() => bar.innerText()).toContain('已选 2 条');
  await bar.getByRole('button', { name: '批量派遣' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('单位', { exact: true }).fill('城市管理局');
  await page.getByRole('option', { name: /吴江区城市管理局/ }).waitFor({ state: 'attached' });
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  const results = dialog.getByRole('log', { name: '办理结果' });
  await expect.poll(() => results.innerText()).toMatch(new RegExp(`成功[\\s\\S]*${first.code}[\\s\\S]*成功[\\s\\S]*${second.code}`));
  await shot(page, 'console-bulk-1366');
  await dialog.getByRole('button', { name: '完成' }).click();
  for (const o of [first, second]) {
    expect((await (await s.as('zx_dispatcher')).get(`/api/v1/orders/${o.id}`)).body.state.code).toBe('pending_sign');
  }
  await context.close();
}, 90_000);

it('a returned order waits in 退单待裁决 with who returned it and why; the dispatcher sends it elsewhere', async () => {
  const returned = await orderIn(s, 'handling');
  const back = await (await s.as('cgj_handler')).act(returned.id, 'return', { reason: '该处为小区内部道路，不属于城管职责' });
  expect(back.status).toBe(200);
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await openDesk(page, 'zx_dispatcher');
  await page.getByRole('navigation', { name: '工作队列' }).getByText('退单待裁决').click();
  const row = page.getByRole('row', { name: new RegExp(returned.code) });
  await expect.poll(() => row.innerText()).toContain('该处为小区内部道路，不属于城管职责');
  expect(await row.innerText()).toContain('吴江区城市管理局');
  await shot(page, 'console-returned-1920');

  await page.getByRole('link', { name: returned.code }).click();
  await page.getByRole('button', { name: '派遣', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('单位', { exact: true }).fill('住房和城乡建设局');
  await page.getByRole('option', { name: /住房和城乡建设局/ }).first().waitFor({ state: 'attached' });
  await page.keyboard.press('Enter');
  await expect.poll(() => dialog.innerText()).toContain('住房和城乡建设局');
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(async () => (await s.as('zx_dispatcher')).get(`/api/v1/orders/${returned.id}`).then((r) => r.body.state.code)).toBe('pending_sign');
  await page.getByRole('link', { name: '返回' }).click();
  await expect.poll(() => page.getByRole('main').innerText()).not.toContain(returned.code);
  await context.close();
}, 120_000);
