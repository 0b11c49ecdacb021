/**
 * The field app's patrol and overview, as a grid worker and a grid leader use them on a phone (390×844): patrol mode
 * records a walk (the phone's position moving), sends it through the outbox, and the grid map shows the cells walked
 * and the coverage; the worker's reports and grid figures; a grid leader's overview of his grids with each worker's
 * coverage; the app in English.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, gridOf, pointInGrid, type TestServer } from '../apps/server/test/harness.ts';
import { createOrder, orderIn, step } from '../apps/server/test/order-fixtures.ts';
import { closeJourney, openJourney, phonePage, shot } from './journey.ts';

const WORKER = 'songling_gridworker';
let s: TestServer;
let browser: Browser;
let grid: string;
let here: { lng: number; lat: number };

beforeAll(async () => {
  ({ s, browser } = await openJourney());
  grid = await gridOf(s, WORKER);
  here = await pointInGrid(s, grid);
});
afterAll(() => closeJourney(s, browser));

/** A phone signed in as `username`; `located: false` is one that gives no position (denied, or no fix underground). */
async function phone(username: string, opts: { located?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await phonePage(browser, { at: opts.located === false ? null : here, accuracy: 6 });
  await page.goto(`${s.base}/field/`);
  await page.getByRole('textbox', { name: '账号' }).fill(username);
  await page.getByRole('textbox', { name: '密码' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation').getByText('任务').waitFor();
  return { context, page };
}

it('a walk in patrol mode reaches the server through the outbox and shows on the grid map', async () => {
  const { context, page } = await phone(WORKER);
  await page.getByRole('navigation').getByText('巡查').click();
  await page.getByRole('img', { name: /网格地图/ }).waitFor();
  await page.getByRole('button', { name: '开始巡查' }).click();
  // Forty metres east, then forty north, a fix every 2.5 m at a brisk (but human) 6 m/s: faster would be a jump.
  const mLng = 1 / (111_195 * Math.cos((here.lat * Math.PI) / 180));
  const mLat = 1 / 111_195;
  for (let i = 0; i <= 32; i++) {
    const [dx, dy] = i <= 16 ? [i * 2.5, 0] : [40, (i - 16) * 2.5];
    await context.setGeolocation({ longitude: here.lng + dx * mLng, latitude: here.lat + dy * mLat, accuracy: 6 });
    await page.waitForTimeout(420);
  }
  await page.getByText(/已记录 \d+ 个位置/).waitFor();
  await page.getByRole('button', { name: '结束巡查' }).click();
  await expect.poll(async () => (await s.platform.db.query<{ n: number }>(`select count(*)::int as n from patrol_points p join users u on u.id = p.user_id where u.username = $1`, [WORKER])).rows[0]!.n, { timeout: 30_000 }).toBeGreaterThan(5);
  await expect.poll(async () => (await page.getByRole('img', { name: /网格地图/ }).getAttribute('aria-label')) ?? '', { timeout: 30_000 }).toMatch(/已走过 [1-9]\d* \//);
  await shot(page, 'field-patrol');

  await page.getByRole('navigation').getByText('我的').click();
  await page.getByText('户数').waitFor();
  await shot(page, 'field-mine');
  await page.getByRole('navigation').getByText('上报').click();
  await page.getByText('已定位').waitFor();
  await shot(page, 'field-report');
  await context.close();
});

it('a grid leader sees each of his grids with its open orders and its workers’ coverage', async () => {
  const { context, page } = await phone('songling_gridleader');
  await page.getByRole('navigation').getByText('我的').click();
  await page.getByText('网格概况').click();
  const region = page.getByRole('region').filter({ hasText: grid }).first();
  await region.getByText('在办工单').waitFor();
  await page.getByText('覆盖率').first().waitFor();
  await shot(page, 'field-grid-leader');
  await context.close();
});

it('reads in English after the switch', async () => {
  const { context, page } = await phone(WORKER);
  await page.getByRole('navigation').getByText('我的').click();
  await page.getByRole('option', { name: 'English' }).click();
  await page.getByRole('navigation').getByText('Tasks').waitFor();
  await page.getByRole('navigation').getByText('Report').click();
  await page.getByRole('button', { name: 'Submit report' }).waitFor();
  await shot(page, 'field-report-en');
  await context.close();
});

it('a report kept as a draft without a GPS fix is finished later, with its photo and words', async () => {
  const { context, page } = await phone(WORKER, { located: false });
  await page.getByRole('navigation').getByText('上报').click();
  // No position (location refused): the report cannot go, but it can be kept.
  await page.getByText('未能定位').waitFor();
  const jpeg = await page.screenshot({ type: 'jpeg' });
  await page.getByLabel('现场照片：拍照/选图').setInputFiles({ name: 'd.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.getByRole('img', { name: '现场照片 1' }).waitFor();
  await page.getByLabel('问题描述').fill('地下车库无信号，先存草稿：消防通道被占用');
  await page.getByRole('button', { name: '提交上报' }).click();
  await page.getByRole('alert').getByText('尚未定位，无法提交').waitFor();
  await page.getByRole('button', { name: '存草稿' }).click();
  const drafts = page.getByRole('region', { name: '草稿' });
  await drafts.getByText('地下车库无信号').waitFor();
  await shot(page, 'field-drafts');

  // Later, out in the open: the draft opens with what was kept, and is finished.
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ longitude: here.lng, latitude: here.lat, accuracy: 10 });
  await drafts.getByText('地下车库无信号').click();
  await expect.poll(() => page.getByLabel('问题描述').inputValue()).toContain('消防通道被占用');
  await page.getByRole('img', { name: '现场照片 1' }).waitFor();
  await page.getByRole('button', { name: '重新定位' }).click();
  await page.getByText('已定位').waitFor();
  await page.getByLabel('问题分类').fill('xf');
  await page.locator('.adm-check-list-item').first().click();
  await page.getByRole('button', { name: '提交上报' }).click();
  await expect.poll(() => page.getByText('已送达').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => drafts.getByText('地下车库无信号').count()).toBe(0);
  await context.close();
});

it('what the grid cannot solve is pushed up to the village from the task list', async () => {
  const f = await createOrder(s, { channel: 'grid_patrol', gridWorker: WORKER });
  await step(s, f, f.dispatcher, 'accept', {}, 'pending_dispatch');
  const { context, page } = await phone(WORKER);
  const list = page.getByRole('region', { name: '可上推（网格内无法解决）' });
  await list.getByText(f.order.description.slice(0, 20)).click();
  await page.getByText('上推到村（社区）').waitFor();
  await page.getByLabel('上推理由').fill('涉及多户产权，网格内无法协调');
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByRole('navigation').getByText('待发送').click();
  await expect.poll(() => page.getByText('已送达').count(), { timeout: 30_000 }).toBe(1);
  const o = (await (await s.as('admin')).get(`/api/v1/orders/${f.id}`)).body;
  expect([o.state.code, o.level]).toEqual(['pending_sign', 'village']);
  expect(o.timeline.at(-1)!.note).toBe('涉及多户产权，网格内无法协调');
  await context.close();
});

it('an order of his grid under supervision is listed for him to follow on site', async () => {
  const f = await orderIn(s, 'handling', { gridWorker: WORKER });
  const raised = await (await s.as('zx_supervisor')).post(`/api/v1/orders/${f.id}/supervisions` as '/api/v1/orders/:id/supervisions', { level: 2, note: '群众反复来电，请今日内处置', taskHours: 2 });
  expect(raised.status).toBe(201);
  const { context, page } = await phone(WORKER);
  const list = page.getByRole('region', { name: '本网格督办件（现场跟进）' });
  await list.getByText(f.order.description.slice(0, 20)).click();
  await page.getByText(f.order.code).waitFor();
  // Nothing for him to submit: the supervised unit answers in the console.
  expect(await page.getByRole('button', { name: '提交' }).count()).toBe(0);
  await context.close();
});
