/**
 * The hotline operator's intake (来电登记) in Debian's Chromium: a call registered by clicking the map, with the
 * similar case shown before saving; another call added to that existing order (追加来电); a consultation answered
 * and closed directly (直接办结). Controls are found by their Chinese labels and roles; screenshots go to
 * E2E_SCREENSHOTS when it is set.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newKey, type TestServer } from '../apps/server/test/harness.ts';
import { createOrder, DEFAULT_PHONE, orderIn } from '../apps/server/test/order-fixtures.ts';
import { closeJourney, openJourney, shot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  ({ s, browser } = await openJourney());
  await orderIn(s, 'handling'); // the caller's earlier order (the fixtures' phone)
}, 120_000);
afterAll(() => closeJourney(s, browser));


async function openIntake(page: Page): Promise<void> {
  await signIn(page, s.base, 'zx_operator');
  await page.getByRole('menu', { name: '功能导航' }).getByText('来电登记').click();
  await page.getByRole('application', { name: /地图/ }).waitFor();
}

/** Clicks the middle of the map and answers the WGS-84 point the form took, once its grid is shown. */
async function clickMap(page: Page): Promise<{ lng: number; lat: number }> {
  const map = page.getByRole('application', { name: /地图/ });
  await expect.poll(() => map.locator('canvas').count(), { timeout: 15_000 }).toBe(1);
  await map.click(); // its middle, once it stands still (a drawer slides in)
  const place = page.getByRole('status', { name: '位置' });
  await expect.poll(() => place.innerText()).toMatch(/网格/);
  const [lng, lat] = (await place.innerText()).match(/(\d+\.\d+), (\d+\.\d+)/)!.slice(1).map(Number);
  return { lng: lng!, lat: lat! };
}

it('an operator registers a call by clicking the map, sees a similar case, and registers a new order anyway', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await openIntake(page);
  await page.getByLabel('来电号码').fill(DEFAULT_PHONE);
  // His earlier order appears with its state.
  const history = page.getByLabel('来电历史');
  // The first search of the run (its audit row, its plan) on a machine busy with the other tests: allow for it.
  await expect.poll(() => history.innerText(), { timeout: 15_000 }).toMatch(/LD\d+[\s\S]*处置中/);
  await page.getByLabel('来电人').fill('陈先生');
  const point = await clickMap(page);
  // Someone reported a broken manhole cover right there an hour ago.
  const earlier = await (await s.as('zx_operator')).post(
    '/api/v1/orders',
    { channel: 'hotline', nature: 'complaint', description: '路口井盖破损下沉，车辆经过很危险', location: point, reporter: { phone: '13911112222' } },
    { 'idempotency-key': newKey('e2e') },
  );
  expect(earlier.status).toBe(201);
  // The category by pinyin initials: jg → 井盖.
  await page.getByLabel('问题类别').fill('gsjg');
  await page.getByRole('option', { name: /供水井盖异常/ }).waitFor({ state: 'attached' });
  await page.keyboard.press('Enter');
  // A stock phrase starts the description; the caller says it is urgent.
  await page.getByLabel('惯用语').fill('反映');
  await page.getByRole('option', { name: '市民来电反映：' }).waitFor({ state: 'attached' });
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByLabel('诉求内容').inputValue()).toBe('市民来电反映：');
  await page.getByLabel('诉求内容').fill('路口的井盖破损了，车开过去哐哐响');
  await page.getByRole('radio', { name: '紧急', exact: true }).check();
  const similar = page.getByLabel('相似案件');
  await expect.poll(() => similar.innerText(), { timeout: 10_000 }).toContain(earlier.body.code);
  expect(await similar.innerText()).toMatch(/距离 \d+ 米/);
  await shot(page, 'intake-similar-1920');
  await page.getByRole('button', { name: '登记工单' }).click();
  await page.getByText(/已登记工单 LD\d+/).first().waitFor();
  const code = (await page.getByText(/已登记工单 LD\d+/).first().innerText()).match(/LD\d+/)![0];
  const created = await (await s.as('zx_operator')).get(`/api/v1/orders/${code}`);
  expect(created.body).toMatchObject({ nature: { code: 'complaint' }, category: { code: '01001' }, description: '路口的井盖破损了，车开过去哐哐响', urgency: 'urgent' });
  expect(created.body.reporters[0]).toMatchObject({ name: '陈先生', phone: DEFAULT_PHONE });
  expect(created.body.location.lng).toBeCloseTo(point.lng, 5);
  await shot(page, 'intake-registered-1920');
  await context.close();
}, 120_000);

it('another call about the same matter is added to the existing order; a consultation is answered and closed directly', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openIntake(page);
  const point = await clickMap(page);
  const existing = await (await s.as('zx_operator')).post(
    '/api/v1/orders',
    { channel: 'hotline', nature: 'complaint', description: '小区门口垃圾堆放多日无人清运，气味很大', location: point, reporter: { phone: '13933334444' } },
    { 'idempotency-key': newKey('e2e') },
  );
  await page.getByLabel('来电号码').fill('13955556666');
  await page.getByLabel('诉求内容').fill('小区门口的垃圾好几天没人清运了');
  const item = page.getByLabel('相似案件').getByRole('listitem', { name: existing.body.code });
  await item.waitFor({ timeout: 10_000 });
  await shot(page, 'intake-similar-1366');
  await item.getByRole('button', { name: '追加来电' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
  await page.getByText(`已将来电追加到工单 ${existing.body.code}`).first().waitFor();
  const after = await (await s.as('zx_operator')).get(`/api/v1/orders/${existing.body.id}`);
  expect(after.body.reporters.map((r) => r.phone)).toEqual(['13933334444', '13955556666']);
  expect(after.body.timeline.at(-1)).toMatchObject({ action: 'add-caller', note: '小区门口的垃圾好几天没人清运了' });

  // A consultation: answered on the call and closed directly.
  await page.getByLabel('诉求类型').fill('咨询');
  await page.getByRole('option', { name: '咨询' }).waitFor({ state: 'attached' });
  await page.keyboard.press('Enter');
  await page.getByLabel('诉求内容').fill('请问居住证办理需要哪些材料？');
  await clickMap(page);
  await page.getByLabel('答复内容').fill('携带身份证、租房合同到社区服务中心办理，5 个工作日内可领取。');
  await page.getByRole('button', { name: '答复并直接办结' }).click();
  await page.getByText(/已答复并直接办结 LD\d+/).first().waitFor();
  const code = (await page.getByText(/已答复并直接办结 LD\d+/).first().innerText()).match(/LD\d+/)![0];
  const answered = await (await s.as('zx_operator')).get(`/api/v1/orders/${code}`);
  expect(answered.body.state.code).toBe('closed');
  expect(answered.body.timeline.at(-1)).toMatchObject({ action: 'answer', data: { direct: true } });
  await context.close();
}, 120_000);

it('without a place the form says so next to the field, in Chinese, and nothing is saved', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openIntake(page);
  const before = (await s.platform.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n;
  await page.getByLabel('诉求内容').fill('路灯不亮');
  await page.getByRole('button', { name: '登记工单' }).click();
  await page.getByText('请在地图上点选事发位置').waitFor();
  await page.getByLabel('来电号码').fill('12ab');
  await page.getByText('号码只能包含数字、+ 或 -（5–20 位）').waitFor();
  await shot(page, 'intake-errors-1366');
  expect((await s.platform.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n).toBe(before);
  await context.close();
}, 60_000);

it('the whole intake can be done from the keyboard: the place found by the grid’s name', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openIntake(page);
  await page.getByLabel('来电号码').focus();
  await page.keyboard.type('13977778888');
  await page.keyboard.press('Tab');
  await page.keyboard.type('周女士');
  await page.getByLabel('问题类别').focus();
  await page.keyboard.type('ldzw');
  await page.getByRole('option', { name: /乱堆杂物/ }).first().waitFor({ state: 'attached' });
  await page.keyboard.press('Enter');
  await page.getByLabel('诉求内容').focus();
  await page.keyboard.type('楼道里堆满杂物，消防通道被堵');
  await page.getByLabel('按网格定位').focus();
  await page.keyboard.type('学才社区第1');
  await page.getByRole('option', { name: /学才社区第1网格/ }).waitFor({ state: 'attached' });
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('status', { name: '位置' }).innerText()).toContain('平望镇 › 学才社区居委会 › 学才社区第1网格');
  await page.getByRole('button', { name: '登记工单' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText(/已登记工单 LD\d+/).first().waitFor();
  const code = (await page.getByText(/已登记工单 LD\d+/).first().innerText()).match(/LD\d+/)![0];
  const order = (await (await s.as('zx_operator')).get(`/api/v1/orders/${code}`)).body;
  expect(order).toMatchObject({ grid: { name: '学才社区第1网格' }, reporters: [{ name: '周女士', phone: '13977778888' }] });
  expect(order.category?.name).toBe('乱堆杂物');
  await shot(page, 'intake-keyboard-1366');
  await context.close();
}, 90_000);

it('a caller who keeps calling about one spot is flagged in his history: 重复来电, and 同址重复 on those orders', async () => {
  const phone = '13966660009';
  const line = (await (await s.as('zx_operator')).get(`/api/v1/caller-history?phone=${phone}`)).body;
  for (let i = 0; i < line.repeatedCaller.minCalls; i++) await createOrder(s, { phone });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openIntake(page);
  await page.getByLabel('来电号码').fill(phone);
  const history = page.getByLabel('来电历史');
  await history.getByRole('status', { name: '重复来电' }).waitFor({ timeout: 15_000 });
  expect(await history.getByRole('status', { name: '重复来电' }).innerText()).toBe(`重复来电：近 ${line.repeatedCaller.days} 天 ${line.repeatedCaller.minCalls} 次`);
  await expect.poll(() => history.getByText('同址重复').count()).toBe(Math.min(5, line.repeatedCaller.minCalls));
  await shot(page, 'intake-caller-history-1366');
  await context.close();
}, 90_000);
