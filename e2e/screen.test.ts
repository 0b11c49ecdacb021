/**
 * The big screen (大屏) on a wall: opened with a screen token at 1920×1080, no sign-in; an order registered through
 * the API shows on the rolling board within a second of the request (measured in the page) and 今日受理 counts it;
 * the stage scales whole to a 3840×2160 wall and a 1366×768 laptop; a revoked, wrong or missing token shows why in
 * large type — never the console's sign-in.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newKey, type TestServer } from '../apps/server/test/harness.ts';
import { orderBody } from '../apps/server/test/order-fixtures.ts';
import { chooseOption, closeJourney, diagnoseOnFailure, openJourney, shot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
let token: { id: number; secret: string };

beforeAll(async () => {
  ({ s, browser } = await openJourney());
  const district = (await s.platform.db.query<{ code: string }>(`select code from divisions where level = 'district' limit 1`)).rows[0]!.code;
  const made = await (await s.as('admin')).post('/api/v1/admin/screen-tokens', { name: '区指挥中心大厅', areaCode: district });
  expect(made.status).toBe(201);
  token = { id: made.body.token.id, secret: made.body.secret };
});
afterAll(() => closeJourney(s, browser));

const figure = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const received = async (page: Page) => Number(await figure(page, '今日受理').getAttribute('data-value'));

async function openScreen(width: number, height: number, path: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height }, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await page.goto(`${s.base}${path}`);
  return page;
}

it('a new order shows on the wall within a second of its creation and 今日受理 counts it', async () => {
  const page = await openScreen(1920, 1080, `/screen?token=${token.secret}`);
  await figure(page, '今日受理').waitFor();
  await page.getByRole('status', { name: '实时' }).waitFor();
  const board = page.getByRole('table', { name: '最新工单' });
  await board.waitFor();
  await page.getByRole('img', { name: /网格负荷/ }).waitFor();
  // Every code the board shows, with the moment it first showed (the page's clock is this machine's).
  // (A script as text: the tests are type-checked without the DOM's types.)
  await page.evaluate(`(() => {
    const seen = new Map();
    window.seenCodes = seen;
    const note = () => {
      for (const cell of document.querySelectorAll('table tbody td:nth-child(2)')) if (!seen.has(cell.textContent)) seen.set(cell.textContent, Date.now());
    };
    note();
    new MutationObserver(note).observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);
  // A first order warms the process (the intake's caches, the territory index): its time is not the screen's.
  const operator = await s.as('zx_operator');
  const warm = await operator.post('/api/v1/orders', await orderBody(s), { 'idempotency-key': newKey('screen') });
  await board.getByRole('cell', { name: warm.body.code }).waitFor({ timeout: 10_000 });
  await page.waitForTimeout(2500);
  const before = await received(page);
  for (const name of ['办结率', '按时办结率', '满意率', '直接办结率', '在办', '超时']) await figure(page, name).waitFor();
  await page.waitForTimeout(1500);
  await shot(page, 'screen-1920x1080');

  // Signed in and the body ready before the clock starts: the measure is the request and the way to the wall.
  const body = await orderBody(s, { reporterName: '赵大壮' });
  const sent = Date.now();
  const created = await operator.post('/api/v1/orders', body, { 'idempotency-key': newKey('screen') });
  const answered = Date.now();
  expect(created.status).toBe(201);
  await board.getByRole('cell', { name: created.body.code }).waitFor({ timeout: 5_000 });
  const shown = (await page.evaluate(`window.seenCodes.get(${JSON.stringify(created.body.code)})`)) as number;
  const ms = shown! - sent;
  process.stdout.write(`big screen: order ${created.body.code} on the board ${ms} ms after the request was sent (answered in ${answered - sent} ms)\n`);
  expect(ms).toBeLessThan(1000);
  await expect.poll(() => received(page), { timeout: 1000 }).toBe(before + 1);
  // The wall never shows a person.
  expect(await page.locator('body').innerText()).not.toContain('赵大壮');
  await page.waitForTimeout(1200);
  await shot(page, 'screen-1920x1080-new-order');

  // The stage scales whole: twice the size on a 3840×2160 wall, smaller on a laptop, the layout the same.
  const width = async () => (await page.getByRole('region', { name: '核心指标' }).boundingBox())!.width;
  const at1920 = await width();
  await page.setViewportSize({ width: 3840, height: 2160 });
  await expect.poll(width).toBeCloseTo(at1920 * 2, -1);
  await page.waitForTimeout(1500);
  await shot(page, 'screen-3840x2160');
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect.poll(width).toBeCloseTo(at1920 * (1366 / 1920), -1);
  await page.waitForTimeout(1000);
  await shot(page, 'screen-1366x768');
  await page.context().close();
});

it('a wrong or missing token shows why, never the sign-in', async () => {
  const wrong = await openScreen(1920, 1080, '/screen?token=ldw_not-a-real-token');
  const alert = wrong.getByRole('alert', { name: '大屏无法显示' });
  await alert.getByText('大屏令牌无效，请核对大屏地址').waitFor();
  expect(await wrong.getByLabel('用户名').count()).toBe(0);
  await shot(wrong, 'screen-wrong-token');
  await wrong.context().close();
  const none = await openScreen(1366, 768, '/screen');
  await none.getByRole('alert', { name: '大屏无法显示' }).getByText(/大屏地址缺少令牌/).waitFor();
  await none.context().close();
});

it('a revoked token stops the wall at once with a clear message', async () => {
  const page = await openScreen(1920, 1080, `/screen?token=${token.secret}`);
  await page.getByRole('status', { name: '实时' }).waitFor();
  const revoked = await (await s.as('admin')).delete(`/api/v1/admin/screen-tokens/${token.id}`);
  expect(revoked.status).toBe(200);
  await page.getByRole('alert', { name: '大屏无法显示' }).getByText('大屏令牌已被吊销，请向管理员索取新的大屏地址').waitFor({ timeout: 15_000 });
  expect(await page.getByRole('table', { name: '最新工单' }).count()).toBe(0);
  await shot(page, 'screen-revoked');
  await page.context().close();
});

it('an administrator makes a town’s screen token in the console; the town’s wall shows its own orders only', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const admin = await context.newPage();
  await signIn(admin, s.base, 'admin');
  await admin.getByRole('menu', { name: '功能导航' }).getByText('系统管理').click();
  await admin.getByRole('tab', { name: '大屏令牌' }).click();
  const form = admin.getByRole('form', { name: '新建大屏令牌' });
  await form.getByLabel('大屏名称').fill('松陵街道综治中心');
  await chooseOption(admin, form, '显示范围', '松陵', '松陵街道');
  await form.getByRole('button', { name: '新建大屏令牌' }).click();
  const dialog = admin.getByRole('dialog', { name: '大屏地址（仅显示这一次）' });
  await dialog.waitFor();
  const url = (await dialog.getByLabel('大屏地址', { exact: true }).innerText()).trim();
  expect(url).toMatch(new RegExp(`^${s.base}/screen\\?token=ldw_`));
  await shot(admin, 'screen-token-made-1366');
  await admin.getByRole('button', { name: '我已保存地址' }).click();
  await admin.getByRole('table', { name: '大屏令牌' }).getByText('松陵街道综治中心').waitFor();

  const wall = await openScreen(1920, 1080, url.slice(s.base.length));
  await wall.getByRole('status', { name: '实时' }).waitFor();
  await wall.getByRole('heading', { name: '松陵街道社会治理网格化联动指挥大屏' }).waitFor();
  await wall.getByRole('heading', { name: '村（社区）办结排名（本月）' }).waitFor();
  const board = wall.getByRole('table', { name: '最新工单' });
  const operator = await s.as('zx_operator');
  const theirs = await operator.post('/api/v1/orders', await orderBody(s, { gridWorker: 'shengze_gridworker' }), { 'idempotency-key': newKey('screen') });
  const mine = await operator.post('/api/v1/orders', await orderBody(s, { gridWorker: 'songling_gridworker' }), { 'idempotency-key': newKey('screen') });
  await board.getByRole('cell', { name: mine.body.code }).waitFor({ timeout: 5_000 });
  expect(await board.getByRole('cell', { name: theirs.body.code }).count()).toBe(0);
  await wall.waitForTimeout(1500);
  await shot(wall, 'screen-town-1920x1080');
  await wall.context().close();
  await context.close();
});
